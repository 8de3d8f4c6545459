package dev.scafctl.catalog.remote;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One forward proxy as Maven's settings.xml declares it: the protocol it serves ({@code http} or {@code https}),
 * its address, the hosts that bypass it ({@code nonProxyHosts}: {@code |}-separated, {@code *} wildcards), and the
 * login it requires, if any ({@code null} for none; {@link Credentials} never show the password).
 */
public record ProxyRoute(String protocol, String host, int port, String nonProxyHosts, Credentials login) {

    public ProxyRoute {
        protocol = protocol == null || protocol.isBlank() ? "http" : protocol.toLowerCase(Locale.ROOT);
        nonProxyHosts = nonProxyHosts == null ? "" : nonProxyHosts;
    }

    /** A proxy that requires no login. */
    public ProxyRoute(String protocol, String host, int port, String nonProxyHosts) {
        this(protocol, host, port, nonProxyHosts, null);
    }

    /** {@code host:port}, as messages name the proxy. */
    public String address() {
        return host + ":" + port;
    }

    /** Whether {@code targetHost} is listed in {@code nonProxyHosts} and so must be reached directly. */
    public boolean bypasses(String targetHost) {
        for (String pattern : nonProxyHosts.split("[|,]")) {
            String trimmed = pattern.strip().toLowerCase(Locale.ROOT);
            if (trimmed.isEmpty()) {
                continue;
            }
            String regex = Pattern.quote(trimmed).replace("*", "\\E.*\\Q");
            if (targetHost.toLowerCase(Locale.ROOT).matches(regex)) {
                return true;
            }
        }
        return false;
    }
}
