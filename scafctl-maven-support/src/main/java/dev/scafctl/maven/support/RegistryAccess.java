package dev.scafctl.maven.support;

import dev.scafctl.catalog.DefaultLocations;
import dev.scafctl.catalog.remote.CredentialSource;
import dev.scafctl.catalog.remote.Credentials;
import dev.scafctl.catalog.remote.DockerConfigCredentials;
import dev.scafctl.catalog.remote.EnvironmentCredentials;
import dev.scafctl.catalog.remote.ProxyRefusals;
import dev.scafctl.catalog.remote.ProxyRoute;
import dev.scafctl.catalog.remote.ProxyRoutes;
import dev.scafctl.catalog.remote.ServerCredentials;
import dev.scafctl.catalog.remote.Transport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import dev.scafctl.catalog.CatalogException;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Maven's view of registry access, handed to the core: credentials in Jib's order (a settings.xml {@code <server>}
 * whose id is the registry {@code host:port} or {@code host}, its password decrypted by Maven; then
 * {@code SCAFCTL_REGISTRY_USERNAME}/{@code SCAFCTL_REGISTRY_PASSWORD}; then docker and podman config files and
 * helpers), and the active settings.xml proxies. Secrets go into the core's types, never into a log line.
 */
public final class RegistryAccess {

    private RegistryAccess() {}

    public static CredentialSource credentials(Settings settings, SettingsDecrypter decrypter, Consumer<String> warn) {
        Map<String, Credentials> servers = new HashMap<>();
        Map<String, String> undecryptable = new HashMap<>();
        for (Server server : settings.getServers()) {
            // One request per server, so a password that cannot be decrypted is known by its server id.
            SettingsDecryptionResult decrypted = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
            if (!decrypted.getProblems().isEmpty()) {
                undecryptable.put(server.getId(), problems(decrypted));
                continue;
            }
            Server clear = decrypted.getServer();
            if (clear.getUsername() != null && clear.getPassword() != null) {
                servers.put(clear.getId(), new Credentials(clear.getUsername(), clear.getPassword(),
                        "settings.xml server \"" + clear.getId() + "\""));
            }
        }
        Map<String, String> environment = System.getenv();
        CredentialSource found = CredentialSource.firstOf(List.of(
                new ServerCredentials(servers),
                new EnvironmentCredentials(environment),
                DockerConfigCredentials.standardLocations(environment, DefaultLocations.ofCurrentUser().userHome())));
        return registry -> {
            // The server that would have answered for this registry cannot: fail before any request rather than
            // send its ciphertext as a password.
            for (String id : ServerCredentials.idsFor(registry)) {
                String problem = undecryptable.get(id);
                if (problem != null) {
                    throw new CatalogException("settings.xml server \"" + id + "\" (the credentials of registry "
                            + registry + "): its password cannot be decrypted (" + problem + "); fix"
                            + " ~/.m2/settings-security.xml or the encrypted password, or use a plain one");
                }
                if (servers.containsKey(id)) {
                    break;
                }
            }
            return found.find(registry);
        };
    }

    /**
     * The transport for settings.xml proxies; {@code debug} (null for none) hears every request line; {@code refusals}
     * are the build's refused proxy logins (see {@link SessionScoped}).
     */
    public static Transport transport(Settings settings, SettingsDecrypter decrypter, Consumer<String> warn,
            Consumer<String> debug, ProxyRefusals refusals) {
        Transport transport = Transport.defaults().withDebug(debug);
        List<Proxy> active = settings.getProxies().stream().filter(Proxy::isActive).toList();
        if (active.isEmpty()) {
            return transport;
        }
        List<ProxyRoute> routes = new ArrayList<>();
        for (Proxy proxy : active) {
            SettingsDecryptionResult decrypted = decrypter.decrypt(new DefaultSettingsDecryptionRequest().setProxies(List.of(proxy)));
            if (!decrypted.getProblems().isEmpty()) {
                // Its ciphertext is never sent as a password: no request goes out until this is fixed.
                throw new CatalogException("settings.xml proxy \"" + proxy.getId() + "\" (" + proxy.getHost() + ":"
                        + proxy.getPort() + "): its password cannot be decrypted (" + problems(decrypted) + "); fix"
                        + " ~/.m2/settings-security.xml or the encrypted password, or use a plain one");
            }
            Proxy clear = decrypted.getProxy();
            Credentials login = clear.getUsername() != null && !clear.getUsername().isEmpty() && clear.getPassword() != null
                    ? new Credentials(clear.getUsername(), clear.getPassword(), "settings.xml proxy \"" + clear.getId() + "\"")
                    : null;
            routes.add(new ProxyRoute(clear.getProtocol(), clear.getHost(), clear.getPort(), clear.getNonProxyHosts(), login));
        }
        if (debug != null) {
            debug.accept("registry traffic uses " + routes.size() + " settings.xml proxy route(s): " + routes);
        }
        return transport.withProxies(new ProxyRoutes(routes, refusals));
    }

    public static Path scafctlConfig() {
        return DefaultLocations.ofCurrentUser().configDir().resolve("config.yaml");
    }

    /** What the decrypter said, which names the server or proxy and what went wrong, never the secret. */
    private static String problems(SettingsDecryptionResult result) {
        return result.getProblems().stream().map(SettingsProblem::getMessage).collect(Collectors.joining("; "));
    }
}
