package dev.scafctl.catalog.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.plugin.BuiltPlugin;
import dev.scafctl.catalog.testing.ForwardProxy;
import dev.scafctl.catalog.testing.RegistryServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** settings.xml proxies carry registry traffic, except to nonProxyHosts. */
class ProxyTest {

    @TempDir
    Path work;

    @Test
    void plainHttpTrafficGoesThroughTheHttpProxy() {
        try (RegistryServer registry = RegistryServer.startPlain(work.resolve("registry")); ForwardProxy proxy = new ForwardProxy()) {
            pushThrough(proxy, "", RemoteFixtures.plain(registry.hostPort()), CredentialSource.anonymous());
            assertFalse(proxy.firstLines().isEmpty());
            assertTrue(proxy.firstLines().stream().allMatch(l -> l.contains("http://" + registry.hostPort() + "/v2/")),
                    proxy.firstLines().toString());
        }
    }

    @Test
    void tlsTrafficIsTunnelledThroughTheProxy() {
        try (RegistryServer registry = RegistryServer.startTls(work.resolve("registry")); ForwardProxy proxy = new ForwardProxy()) {
            RemoteCatalog catalog = RemoteCatalog.parse(null, "oci://" + registry.hostPort() + "/t", false, registry.caCertificate());
            pushThrough(proxy, "", catalog, r -> Optional.of(new Credentials(registry.user(), registry.password(), "test")));
            assertFalse(proxy.firstLines().isEmpty());
            assertTrue(proxy.firstLines().stream().allMatch(l -> l.equals("CONNECT " + registry.hostPort() + " HTTP/1.1")),
                    proxy.firstLines().toString());
        }
    }

    @Test
    void nonProxyHostsGoDirect() {
        try (RegistryServer registry = RegistryServer.startPlain(work.resolve("registry")); ForwardProxy proxy = new ForwardProxy()) {
            pushThrough(proxy, "localhost|127.0.0.*", RemoteFixtures.plain(registry.hostPort()), CredentialSource.anonymous());
            assertEquals(List.of(), proxy.firstLines());
        }
    }

    @Test
    void anHttpsRequestUsesTheHttpProxyWhenNoHttpsProxyIsDeclared() {
        ProxyRoutes routes = new ProxyRoutes(List.of(new ProxyRoute("http", "proxy.corp", 3128, "*.internal|localhost")));
        assertEquals(Optional.of("proxy.corp"), routes.routeFor(URI.create("https://ghcr.io/v2/")).map(ProxyRoute::host));
        assertEquals(Optional.empty(), routes.routeFor(URI.create("https://nexus.internal/v2/")));
        ProxyRoutes both = new ProxyRoutes(List.of(new ProxyRoute("http", "plain.corp", 1, ""), new ProxyRoute("https", "tls.corp", 2, "")));
        assertEquals(Optional.of("tls.corp"), both.routeFor(URI.create("https://ghcr.io/v2/")).map(ProxyRoute::host));
        assertEquals(Optional.of("plain.corp"), both.routeFor(URI.create("http://ghcr.io/v2/")).map(ProxyRoute::host));
    }

    private void pushThrough(ForwardProxy proxy, String nonProxyHosts, RemoteCatalog catalog, CredentialSource credentials) {
        LocalCatalog local = LocalCatalog.open(work.resolve("catalog"));
        BuiltPlugin built = RemoteFixtures.build(local, work, "proxied", "1.0.0", Platform.SUPPORTED.subList(0, 1), "");
        ProxyRoutes routes = new ProxyRoutes(List.of(
                new ProxyRoute("http", "127.0.0.1", proxy.port(), nonProxyHosts)));
        Function<Registry, RegistryClient> clients = r -> new RegistryClient(r, credentials,
                RemoteFixtures.fastRetries().withProxies(routes));
        CatalogPusher.Result result = RemoteFixtures.pusher(local, clients, new BlobLocations())
                .push(built.reference(), catalog, new CatalogPusher.Options(false));
        assertEquals(built.index().digest(), result.digest());
    }

}
