package dev.scafctl.catalog.remote;

import dev.scafctl.catalog.InvalidInputException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One OCI registry endpoint: {@code host[:port]}, whether it speaks plain HTTP, whether TLS verification is off
 * (explicitly marked insecure), and an extra CA certificate to trust beside the JDK's own roots.
 */
public record Registry(String host, boolean plainHttp, boolean insecure, Path caFile) {

    public Registry {
        Objects.requireNonNull(host, "host");
        if (host.isBlank() || host.contains("/") || host.contains("@")) {
            throw new InvalidInputException("invalid registry host \"" + host + "\"; expected host or host:port");
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
