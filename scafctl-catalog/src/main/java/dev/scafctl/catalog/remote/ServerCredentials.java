package dev.scafctl.catalog.remote;

import java.util.List;
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
        return idsFor(registry).stream().map(byId::get).filter(java.util.Objects::nonNull).findFirst();
    }

    /** The server ids that answer for {@code registry}, the first found winning: {@code host:port}, then {@code host}. */
    public static List<String> idsFor(Registry registry) {
        return List.of(registry.host(), registry.hostName()).stream().distinct().toList();
    }
}
