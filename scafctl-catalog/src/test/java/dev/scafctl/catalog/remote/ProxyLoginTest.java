package dev.scafctl.catalog.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactName;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.artifact.PluginRequirement;
import dev.scafctl.catalog.artifact.Version;
import dev.scafctl.catalog.artifact.VersionConstraint;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.plugin.BuiltPlugin;
import dev.scafctl.catalog.plugin.PluginCache;
import dev.scafctl.catalog.plugin.PluginInstaller;
import dev.scafctl.catalog.testing.ForwardProxy;
import dev.scafctl.catalog.testing.RegistryServer;
import dev.scafctl.catalog.testing.TinyProxy;
import dev.scafctl.catalog.testing.TokenServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Registry traffic through the real tinyproxy, with and without a proxy login, to the registries users meet: plain
 * HTTP, TLS with htpasswd (Basic, through a CONNECT tunnel) and Bearer tokens, each pushed to, pulled from and
 * installed from (install-plugins' installer). The proxy login never disturbs the
 * registry login, nonProxyHosts bypass the proxy entirely (even one that is down), and a refused login is reported
 * naming the proxy and sent at most twice. No password reaches a message or a debug line.
 */
class ProxyLoginTest {

    @TempDir
    Path work;

    private final List<String> debug = new ArrayList<>();

    @ParameterizedTest(name = "proxy login {0}")
    @ValueSource(booleans = {true, false})
    void aPlainHttpRegistryThroughTheProxy(boolean login) {
        try (RegistryServer registry = RegistryServer.startPlain(work.resolve("registry"));
                TinyProxy proxy = login ? TinyProxy.withLogin(work.resolve("proxy")) : TinyProxy.open(work.resolve("proxy"))) {
            pushAndPull(routes(proxy, "", proxy.password()), RemoteFixtures.plain(registry.hostPort()), CredentialSource.anonymous());
            assertFalse(proxy.requests().isEmpty());
            assertTrue(proxy.requests().stream().allMatch(r -> r.startsWith("GET http://" + registry.hostPort() + "/v2/")
                    || r.startsWith("HEAD http://" + registry.hostPort()) || r.startsWith("PUT http://" + registry.hostPort())
                    || r.startsWith("POST http://" + registry.hostPort())), proxy.requests().toString());
            assertNoSecret(proxy, null);
        }
    }

    @ParameterizedTest(name = "proxy login {0}")
    @ValueSource(booleans = {true, false})
    void aTlsRegistryWithBasicAuthThroughAConnectTunnel(boolean login) {
        try (RegistryServer registry = RegistryServer.startTls(work.resolve("registry"));
                TinyProxy proxy = login ? TinyProxy.withLogin(work.resolve("proxy")) : TinyProxy.open(work.resolve("proxy"))) {
            pushAndPull(routes(proxy, "", proxy.password()), tlsCatalog(registry), basic(registry));
            assertFalse(proxy.requests().isEmpty());
            assertTrue(proxy.requests().stream().allMatch(r -> r.equals("CONNECT " + registry.hostPort() + " HTTP/1.1")),
                    proxy.requests().toString());
            assertNoSecret(proxy, registry.password());
        }
    }

    @ParameterizedTest(name = "proxy login {0}")
    @ValueSource(booleans = {true, false})
    void aBearerTokenRegistryThroughTheProxy(boolean login) {
        List<TokenServer.User> users = List.of(new TokenServer.User("alice", "a:lice", Set.of("pull", "push")));
        try (TokenServer tokens = new TokenServer(work.resolve("tokens"), users);
                RegistryServer registry = RegistryServer.startWithTokens(work.resolve("registry"), tokens);
                TinyProxy proxy = login ? TinyProxy.withLogin(work.resolve("proxy")) : TinyProxy.open(work.resolve("proxy"))) {
            pushAndPull(routes(proxy, "", proxy.password()), RemoteFixtures.plain(registry.hostPort()),
                    r -> Optional.of(new Credentials("alice", "a:lice", "test")));
            assertTrue(tokens.requests().stream().allMatch(r -> r.startsWith("alice ")),
                    "the token requests carried alice's login: " + tokens.requests());
            assertTrue(proxy.requests().stream().anyMatch(r -> r.contains(tokens.realm().replaceFirst("/[^/]*$", ""))),
                    "the token request went through the proxy too: " + proxy.requests());
            assertNoSecret(proxy, "a:lice");
        }
    }

    @Test
    void aRegistryInNonProxyHostsIsReachedDirectlyEvenWhenTheProxyIsDown() {
        try (RegistryServer registry = RegistryServer.startTls(work.resolve("registry"))) {
            int downPort;
            String password;
            try (TinyProxy proxy = TinyProxy.withLogin(work.resolve("proxy"))) {
                downPort = proxy.port();
                password = proxy.password();
            }
            ProxyRoutes routes = new ProxyRoutes(List.of(new ProxyRoute("http", "127.0.0.1", downPort, "localhost|127.0.0.*",
                    new Credentials(TinyProxy.USER, password, "settings.xml proxy \"corp\""))));
            pushAndPull(routes, tlsCatalog(registry), basic(registry));
        }
    }

    @Test
    void aRegistryInNonProxyHostsNeverMeetsTheProxy() {
        try (RegistryServer registry = RegistryServer.startTls(work.resolve("registry"));
                TinyProxy proxy = TinyProxy.withLogin(work.resolve("proxy"))) {
            pushAndPull(routes(proxy, "127.0.0.1", proxy.password()), tlsCatalog(registry), basic(registry));
            assertEquals(List.of(), proxy.requests());
        }
    }

    /** Plain HTTP through a proxy that answers a wrong login with 407 (a relay: tinyproxy says 401 there). */
    @Test
    void aWrongProxyPasswordOnPlainHttpIsReportedAsSuchAndSentAtMostTwice() {
        String login = new Credentials(TinyProxy.USER, "right", "test").basicAuthorization();
        try (RegistryServer registry = RegistryServer.startPlain(work.resolve("registry"));
                ForwardProxy proxy = new ForwardProxy(login)) {
            ProxyRoutes routes = new ProxyRoutes(List.of(new ProxyRoute("http", "127.0.0.1", proxy.port(), "",
                    new Credentials(TinyProxy.USER, "wrong", "settings.xml proxy \"corp\""))));
            RemoteCatalog catalog = RemoteFixtures.plain(registry.hostPort());
            RegistryException first = assertThrows(RegistryException.class,
                    () -> pushAndPull(routes, catalog, CredentialSource.anonymous()));
            assertTrue(first.getMessage().contains("proxy 127.0.0.1:" + proxy.port() + " refused the login of "
                    + TinyProxy.USER + " from settings.xml proxy \"corp\""), first.getMessage());
            int sent = proxy.firstLines().size();
            assertTrue(sent >= 1 && sent <= 2, "the wrong password went to the proxy " + sent + " times: " + proxy.firstLines());
            assertThrows(RegistryException.class, () -> pushAndPull(routes, catalog, CredentialSource.anonymous()));
            assertEquals(sent, proxy.firstLines().size(), proxy.firstLines().toString());

            // and the right one passes
            ProxyRoutes right = new ProxyRoutes(List.of(new ProxyRoute("http", "127.0.0.1", proxy.port(), "",
                    new Credentials(TinyProxy.USER, "right", "settings.xml proxy \"corp\""))));
            pushAndPull(right, catalog, CredentialSource.anonymous());
        }
    }

    @Test
    void theRegistryHostNameIsCheckedThroughTheTunnelToo() throws java.io.IOException {
        try (RegistryServer registry = RegistryServer.startTls(work.resolve("registry"));
                TransportFaultTest.Relay relay = new TransportFaultTest.Relay(java.net.InetAddress.getByName("127.0.0.2"), registry.port());
                TinyProxy proxy = TinyProxy.withLogin(work.resolve("proxy"))) {
            RegistryClient client = new RegistryClient(new Registry("127.0.0.2:" + relay.port(), false, false,
                    registry.caCertificate()), basic(registry), RemoteFixtures.fastRetries().withProxies(routes(proxy, "",
                    proxy.password())));
            RegistryException e = assertThrows(RegistryException.class, () -> client.listTags("team/x"));
            assertTrue(e.getMessage().contains("127.0.0.2") && e.getMessage().contains("names: 127.0.0.1, localhost"),
                    e.getMessage());
            assertEquals(List.of("CONNECT 127.0.0.2:" + relay.port() + " HTTP/1.1"), proxy.requests(), "not retried");
        }
    }

    @Test
    void aProxyThatIsDownIsNamed() {
        int downPort;
        try (TinyProxy proxy = TinyProxy.withLogin(work.resolve("proxy"))) {
            downPort = proxy.port();
        }
        ProxyRoutes routes = new ProxyRoutes(List.of(new ProxyRoute("http", "127.0.0.1", downPort, "",
                new Credentials(TinyProxy.USER, "pw-unused", "settings.xml proxy \"corp\""))));
        RegistryClient client = new RegistryClient(new Registry("registry.invalid:5000", false, false, null),
                CredentialSource.anonymous(), RemoteFixtures.fastRetries().withProxies(routes));
        RegistryException e = assertThrows(RegistryException.class, () -> client.listTags("team/x"));
        assertTrue(e.getMessage().contains("the proxy 127.0.0.1:" + downPort + " (settings.xml <proxy>) refused the connection"),
                e.getMessage());
    }

    /** Through a CONNECT tunnel (tinyproxy answers a wrong login on plain HTTP with a 401 that looks like the registry's). */
    @Test
    void aWrongProxyPasswordIsReportedAsSuchAndSentAtMostTwice() {
        try (RegistryServer registry = RegistryServer.startTls(work.resolve("registry"));
                TinyProxy proxy = TinyProxy.withLogin(work.resolve("proxy"))) {
            String wrong = "wrong" + proxy.password();
            ProxyRoutes routes = routes(proxy, "", wrong);
            RemoteCatalog catalog = tlsCatalog(registry);
            CredentialSource credentials = basic(registry);
            RegistryException first = assertThrows(RegistryException.class, () -> pushAndPull(routes, catalog, credentials));
            assertTrue(first.getMessage().contains("proxy 127.0.0.1:" + proxy.port() + " refused the login of "
                    + TinyProxy.USER + " from settings.xml proxy \"corp\" (407 Proxy Authentication Required)"), first.getMessage());
            assertFalse(first.getMessage().contains(wrong), first.getMessage());
            int sent = proxy.requests().size();
            assertTrue(sent >= 1 && sent <= 2, "the wrong password went to the proxy " + sent + " times: " + proxy.requests());

            // Another client of the same build does not try it again.
            RegistryException again = assertThrows(RegistryException.class, () -> pushAndPull(routes, catalog, credentials));
            assertTrue(again.getMessage().contains("earlier in this build"), again.getMessage());
            assertEquals(sent, proxy.requests().size(), proxy.requests().toString());
            assertNoSecret(proxy, wrong);
        }
    }

    @ParameterizedTest(name = "tls {0}")
    @ValueSource(booleans = {true, false})
    void aProxyThatWantsALoginSettingsDoNotGiveSaysSo(boolean tls) {
        try (RegistryServer registry = tls ? RegistryServer.startTls(work.resolve("registry"))
                : RegistryServer.startPlain(work.resolve("registry"));
                TinyProxy proxy = TinyProxy.withLogin(work.resolve("proxy"))) {
            ProxyRoutes routes = routes(proxy, "", null);
            RemoteCatalog catalog = tls ? tlsCatalog(registry) : RemoteFixtures.plain(registry.hostPort());
            RegistryException e = assertThrows(RegistryException.class,
                    () -> pushAndPull(routes, catalog, tls ? basic(registry) : CredentialSource.anonymous()));
            assertEquals(407, e.status(), e.getMessage());
            assertTrue(e.getMessage().contains("the proxy 127.0.0.1:" + proxy.port() + " requires a login"), e.getMessage());
            assertEquals(1, proxy.requests().size(), "not retried: " + proxy.requests());
        }
    }

    private ProxyRoutes routes(TinyProxy proxy, String nonProxyHosts, String password) {
        Credentials login = password == null ? null : new Credentials(TinyProxy.USER, password, "settings.xml proxy \"corp\"");
        return new ProxyRoutes(List.of(new ProxyRoute("http", "127.0.0.1", proxy.port(), nonProxyHosts, login)));
    }

    private static RemoteCatalog tlsCatalog(RegistryServer registry) {
        return RemoteCatalog.parse(null, "oci://" + registry.hostPort() + "/t", false, registry.caCertificate());
    }

    private static CredentialSource basic(RegistryServer registry) {
        return r -> Optional.of(new Credentials(registry.user(), registry.password(), "test"));
    }

    private void pushAndPull(ProxyRoutes routes, RemoteCatalog catalog, CredentialSource credentials) {
        LocalCatalog local = LocalCatalog.open(work.resolve("catalog"));
        BuiltPlugin built = RemoteFixtures.build(local, work, "proxied", "1.0.0", Platform.SUPPORTED.subList(0, 1), "");
        Function<Registry, RegistryClient> clients = r -> new RegistryClient(r, credentials,
                RemoteFixtures.fastRetries().withProxies(routes).withDebug(debug::add));
        CatalogPusher.Result pushed = RemoteFixtures.pusher(local, clients, new BlobLocations())
                .push(built.reference(), catalog, new CatalogPusher.Options(false));
        assertEquals(built.index().digest(), pushed.digest());
        CatalogPuller.Result pulled = RemoteFixtures.puller(LocalCatalog.open(work.resolve("pulled")), clients)
                .pull(RemoteReference.parse(catalog.url() + "/providers/proxied@1.0.0", false, catalog.registry().caFile()), false);
        assertEquals(built.index().digest(), pulled.digest());
        // and installed by install-plugins' installer from the registry into an empty cache
        PluginCache cache = new PluginCache(work.resolve("cache"));
        Platform platform = Platform.SUPPORTED.get(0);
        PluginInstaller.Installed installed = new PluginInstaller(LocalCatalog.open(work.resolve("install-catalog")),
                List.of(catalog), clients, cache, TransferListener.NONE, line -> { }).install(List.of(new PluginRequirement(
                ArtifactName.of("proxied"), ArtifactKind.PROVIDER, VersionConstraint.parse("1.0.0"))), Optional.empty(),
                new PluginInstaller.Options(platform, false, 2)).get(0);
        assertEquals(cache.path(ArtifactName.of("proxied"), Version.parse("1.0.0"), platform), installed.file());
        assertTrue(java.nio.file.Files.isRegularFile(installed.file()));
    }

    private void assertNoSecret(TinyProxy proxy, String registryPassword) {
        for (String line : debug) {
            if (proxy.password() != null) {
                assertFalse(line.contains(proxy.password()), line);
            }
            if (registryPassword != null) {
                assertFalse(line.contains(registryPassword), line);
            }
        }
        assertFalse(debug.isEmpty());
    }
}
