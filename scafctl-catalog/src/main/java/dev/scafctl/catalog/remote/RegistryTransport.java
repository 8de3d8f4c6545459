package dev.scafctl.catalog.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * The wire to one registry: the HTTP client (TLS as the registry's settings say, through the proxies, with a login
 * where a proxy needs one), one exchange that gives up when the registry goes silent, and the send loop that
 * retries connection failures, 429 and 5xx with a growing back-off (or the registry's {@code Retry-After}), a
 * bounded number of times. Who the client is lives in {@link RegistryAuth}, which the loop asks for the
 * {@code Authorization} of each attempt and tells of each challenge.
 */
final class RegistryTransport {

    private static final Set<Integer> TRANSIENT = Set.of(429, 500, 502, 503, 504);
    /** The longest {@code Retry-After} honoured; a registry asking for more fails the request saying so. */
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

    private final Registry registry;
    private final Transport settings;
    private final HttpClient http;

    /**
     * The JDK's HTTP client reads every response into buffers of this property's size, 16 KiB unless set, fixed when
     * its classes are first loaded in the JVM; a binary of 64 MiB then costs 4,096 buffers, and their allocation and
     * hand-over took more CPU than the hashing and the copy to disk together ({@code bench/run}, row 3).
     */
    static final String READ_BUFFER_PROPERTY = "jdk.httpclient.bufsize";
    /** The read buffer asked for when nobody set {@link #READ_BUFFER_PROPERTY}: 256 KiB. */
    static final int READ_BUFFER_BYTES = 256 * 1024;

    RegistryTransport(Registry registry, Transport settings) {
        this.registry = registry;
        this.settings = settings;
        preferLargeReadBuffers();
        Duration connectTimeout = Duration.ofSeconds(30);
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        SSLContext tls = registry.plainHttp() ? null : TrustedCertificates.sslContextFor(registry);
        if (tls != null) {
            builder.sslContext(tls);
        }
        if (settings.proxies() != null) {
            builder.proxy(settings.proxies());
        }
        // Never an Authenticator: the JDK would then answer the registry's 401s itself and drop our Authorization.
        HttpClient direct = builder.build();
        this.http = settings.proxies() != null && settings.proxies().anyLogin()
                ? ProxyLoginClient.around(direct, settings.proxies(), tls == null ? direct.sslContext() : tls,
                        !registry.insecure(), connectTimeout)
                : direct;
    }

    /**
     * Asks for {@link #READ_BUFFER_BYTES} read buffers unless the user set {@link #READ_BUFFER_PROPERTY} (in
     * {@code MAVEN_OPTS}, say), which is then kept. It takes effect only when no HTTP client of the JDK ran in this JVM
     * before (Maven 4's own downloads may have), and changes nothing but the buffers' size.
     */
    static void preferLargeReadBuffers() {
        if (System.getProperty(READ_BUFFER_PROPERTY) == null) {
            System.setProperty(READ_BUFFER_PROPERTY, Integer.toString(READ_BUFFER_BYTES));
        }
    }

    Registry registry() {
        return registry;
    }

    Transport settings() {
        return settings;
    }

    void debug(String line) {
        settings.debug().accept(line);
    }

    /**
     * Sends a request built for each attempt's {@link IdleTimeout} (which a request body may tell of its progress),
     * with {@code auth}'s Authorization for {@code scope}; a challenge is answered once, and a failure that a retry
     * can mend is retried. The answer is the caller's to read or close.
     */
    RegistryResponse send(Function<IdleTimeout, HttpRequest.Builder> request, RegistryAuth auth, String scope,
            String what) {
        boolean answeredChallenge = false;
        for (int attempt = 1; ; attempt++) {
            IdleTimeout idle = new IdleTimeout(settings.requestTimeout());
            HttpRequest.Builder builder = request.apply(idle);
            String authorization = auth.authorizationFor(scope);
            if (authorization != null) {
                builder.header("Authorization", authorization);
            }
            HttpRequest built = builder.build();
            HttpResponse<InputStream> response;
            try {
                response = exchange(built, idle.bodyHandler(), idle, what);
            } catch (IOException e) {
                if (e instanceof IdleTimeout.Stalled) {
                    throw stalled(what, built.method() + " " + built.uri().getPath(), e);
                }
                Optional<FileBody.Unreadable> local = TransportFailures.causeOf(e, FileBody.Unreadable.class);
                if (local.isPresent()) {
                    throw new RegistryException(what + " failed: " + local.get().getMessage(), local.get());
                }
                if (attempt < settings.maxAttempts() && TransportFailures.retryable(e)) {
                    backoff(attempt, null, what + ": " + TransportFailures.describe(e));
                    continue;
                }
                throw new RegistryException(TransportFailures.explain(what, registry, built.uri(), settings.proxies(), e,
                        attempt), e);
            }
            RegistryResponse wrapped = new RegistryResponse(response, built.uri(), what, registry);
            debug(built.method() + " " + built.uri() + " -> " + response.statusCode());
            if (response.statusCode() == 407) {
                wrapped.close();
                throw proxyLoginMissing(built.uri(), what);
            }
            if (response.statusCode() == 401) {
                wrapped.close();
                if (!answeredChallenge && auth.answer(AuthChallenge.parse(
                        response.headers().firstValue("WWW-Authenticate").orElse(null)), scope, what, this)) {
                    answeredChallenge = true;
                    attempt--; // answering a challenge is not a failed attempt
                    continue;
                }
                throw auth.unauthorized(what);
            }
            if (TRANSIENT.contains(response.statusCode()) && attempt < settings.maxAttempts()) {
                Optional<Duration> retryAfter = retryAfter(response.headers().firstValue("Retry-After").orElse(null));
                wrapped.close();
                if (retryAfter.isPresent() && retryAfter.get().compareTo(MAX_RETRY_AFTER) > 0) {
                    throw new RegistryException(what + " failed: registry " + registry + " answered HTTP "
                            + response.statusCode() + " and asked to wait " + retryAfter.get().toSeconds()
                            + " s before trying again (Retry-After), longer than the " + MAX_RETRY_AFTER.toSeconds()
                            + " s scafctl waits; try again later", response.statusCode());
                }
                backoff(attempt, retryAfter.orElse(null), what + ": HTTP " + response.statusCode());
                continue;
            }
            return wrapped;
        }
    }

    /** One GET as it is, without credentials and without retries: a redirect's next hop (a CDN, say). */
    RegistryResponse sendUnauthenticated(URI uri, String what) {
        IdleTimeout idle = new IdleTimeout(settings.requestTimeout());
        try {
            HttpResponse<InputStream> response = exchange(HttpRequest.newBuilder(uri).GET().build(), idle.bodyHandler(),
                    idle, what);
            return new RegistryResponse(response, uri, what, registry);
        } catch (IOException e) {
            throw new RegistryException(what + " failed at " + uri.getHost() + ": " + TransportFailures.describe(e), e);
        }
    }

    /**
     * Sends one request as it is and waits for the answer's head while {@code idle} sees progress; a longer silence
     * cancels the exchange with {@link IdleTimeout.Stalled}. Being interrupted meanwhile fails {@code what}.
     */
    <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> body, IdleTimeout idle, String what)
            throws IOException {
        CompletableFuture<HttpResponse<T>> answer = http.sendAsync(request, body);
        try {
            while (true) {
                long remaining = idle.remainingNanos();
                if (remaining <= 0) {
                    answer.cancel(true);
                    throw new IdleTimeout.Stalled("an answer", idle.timeout());
                }
                try {
                    return answer.get(remaining, TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    // the request body may have moved meanwhile: look again
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new RegistryException(what + " was interrupted", e);
        }
    }

    /** {@code what} met a registry that went silent for the whole timeout during {@code request}. */
    RegistryException stalled(String what, String request, IOException e) {
        return new RegistryException(what + " failed: registry " + registry + " went silent: " + e.getMessage() + " to "
                + request + " (not retried); check the network and the proxy settings, or give slow registries longer"
                + " with the timeout (scafctl.timeout, in seconds)", e);
    }

    /** Waits before attempt {@code attempt + 1}: {@code retryAfter} when the registry asked, else the back-off. */
    void backoff(int attempt, Duration retryAfter, String reason) {
        Duration delay = retryAfter != null ? retryAfter : settings.firstBackoff().multipliedBy(1L << Math.min(attempt - 1, 6));
        debug("retrying after " + delay.toMillis() + " ms (attempt " + attempt + " of " + settings.maxAttempts() + "): "
                + reason);
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while waiting to retry " + reason, e);
        }
    }

    /** A {@code Retry-After} value, in seconds or as an HTTP date; empty when absent or unreadable. */
    static Optional<Duration> retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.strip();
        if (text.matches("\\d{1,18}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
        }
        try {
            ZonedDateTime when = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(Instant.now(), when.toInstant());
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A proxy asked for a login that settings.xml does not give it (a proxy with a login never gets here). */
    private RegistryException proxyLoginMissing(URI uri, String what) {
        String proxy = settings.proxies() == null ? "a proxy"
                : settings.proxies().routeFor(uri).map(r -> "the proxy " + r.address()).orElse("a proxy");
        return new RegistryException(what + " failed: " + proxy + " requires a login (407 Proxy Authentication"
                + " Required); give its settings.xml <proxy> a <username> and <password>", 407);
    }
}
