package dev.scafctl.catalog.remote;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How registry traffic travels: through which proxies, with how many attempts at a transient failure and how long
 * a first back-off, how long an exchange may go without progress ({@code requestTimeout}: no byte sent or received,
 * no answer; {@code scafctl.timeout}), and where debug lines go. Proxy logins travel in the routes'
 * {@link Credentials}, which never show their password.
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

    /** The default longest wait for progress on a request, {@code scafctl.timeout}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** Direct connections, 5 attempts starting with a 500 ms back-off, 60 s without progress at most. */
    public static Transport defaults() {
        return new Transport(null, 5, Duration.ofMillis(500), DEFAULT_TIMEOUT, null);
    }

    public Transport withProxies(ProxyRoutes routes) {
        return new Transport(routes, maxAttempts, firstBackoff, requestTimeout, debug);
    }

    public Transport withRetries(int attempts, Duration backoff) {
        return new Transport(proxies, attempts, backoff, requestTimeout, debug);
    }

    /** The same with another longest wait for progress (at least a millisecond). */
    public Transport withTimeout(Duration timeout) {
        if (timeout.toMillis() < 1) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        return new Transport(proxies, maxAttempts, firstBackoff, timeout, debug);
    }

    public Transport withDebug(Consumer<String> sink) {
        return new Transport(proxies, maxAttempts, firstBackoff, requestTimeout, sink);
    }
}
