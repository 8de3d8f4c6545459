package dev.scafctl.catalog.remote;

import dev.scafctl.catalog.InvalidInputException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One OCI registry endpoint: {@code host[:port]}, whether it speaks plain HTTP, whether TLS verification is off
 * (explicitly marked insecure), and an extra CA certificate to trust beside the JDK's own roots.
 */
public record Registry(String host, boolean plainHttp, boolean insecure, Path caFile) {

    private static final Pattern HOST_PORT = Pattern.compile(
            "(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?)*)"
                    + "(?::([0-9]{1,5}))?");

    public Registry {
        Objects.requireNonNull(host, "host");
        if (host.contains("@")) {
            // never echoed: what stands before the '@' is a user name and often a password
            throw new InvalidInputException("a registry address must not carry a user name or password before an @;"
                    + " put credentials in a settings.xml <server> whose id is the registry's host:port");
        }
        Matcher matcher = HOST_PORT.matcher(host);
        if (!matcher.matches()) {
            throw new InvalidInputException("invalid registry host \"" + host + "\"; expected host or host:port, the host"
                    + " a DNS name (ASCII; write an international name in its xn-- form), an IPv4 address or an IPv6"
                    + " address in brackets");
        }
        if (matcher.group(2) != null) {
            int port = Integer.parseInt(matcher.group(2));
            if (port < 1 || port > 65535) {
                throw new InvalidInputException("invalid registry host \"" + host + "\": port " + port
                        + " is not between 1 and 65535");
            }
        }
    }

    /** The base URI of the registry API: {@code https://host[:port]} or {@code http://host[:port]}. */
    public URI baseUri() {
        return URI.create((plainHttp ? "http://" : "https://") + host);
    }

    /** The host name without port, as a proxy's {@code nonProxyHosts} pattern sees it. */
    public String hostName() {
        int colon = host.lastIndexOf(':');
        return colon > 0 && !host.endsWith("]") ? host.substring(0, colon) : host;
    }

    @Override
    public String toString() {
        return host;
    }
}
