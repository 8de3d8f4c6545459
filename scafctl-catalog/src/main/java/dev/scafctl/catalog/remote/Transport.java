package dev.scafctl.catalog.remote;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How registry traffic travels: through which proxies, with how many attempts at a transient failure and how long
 * a first back-off, and where debug lines go. Proxy logins travel in the routes' {@link Credentials}, which never
 * show their password.
 */
public record Transport(ProxyRoutes proxies, int maxAttempts, Duration firstBackoff,
        Duration requestTimeout, Consumer<String> debug) {

    public Transport {
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        debug = debug == null ? line -> { } : debug;
    }

    /** Direct connections, 5 attempts starting with a 500 ms back-off, 10 minutes per request. */
    public static Transport defaults() {
        return new Transport(null, 5, Duration.ofMillis(500), Duration.ofMinutes(10), null);
    }

    public Transport withProxies(ProxyRoutes routes) {
        return new Transport(routes, maxAttempts, firstBackoff, requestTimeout, debug);
    }

    public Transport withRetries(int attempts, Duration backoff) {
        return new Transport(proxies, attempts, backoff, requestTimeout, debug);
    }

    public Transport withDebug(Consumer<String> sink) {
        return new Transport(proxies, maxAttempts, firstBackoff, requestTimeout, sink);
    }
}
