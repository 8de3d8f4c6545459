package dev.scafctl.catalog.remote;

import dev.scafctl.catalog.oci.CanonicalJson;
import dev.scafctl.catalog.oci.Descriptor;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.oci.MediaTypes;
import dev.scafctl.catalog.oci.VerifiedInput;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.scafctl.catalog.oci.JsonValue;

/**
 * A client of the OCI distribution API for one registry and one identity: manifests, tags and repositories (one
 * pagination), blobs, mounts and uploads. It sends the exact bytes it is given (manifests are never re-serialized,
 * so digests stay equal), streams blobs from and to disk in constant memory, and checks every byte it reads against
 * its digest ({@link VerifiedInput}) before a caller can keep it. The wire (TLS, proxies, retries, silence) is
 * {@link RegistryTransport}'s; who the client is (credentials, challenges, tokens) is {@link RegistryAuth}'s.
 */
public final class RegistryClient {

    private static final String ACCEPT_MANIFESTS = String.join(", ", MediaTypes.IMAGE_INDEX, MediaTypes.IMAGE_MANIFEST,
            MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.DOCKER_MANIFEST);
    private static final int MAX_MANIFEST_BYTES = RegistryResponse.SMALL_ANSWER_BYTES;
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

    private final Registry registry;
    private final RegistryTransport transport;
    private final RegistryAuth auth;

    public RegistryClient(Registry registry, CredentialSource credentialSource, Transport transport) {
        this.registry = registry;
        this.transport = new RegistryTransport(registry, transport);
        this.auth = new RegistryAuth(registry, credentialSource.find(registry));
        this.transport.debug("registry " + registry + ": " + auth.credentials().map(c -> "credentials of " + c)
                .orElse("anonymous"));
    }

    public Registry registry() {
        return registry;
    }

    // ---- manifests ---------------------------------------------------------------------------------------

    /** The manifest or index tagged or digested {@code reference}, checked against its digest; empty when absent. */
    public Optional<Manifest> fetchManifest(String repository, String reference) {
        try (RegistryResponse response = send(() -> request(manifestUri(repository, reference)).header("Accept", ACCEPT_MANIFESTS).GET(),
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
        try (RegistryResponse response = send(() -> request(manifestUri(repository, reference)).header("Accept", ACCEPT_MANIFESTS)
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
        try (RegistryResponse response = send(() -> request(manifestUri(repository, reference)).header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)), pushScope(repository),
                "pushing manifest " + repository + ":" + reference)) {
            response.requireSuccess();
        }
    }

    /** The tags of a repository, following pagination; empty when the repository does not exist. */
    public List<String> listTags(String repository) {
        return pages(registry.baseUri().resolve("/v2/" + repository + "/tags/list?n=1000"), pullScope(repository),
                "listing tags of " + repository, "tags", MAX_MANIFEST_BYTES, true);
    }

    /** The repositories of the registry, from its catalog API; many registries refuse it (a RegistryException). */
    public List<String> listRepositories() {
        return pages(registry.baseUri().resolve("/v2/_catalog?n=1000"), "registry:catalog:*",
                "listing the repositories of " + registry, "repositories", 16 << 20, false);
    }

    /**
     * The strings of {@code field} in every page of a list, following the {@code Link: <…>; rel="next"} of each
     * page (the distribution spec's pagination); with {@code absentIsEmpty}, a 404 is an empty list.
     */
    private List<String> pages(URI first, String scope, String what, String field, int pageLimit, boolean absentIsEmpty) {
        List<String> items = new ArrayList<>();
        URI next = first;
        while (next != null) {
            URI page = next;
            try (RegistryResponse response = send(() -> request(page).GET(), scope, what)) {
                if (absentIsEmpty && response.status() == 404) {
                    return items;
                }
                response.requireSuccess();
                JsonValue body = CanonicalJson.read(response.readAtMost(pageLimit), what);
                body.path(field).forEach(item -> items.add(item.asString()));
                next = response.headers().firstValue("Link").map(NEXT_LINK::matcher).filter(Matcher::find)
                        .map(m -> registry.baseUri().resolve(m.group(1))).orElse(null);
            }
        }
        return items;
    }

    // ---- blobs -------------------------------------------------------------------------------------------

    public boolean hasBlob(String repository, Digest digest) {
        try (RegistryResponse response = send(() -> request(blobUri(repository, digest)).method("HEAD", HttpRequest.BodyPublishers.noBody()),
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
        try (RegistryResponse response = send(() -> request(uri).POST(HttpRequest.BodyPublishers.noBody()),
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
        try (RegistryResponse cancelled = send(() -> request(session).DELETE(), pushScope(repository),
                "cancelling the unused upload session in " + repository)) {
            if (cancelled.status() / 100 != 2 && cancelled.status() != 404) {
                transport.debug("registry " + registry + " kept the upload session " + session.getPath()
                        + " (HTTP " + cancelled.status() + "); it expires it itself");
            }
        } catch (RegistryException e) {
            transport.debug("cannot cancel the upload session " + session.getPath() + ": " + e.getMessage());
        }
    }

    /**
     * Uploads a blob from a file, streaming it (the body is read again from disk on a retry) and checking it against
     * its descriptor on the way: a file that does not hold the blob's bytes fails the upload before it completes.
     */
    public void pushBlob(String repository, Descriptor blob, Path file, TransferListener listener) {
        String what = "uploading blob " + blob.digest() + " to " + repository;
        URI location;
        try (RegistryResponse start = send(() -> request(registry.baseUri().resolve("/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()), pushScope(repository), what)) {
            start.requireSuccess();
            location = start.headers().firstValue("Location").map(l -> registry.baseUri().resolve(l))
                    .orElseThrow(() -> new RegistryException("registry " + registry + " opened an upload without a Location", start.status()));
        }
        URI target = URI.create(location + (location.getRawQuery() == null ? "?" : "&") + "digest="
                + URLEncoder.encode(blob.digest().toString(), StandardCharsets.UTF_8));
        try (RegistryResponse done = send(idle -> request(target).header("Content-Type", MediaTypes.OCTET_STREAM)
                .PUT(HttpRequest.BodyPublishers.fromPublisher(new FileBody(file, blob, sent -> {
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
            RegistryResponse current = send(() -> request(uri).GET(), pullScope(repository), what);
            try {
                for (int hops = 0; isRedirect(current.status()); hops++) {
                    RegistryResponse hop = current;
                    URI next = uri.resolve(hop.headers().firstValue("Location")
                            .orElseThrow(() -> new RegistryException(what + ": redirect without Location", hop.status())));
                    if (hops == 5) {
                        throw new RegistryException(what + ": too many redirects", hop.status());
                    }
                    hop.discard(); // before the next hop, so its connection is free again
                    current = transport.sendUnauthenticated(next, what);
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
                            throw new RegistryException(what + " failed: " + TransportFailures.describe(io), io);
                        }
                        throw (RuntimeException) e;
                    }
                    IOException cause = body.failure;
                    if (cause instanceof IdleTimeout.Stalled) {
                        throw transport.stalled(what, "GET " + current.uri().getPath(), cause);
                    }
                    if (startsOver && attempt < transport.settings().maxAttempts()) {
                        transport.backoff(attempt, null, what + ": " + TransportFailures.describe(cause));
                        continue;
                    }
                    throw new RegistryException(what + " failed: the download from registry " + registry + " broke off after "
                            + body.done + " of " + blob.size() + " bytes (" + TransportFailures.describe(cause) + "), " + attempt
                            + " attempt(s); check the network and the proxy settings, then try again", cause);
                }
            } finally {
                current.close();
            }
        }
    }

    // ---- requests ----------------------------------------------------------------------------------------

    private RegistryResponse send(Supplier<HttpRequest.Builder> request, String scope, String what) {
        return transport.send(idle -> request.get(), auth, scope, what);
    }

    private RegistryResponse send(Function<IdleTimeout, HttpRequest.Builder> request, String scope, String what) {
        return transport.send(request, auth, scope, what);
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
}
