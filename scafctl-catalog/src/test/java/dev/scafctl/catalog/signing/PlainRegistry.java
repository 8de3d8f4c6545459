package dev.scafctl.catalog.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scafctl.catalog.oci.Digest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The registry API spoken with the JDK's HTTP client alone, not through our RegistryClient: what another tool would
 * see of what we store, and how another tool would store a signature for us to read.
 */
final class PlainRegistry {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    PlainRegistry(String hostPort) {
        this.base = URI.create("http://" + hostPort);
    }

    /** The manifest tagged or digested {@code reference}; empty on 404. */
    Optional<byte[]> manifest(String repository, String reference) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(base.resolve("/v2/" + repository + "/manifests/" + reference))
                .header("Accept", "application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        assertEquals(200, response.statusCode(), "GET manifest " + repository + ":" + reference);
        return Optional.of(response.body());
    }

    byte[] blob(String repository, String digest) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(base.resolve("/v2/" + repository + "/blobs/" + digest))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), "GET blob " + digest);
        return response.body();
    }

    /** A monolithic upload: POST for a session, then PUT with the digest. */
    void putBlob(String repository, byte[] bytes) throws IOException, InterruptedException {
        HttpResponse<String> start = http.send(HttpRequest.newBuilder(base.resolve("/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, start.statusCode(), start.body());
        String location = start.headers().firstValue("Location").orElseThrow();
        URI session = base.resolve(location);
        URI put = URI.create(session + (session.getRawQuery() == null ? "?" : "&") + "digest=" + Digest.of(bytes));
        HttpResponse<String> done = http.send(HttpRequest.newBuilder(put).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, done.statusCode(), done.body());
    }

    void putManifest(String repository, String reference, byte[] manifest) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/v2/" + repository + "/manifests/" + reference))
                .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
    }
}
