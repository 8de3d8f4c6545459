package dev.scafctl.catalog.remote;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A {@link ProxySelector} over settings.xml proxies: an {@code https} URI goes through the {@code https} proxy,
 * or the {@code http} one when only that is declared (as Maven's own transport does); hosts in
 * {@code nonProxyHosts} go direct.
 */
public final class ProxyRoutes extends ProxySelector {

    private final List<ProxyRoute> routes;
    private final ProxyRefusals refusals;

    /** Routes whose refused logins are remembered in {@code refusals} (the build's). */
    public ProxyRoutes(List<ProxyRoute> routes, ProxyRefusals refusals) {
        this.routes = List.copyOf(routes);
        this.refusals = refusals;
    }

    /** Routes with a memory of refused logins of their own. */
    public ProxyRoutes(List<ProxyRoute> routes) {
        this(routes, new ProxyRefusals());
    }

    ProxyRefusals refusals() {
        return refusals;
    }

    /** The route a request to {@code uri} takes, if any. */
    public Optional<ProxyRoute> routeFor(URI uri) {
        String scheme = uri.getScheme() == null ? "http" : uri.getScheme().toLowerCase(Locale.ROOT);
        Optional<ProxyRoute> route = routes.stream().filter(r -> r.protocol().equals(scheme)).findFirst();
        if (route.isEmpty() && scheme.equals("https")) {
            route = routes.stream().filter(r -> r.protocol().equals("http")).findFirst();
        }
        return route.filter(r -> !r.bypasses(uri.getHost()));
    }

    /** Whether any route requires a login (then requests through it go through {@link ProxyLoginClient}). */
    public boolean anyLogin() {
        return routes.stream().anyMatch(r -> r.login() != null);
    }

    @Override
    public List<Proxy> select(URI uri) {
        return routeFor(uri)
                .map(r -> List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(r.host(), r.port()))))
                .orElse(List.of(Proxy.NO_PROXY));
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException failure) {
        // The request fails and is retried or reported by the registry client; nothing to remember here.
    }
}
