package dev.scafctl.maven.support;

import dev.scafctl.catalog.DefaultLocations;
import dev.scafctl.catalog.remote.CredentialSource;
import dev.scafctl.catalog.remote.Credentials;
import dev.scafctl.catalog.remote.DockerConfigCredentials;
import dev.scafctl.catalog.remote.EnvironmentCredentials;
import dev.scafctl.catalog.remote.ProxyRoute;
import dev.scafctl.catalog.remote.ProxyRoutes;
import dev.scafctl.catalog.remote.ServerCredentials;
import dev.scafctl.catalog.remote.Transport;
import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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
        SettingsDecryptionResult decrypted = decrypter.decrypt(new DefaultSettingsDecryptionRequest(settings));
        report(decrypted, warn);
        Map<String, Credentials> servers = new HashMap<>();
        for (Server server : decrypted.getServers()) {
            if (server.getUsername() != null && server.getPassword() != null) {
                servers.put(server.getId(), new Credentials(server.getUsername(), server.getPassword(),
                        "settings.xml server \"" + server.getId() + "\""));
            }
        }
        Map<String, String> environment = System.getenv();
        return CredentialSource.firstOf(List.of(
                new ServerCredentials(servers),
                new EnvironmentCredentials(environment),
                DockerConfigCredentials.standardLocations(environment, DefaultLocations.ofCurrentUser().userHome())));
    }

    /** The transport for settings.xml proxies; {@code debug} (null for none) hears every request line. */
    public static Transport transport(Settings settings, SettingsDecrypter decrypter, Consumer<String> warn,
            Consumer<String> debug) {
        Transport transport = Transport.defaults().withDebug(debug);
        List<Proxy> active = settings.getProxies().stream().filter(Proxy::isActive).toList();
        if (active.isEmpty()) {
            return transport;
        }
        SettingsDecryptionResult decrypted = decrypter.decrypt(new DefaultSettingsDecryptionRequest().setProxies(active));
        report(decrypted, warn);
        List<ProxyRoute> routes = decrypted.getProxies().stream()
                .map(p -> new ProxyRoute(p.getProtocol(), p.getHost(), p.getPort(), p.getNonProxyHosts()))
                .toList();
        Map<String, PasswordAuthentication> logins = new HashMap<>();
        for (Proxy proxy : decrypted.getProxies()) {
            if (proxy.getUsername() != null && proxy.getPassword() != null) {
                logins.put(proxy.getHost() + ":" + proxy.getPort(),
                        new PasswordAuthentication(proxy.getUsername(), proxy.getPassword().toCharArray()));
            }
        }
        Authenticator authenticator = logins.isEmpty() ? null : new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return getRequestorType() == RequestorType.PROXY
                        ? logins.get(getRequestingHost() + ":" + getRequestingPort()) : null;
            }
        };
        if (debug != null) {
            debug.accept("registry traffic uses " + routes.size() + " settings.xml proxy route(s)");
        }
        return transport.withProxies(new ProxyRoutes(routes), authenticator);
    }

    public static Path scafctlConfig() {
        return DefaultLocations.ofCurrentUser().configDir().resolve("config.yaml");
    }

    private static void report(SettingsDecryptionResult result, Consumer<String> warn) {
        for (SettingsProblem problem : result.getProblems()) {
            // Problems name the server or proxy id and what went wrong, never the secret.
            warn.accept("settings.xml: " + problem.getMessage());
        }
    }
}
