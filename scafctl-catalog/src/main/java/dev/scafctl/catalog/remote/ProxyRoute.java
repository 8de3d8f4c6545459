package dev.scafctl.catalog.remote;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One forward proxy as Maven's settings.xml declares it: the protocol it serves ({@code http} or {@code https}),
 * its address, and the hosts that bypass it ({@code nonProxyHosts}: {@code |}-separated, {@code *} wildcards).
 */
public record ProxyRoute(String protocol, String host, int port, String nonProxyHosts) {

    public ProxyRoute {
        protocol = protocol == null || protocol.isBlank() ? "http" : protocol.toLowerCase(Locale.ROOT);
        nonProxyHosts = nonProxyHosts == null ? "" : nonProxyHosts;
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
