package dev.scafctl.catalog.remote;

import dev.scafctl.catalog.CatalogException;
import dev.scafctl.catalog.oci.CanonicalJson;
import dev.scafctl.catalog.oci.Descriptor;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.oci.MediaTypes;
import dev.scafctl.catalog.oci.VerifiedInput;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import dev.scafctl.catalog.oci.JsonValue;

/**
 * A client of the OCI distribution API for one registry and one identity. It sends the exact bytes it is given
 * (manifests are never re-serialized, so digests stay equal), streams blobs from and to disk in constant memory,
 * checks every downloaded byte against its digest before it is stored, answers Basic and Bearer challenges, and
 * retries connection failures, 429 and 5xx with a growing back-off a bounded number of times.
 *
 * <p>Tokens are cached per client, and a client belongs to one set of credentials, so two catalogs on one host
 * with different credentials never share a token. No secret reaches a message or a debug line.
 */
public final class RegistryClient {

    private static final String ACCEPT_MANIFESTS = String.join(", ", MediaTypes.IMAGE_INDEX, MediaTypes.IMAGE_MANIFEST,
            MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.DOCKER_MANIFEST);
    private static final int MAX_MANIFEST_BYTES = 4 << 20;
    private static final Set<Integer> TRANSIENT = Set.of(429, 500, 502, 503, 504);
    /** The longest {@code Retry-After} honoured; a registry asking for more fails the request saying so. */
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

    private final Registry registry;
    private final Optional<Credentials> credentials;
    private final Transport transport;
    private final HttpClient http;
    private final Map<String, String> authorizations = new ConcurrentHashMap<>();
    private volatile boolean basicChallenged;

    public RegistryClient(Registry registry, CredentialSource credentialSource, Transport transport) {
        this.registry = registry;
        this.credentials = credentialSource.find(registry);
        this.transport = transport;
        Duration connectTimeout = Duration.ofSeconds(30);
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        SSLContext tls = registry.plainHttp() ? null : TrustedCertificates.sslContextFor(registry);
        if (tls != null) {
            builder.sslContext(tls);
        }
        if (transport.proxies() != null) {
            builder.proxy(transport.proxies());
        }
        // Never an Authenticator: the JDK would then answer the registry's 401s itself and drop our Authorization.
        HttpClient direct = builder.build();
        this.http = transport.proxies() != null && transport.proxies().anyLogin()
                ? ProxyLoginClient.around(direct, transport.proxies(), tls == null ? direct.sslContext() : tls,
                        !registry.insecure(), connectTimeout)
                : direct;
        transport.debug().accept("registry " + registry + ": " + credentials.map(c -> "credentials of " + c)
                .orElse("anonymous"));
    }

    public Registry registry() {
        return registry;
    }

    // ---- manifests ---------------------------------------------------------------------------------------

    /** The manifest or index tagged or digested {@code reference}, checked against its digest; empty when absent. */
    public Optional<Manifest> fetchManifest(String repository, String reference) {
        try (Response response = send(() -> request(manifestUri(repository, reference)).header("Accept", ACCEPT_MANIFESTS).GET(),
                pullScope(repository), "fetching manifest " + repository + ":" + reference)) {
            if (response.status() == 404) {
                return Optional.empty();
            }
            response.requireSuccess();
            byte[] bytes = response.readAtMost(MAX_MANIFEST_BYTES);
            Optional<String> promised = reference.startsWith("sha256:") ? Optional.of(reference)
                    : response.headers().firstValue("Docker-Content-Digest");
            if (promised.isPresent()) {
                VerifiedInput.check(bytes, Digest.parse(promised.get()), "manifest " + repository + ":" + reference
                        + " from registry " + registry);
            }
            Digest digest = Digest.of(bytes);
            String mediaType = response.headers().firstValue("Content-Type").map(t -> t.split(";")[0].strip())
                    .orElseGet(() -> mediaTypeOf(bytes));
            return Optional.of(new Manifest(mediaType, bytes, digest));
        }
    }

    /** Whether a manifest is tagged or digested {@code reference}, without downloading it. */
    public boolean hasManifest(String repository, String reference) {
        try (Response response = send(() -> request(manifestUri(repository, reference)).header("Accept", ACCEPT_MANIFESTS)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()), pullScope(repository),
                "checking manifest " + repository + ":" + reference)) {
            if (response.status() == 404) {
                return false;
            }
            response.requireSuccess();
            return true;
        }
    }

    /** Stores these exact bytes as a manifest under {@code reference} (a tag or their digest). */
    public void putManifest(String repository, String reference, String mediaType, byte[] bytes) {
        try (Response response = send(() -> request(manifestUri(repository, reference)).header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)), pushScope(repository),
                "pushing manifest " + repository + ":" + reference)) {
            response.requireSuccess();
        }
    }

    /** The tags of a repository, following pagination; empty when the repository does not exist. */
    public List<String> listTags(String repository) {
        List<String> tags = new ArrayList<>();
        URI next = registry.baseUri().resolve("/v2/" + repository + "/tags/list?n=1000");
        while (next != null) {
            URI page = next;
            try (Response response = send(() -> request(page).GET(), pullScope(repository), "listing tags of " + repository)) {
                if (response.status() == 404) {
                    return tags;
                }
                response.requireSuccess();
                JsonValue body = CanonicalJson.read(response.readAtMost(MAX_MANIFEST_BYTES), "tag list of " + repository);
                body.path("tags").forEach(tag -> tags.add(tag.asString()));
                next = response.headers().firstValue("Link").map(NEXT_LINK::matcher).filter(Matcher::find)
                        .map(m -> registry.baseUri().resolve(m.group(1))).orElse(null);
            }
        }
        return tags;
    }

    /** The repositories of the registry, from its catalog API; many registries refuse it (a RegistryException). */
    public List<String> listRepositories() {
        List<String> repositories = new ArrayList<>();
        URI next = registry.baseUri().resolve("/v2/_catalog?n=1000");
        while (next != null) {
            URI page = next;
            try (Response response = send(() -> request(page).GET(), "registry:catalog:*", "listing the repositories of " + registry)) {
                response.requireSuccess();
                JsonValue body = CanonicalJson.read(response.readAtMost(16 << 20), "repository list of " + registry);
                body.path("repositories").forEach(repository -> repositories.add(repository.asString()));
                next = response.headers().firstValue("Link").map(NEXT_LINK::matcher).filter(Matcher::find)
                        .map(m -> registry.baseUri().resolve(m.group(1))).orElse(null);
            }
        }
        return repositories;
    }

    // ---- blobs -------------------------------------------------------------------------------------------

    public boolean hasBlob(String repository, Digest digest) {
        try (Response response = send(() -> request(blobUri(repository, digest)).method("HEAD", HttpRequest.BodyPublishers.noBody()),
                pullScope(repository), "checking blob " + digest + " in " + repository)) {
            if (response.status() == 404) {
                return false;
            }
            response.requireSuccess();
            return true;
        }
    }

    /** Asks the registry to link a blob it holds in {@code fromRepository}; false when it would rather have an upload. */
    public boolean mountBlob(String repository, Digest digest, String fromRepository) {
        URI uri = registry.baseUri().resolve("/v2/" + repository + "/blobs/uploads/?mount=" + digest + "&from="
                + URLEncoder.encode(fromRepository, StandardCharsets.UTF_8));
        try (Response response = send(() -> request(uri).POST(HttpRequest.BodyPublishers.noBody()),
                pushScope(repository) + " " + pullScope(fromRepository), "mounting blob " + digest + " into " + repository)) {
            if (response.status() == 201) {
                return true;
            }
            response.requireSuccess();
            // A 202 opened an upload session instead (Nexus, GHCR): cancel it, or it lingers until the registry expires it.
            response.headers().firstValue("Location").ifPresent(location -> cancelUpload(repository, location));
            return false;
        }
    }

    private void cancelUpload(String repository, String location) {
        URI session = registry.baseUri().resolve(location);
        try (Response cancelled = send(() -> request(session).DELETE(), pushScope(repository),
                "cancelling the unused upload session in " + repository)) {
            if (cancelled.status() / 100 != 2 && cancelled.status() != 404) {
                transport.debug().accept("registry " + registry + " kept the upload session " + session.getPath()
                        + " (HTTP " + cancelled.status() + "); it expires it itself");
            }
        } catch (RegistryException e) {
            transport.debug().accept("cannot cancel the upload session " + session.getPath() + ": " + e.getMessage());
        }
    }

    /** Uploads a blob from a file, streaming it (the body is read again from disk on a retry). */
    public void pushBlob(String repository, Descriptor blob, Path file, TransferListener listener) {
        String what = "uploading blob " + blob.digest() + " to " + repository;
        URI location;
        try (Response start = send(() -> request(registry.baseUri().resolve("/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()), pushScope(repository), what)) {
            start.requireSuccess();
            location = start.headers().firstValue("Location").map(l -> registry.baseUri().resolve(l))
                    .orElseThrow(() -> new RegistryException("registry " + registry + " opened an upload without a Location", start.status()));
        }
        URI target = URI.create(location + (location.getRawQuery() == null ? "?" : "&") + "digest="
                + URLEncoder.encode(blob.digest().toString(), StandardCharsets.UTF_8));
        try (Response done = send(idle -> request(target).header("Content-Type", MediaTypes.OCTET_STREAM)
                .PUT(HttpRequest.BodyPublishers.fromPublisher(new FileBody(file, sent -> {
                    idle.progress();
                    listener.progress(blob, sent);
                }), blob.size())), pushScope(repository), what)) {
            done.requireSuccess();
        }
    }

    /**
     * What is done with a blob's bytes as they arrive: they are checked as they pass (see {@link VerifiedInput}), and
     * the stream fails at its end unless they are the descriptor's, so a reader keeps nothing before it has read to
     * the end.
     */
    @FunctionalInterface
    public interface BlobReader<T> {
        T read(InputStream body) throws IOException;
    }

    /**
     * Streams a blob to {@code reader}, verified against its descriptor on the way: this is where every byte a goal
     * reads from a registry is checked. Redirects (to a CDN, say) are followed without the registry's credentials.
     */
    public <T> T downloadBlob(String repository, Descriptor blob, TransferListener listener, BlobReader<T> reader) {
        return download(repository, blob, listener, reader, false);
    }

    /**
     * {@link #downloadBlob}, for a reader that can start over (the local catalog's ingest, which writes each attempt
     * to a temporary file of its own): after the connection broke off, {@code reader} is given a fresh body, up to the
     * transport's attempts.
     */
    public <T> T downloadBlobRestarting(String repository, Descriptor blob, TransferListener listener,
            BlobReader<T> reader) {
        return download(repository, blob, listener, reader, true);
    }

    private <T> T download(String repository, Descriptor blob, TransferListener listener, BlobReader<T> reader,
            boolean startsOver) {
        String what = "downloading blob " + blob.digest() + " from " + repository;
        URI uri = blobUri(repository, blob.digest());
        for (int attempt = 1; ; attempt++) {
            Response current = send(() -> request(uri).GET(), pullScope(repository), what);
            try {
                for (int hops = 0; isRedirect(current.status()); hops++) {
                    Response hop = current;
                    URI next = uri.resolve(hop.headers().firstValue("Location")
                            .orElseThrow(() -> new RegistryException(what + ": redirect without Location", hop.status())));
                    if (hops == 5) {
                        throw new RegistryException(what + ": too many redirects", hop.status());
                    }
                    hop.discard(); // before the next hop, so its connection is free again
                    current = sendUnauthenticated(next, what);
                }
                current.requireSuccess();
                BlobBody body = new BlobBody(current.body(), blob, listener);
                try (InputStream in = body) {
                    VerifiedInput verified = VerifiedInput.of(in, blob, "blob " + blob.digest() + " of " + registry + "/"
                            + repository, "nothing was stored");
                    T read = reader.read(verified);
                    verified.requireVerified();
                    return read;
                } catch (IOException | RuntimeException e) {
                    if (body.failure == null) {
                        if (e instanceof IOException io) {
                            throw new RegistryException(what + " failed: " + describe(io), io);
                        }
                        throw (RuntimeException) e;
                    }
                    IOException cause = body.failure;
                    if (cause instanceof IdleTimeout.Stalled) {
                        throw stalled(what, "GET " + current.uri().getPath(), cause);
                    }
                    if (startsOver && attempt < transport.maxAttempts()) {
                        backoff(attempt, null, what + ": " + describe(cause));
                        continue;
                    }
                    throw new RegistryException(what + " failed: the download from registry " + registry + " broke off after "
                            + body.done + " of " + blob.size() + " bytes (" + describe(cause) + "), " + attempt
                            + " attempt(s); check the network and the proxy settings, then try again", cause);
                }
            } finally {
                current.close();
            }
        }
    }

    // ---- HTTP with authentication and retries ------------------------------------------------------------

    private Response send(Supplier<HttpRequest.Builder> request, String scope, String what) {
        return send(idle -> request.get(), scope, what);
    }

    /** Sends a request built for an attempt's {@link IdleTimeout}, which a request body may tell of its progress. */
    private Response send(Function<IdleTimeout, HttpRequest.Builder> request, String scope, String what) {
        boolean answeredChallenge = false;
        for (int attempt = 1; ; attempt++) {
            IdleTimeout idle = new IdleTimeout(transport.requestTimeout());
            HttpRequest.Builder builder = request.apply(idle);
            String authorization = authorizationFor(scope);
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
                Optional<FileBody.Unreadable> local = causeOf(e, FileBody.Unreadable.class);
                if (local.isPresent()) {
                    throw new RegistryException(what + " failed: " + local.get().getMessage(), local.get());
                }
                if (attempt < transport.maxAttempts() && TransportFailures.retryable(e)) {
                    backoff(attempt, null, what + ": " + describe(e));
                    continue;
                }
                throw new RegistryException(TransportFailures.explain(what, registry, built.uri(), transport.proxies(), e,
                        attempt), e);
            }
            Response wrapped = new Response(response, built.uri(), what);
            transport.debug().accept(built.method() + " " + built.uri() + " -> " + response.statusCode());
            if (response.statusCode() == 407) {
                wrapped.close();
                throw proxyLoginMissing(built.uri(), what);
            }
            if (response.statusCode() == 401 && !answeredChallenge) {
                Optional<AuthChallenge> challenge = AuthChallenge.parse(
                        response.headers().firstValue("WWW-Authenticate").orElse(null));
                wrapped.close();
                if (challenge.isPresent() && answer(challenge.get(), scope, what)) {
                    answeredChallenge = true;
                    attempt--; // answering a challenge is not a failed attempt
                    continue;
                }
                throw unauthorized(what);
            }
            if (response.statusCode() == 401) {
                wrapped.close();
                throw unauthorized(what);
            }
            if (TRANSIENT.contains(response.statusCode()) && attempt < transport.maxAttempts()) {
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

    /**
     * Sends one request as it is and waits for the answer's head while {@code idle} sees progress; a longer silence
     * cancels the exchange with {@link IdleTimeout.Stalled}. Being interrupted meanwhile fails {@code what}.
     */
    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> body, IdleTimeout idle,
            String what) throws IOException {
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
    private RegistryException stalled(String what, String request, IOException e) {
        return new RegistryException(what + " failed: registry " + registry + " went silent: " + e.getMessage() + " to "
                + request + " (not retried); check the network and the proxy settings, or give slow registries longer"
                + " with the timeout (scafctl.timeout, in seconds)", e);
    }

    static <E extends Throwable> Optional<E> causeOf(Throwable e, Class<E> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    private Response sendUnauthenticated(URI uri, String what) {
        IdleTimeout idle = new IdleTimeout(transport.requestTimeout());
        try {
            HttpResponse<InputStream> response = exchange(HttpRequest.newBuilder(uri).GET().build(), idle.bodyHandler(),
                    idle, what);
            return new Response(response, uri, what);
        } catch (IOException e) {
            throw new RegistryException(what + " failed at " + uri.getHost() + ": " + describe(e), e);
        }
    }

    private String authorizationFor(String scope) {
        String token = authorizations.get(scope);
        if (token != null) {
            return token;
        }
        return basicChallenged ? credentials.map(Credentials::basicAuthorization).orElse(null) : null;
    }

    /** Prepares an Authorization for the challenge; false when there is nothing to answer it with. */
    private boolean answer(AuthChallenge challenge, String scope, String what) {
        if (challenge.isBasic()) {
            basicChallenged = true;
            return credentials.isPresent();
        }
        if (!challenge.isBearer() || challenge.parameters().get("realm") == null) {
            return false;
        }
        authorizations.put(scope, "Bearer " + fetchToken(challenge, scope, what));
        return true;
    }

    private String fetchToken(AuthChallenge challenge, String scope, String what) {
        StringBuilder query = new StringBuilder();
        String service = challenge.parameters().get("service");
        if (service != null) {
            query.append("service=").append(URLEncoder.encode(service, StandardCharsets.UTF_8));
        }
        for (String part : scope.split(" ")) {
            query.append(query.length() == 0 ? "" : "&").append("scope=").append(URLEncoder.encode(part, StandardCharsets.UTF_8));
        }
        URI realm = URI.create(challenge.parameters().get("realm"));
        URI uri = URI.create(realm + (realm.getRawQuery() == null ? "?" : "&") + query);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).GET();
        credentials.ifPresent(c -> builder.header("Authorization", c.basicAuthorization()));
        try {
            HttpResponse<byte[]> response = exchange(builder.build(), HttpResponse.BodyHandlers.ofByteArray(),
                    new IdleTimeout(transport.requestTimeout()), what);
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                throw unauthorized(what);
            }
            if (response.statusCode() / 100 != 2) {
                throw new RegistryException(what + ": the token service " + uri.getHost() + " answered HTTP "
                        + response.statusCode(), response.statusCode());
            }
            JsonValue body = CanonicalJson.read(response.body(), "token response of " + uri.getHost());
            String token = body.path("token").asString(body.path("access_token").asString(""));
            if (token.isEmpty()) {
                throw new RegistryException(what + ": the token service " + uri.getHost() + " sent no token", response.statusCode());
            }
            return token;
        } catch (IOException e) {
            throw new RegistryException(what + ": cannot reach the token service " + uri.getHost() + ": " + describe(e), e);
        }
    }

    private RegistryException unauthorized(String what) {
        String who = credentials.map(c -> "the credentials of " + c.username() + " from " + c.source())
                .orElse("anonymous access (no credentials found for " + registry + ")");
        return new RegistryException(what + " failed: registry " + registry + " refused " + who
                + " (401 Unauthorized); configure a settings.xml <server> with id " + registry.host()
                + ", set SCAFCTL_REGISTRY_USERNAME/SCAFCTL_REGISTRY_PASSWORD, or log in with docker/podman", 401);
    }

    /** A proxy asked for a login that settings.xml does not give it (a proxy with a login never gets here). */
    private RegistryException proxyLoginMissing(URI uri, String what) {
        String proxy = transport.proxies() == null ? "a proxy"
                : transport.proxies().routeFor(uri).map(r -> "the proxy " + r.address()).orElse("a proxy");
        return new RegistryException(what + " failed: " + proxy + " requires a login (407 Proxy Authentication"
                + " Required); give its settings.xml <proxy> a <username> and <password>", 407);
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

    private void backoff(int attempt, Duration retryAfter, String reason) {
        Duration delay = retryAfter != null ? retryAfter : transport.firstBackoff().multipliedBy(1L << Math.min(attempt - 1, 6));
        transport.debug().accept("retrying after " + delay.toMillis() + " ms (attempt " + attempt + " of "
                + transport.maxAttempts() + "): " + reason);
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while waiting to retry " + reason, e);
        }
    }

    /** A request; how long it may wait is the {@link IdleTimeout} of {@link #exchange}, not a limit on the whole. */
    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri);
    }

    private URI manifestUri(String repository, String reference) {
        return registry.baseUri().resolve("/v2/" + repository + "/manifests/" + reference);
    }

    private URI blobUri(String repository, Digest digest) {
        return registry.baseUri().resolve("/v2/" + repository + "/blobs/" + digest);
    }

    private static String pullScope(String repository) {
        return "repository:" + repository + ":pull";
    }

    private static String pushScope(String repository) {
        return "repository:" + repository + ":pull,push";
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static String mediaTypeOf(byte[] manifest) {
        return CanonicalJson.read(manifest, "manifest").path("mediaType").asString(MediaTypes.IMAGE_MANIFEST);
    }

    /** What went wrong on the wire, in words (never an exception's class name). */
    static String describe(IOException e) {
        if (e instanceof IdleTimeout.Stalled) {
            return e.getMessage();
        }
        if (causeOf(e, UnresolvedAddressException.class).isPresent() || causeOf(e, UnknownHostException.class).isPresent()) {
            return "the host name does not resolve";
        }
        if (causeOf(e, HttpTimeoutException.class).isPresent()) {
            return "timed out";
        }
        if (causeOf(e, SSLException.class).isPresent()) {
            return "TLS failed: " + causeOf(e, SSLException.class).get().getMessage();
        }
        if (causeOf(e, ConnectException.class).isPresent()) {
            return "connection refused";
        }
        if (causeOf(e, ClosedChannelException.class).isPresent() || e instanceof EOFException) {
            return "the connection was closed";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return "the connection failed";
    }

    /**
     * A blob's body as it arrives, counted for {@code listener}; it remembers a failure of the connection (an early
     * end included), so that a failure of the connection is told from one of whatever stores the bytes.
     */
    private static final class BlobBody extends FilterInputStream {
        private final Descriptor blob;
        private final TransferListener listener;
        private long done;
        private IOException failure;

        BlobBody(InputStream in, Descriptor blob, TransferListener listener) {
            super(in);
            this.blob = blob;
            this.listener = listener;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n;
            try {
                n = super.read(buffer, offset, length);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
            if (n > 0) {
                done += n;
                listener.progress(blob, done);
            } else if (n < 0 && done < blob.size()) {
                failure = new EOFException("the body ended after " + done + " of " + blob.size() + " bytes");
                throw failure;
            }
            return n;
        }
    }

    /** A response whose body must be consumed or closed; error texts name the operation, never a secret. */
    private final class Response implements AutoCloseable {
        private final HttpResponse<InputStream> response;
        private final URI uri;
        private final String what;

        Response(HttpResponse<InputStream> response, URI uri, String what) {
            this.response = response;
            this.uri = uri;
            this.what = what;
        }

        URI uri() {
            return uri;
        }

        /** Reads a small body to its end (so the connection can serve another request) and closes it. */
        void discard() {
            try (InputStream in = response.body()) {
                in.readNBytes(64 << 10);
            } catch (IOException e) {
                // the connection is dropped instead of reused
            }
        }

        int status() {
            return response.statusCode();
        }

        HttpHeaders headers() {
            return response.headers();
        }

        InputStream body() {
            return response.body();
        }

        byte[] readAtMost(int limit) {
            if (response.body() == null) {
                return new byte[0]; // the JDK gives no body with some proxy answers
            }
            try (InputStream in = response.body()) {
                byte[] bytes = in.readNBytes(limit + 1);
                if (bytes.length > limit) {
                    throw new RegistryException(what + ": the answer is larger than " + limit + " bytes", status());
                }
                return bytes;
            } catch (IOException e) {
                throw new RegistryException(what + " failed while reading the answer: " + describe(e), e);
            }
        }

        void requireSuccess() {
            if (status() / 100 == 2) {
                return;
            }
            String detail = new String(readAtMost(MAX_MANIFEST_BYTES), StandardCharsets.UTF_8).strip();
            if (detail.length() > 300) {
                detail = detail.substring(0, 300) + "...";
            }
            String hint = switch (status()) {
                case 403 -> "; the credentials lack permission for this repository";
                case 404 -> "; check the catalog URL and the artifact name";
                default -> "";
            };
            throw new RegistryException(what + " failed: registry " + registry + " answered HTTP " + status()
                    + (detail.isEmpty() ? "" : " " + detail) + hint, status());
        }

        @Override
        public void close() {
            try {
                if (response.body() != null) {
                    response.body().close();
                }
            } catch (IOException ignored) {
                // nothing left to read
            }
        }
    }
}
