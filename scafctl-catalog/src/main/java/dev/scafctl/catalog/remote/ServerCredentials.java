package dev.scafctl.catalog.remote;

import java.util.Map;
import java.util.Optional;

/**
 * Credentials configured per registry, keyed by {@code host:port} or {@code host}, as Maven's settings.xml
 * {@code <server>} entries are (their id is the registry). The exact {@code host:port} wins over the bare host.
 */
public final class ServerCredentials implements CredentialSource {

    private final Map<String, Credentials> byId;

    public ServerCredentials(Map<String, Credentials> byId) {
        this.byId = Map.copyOf(byId);
    }

    @Override
    public Optional<Credentials> find(Registry registry) {
        Credentials exact = byId.get(registry.host());
        return Optional.ofNullable(exact != null ? exact : byId.get(registry.hostName()));
    }
}
