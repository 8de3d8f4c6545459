package dev.scafctl.catalog.remote;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A registry's answer to one request, whose body must be read or closed. Its error texts name the operation
 * ({@code what}) and the registry, never a secret.
 */
final class RegistryResponse implements AutoCloseable {

    /** The most read of a small answer: a manifest, a page of tags, a token, an error's detail. */
    static final int SMALL_ANSWER_BYTES = 4 << 20;

    private final HttpResponse<InputStream> response;
    private final URI uri;
    private final String what;
    private final Registry registry;

    RegistryResponse(HttpResponse<InputStream> response, URI uri, String what, Registry registry) {
        this.response = response;
        this.uri = uri;
        this.what = what;
        this.registry = registry;
    }

    URI uri() {
        return uri;
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

    /** Reads a small body to its end (so the connection can serve another request) and closes it. */
    void discard() {
        try (InputStream in = response.body()) {
            in.readNBytes(64 << 10);
        } catch (IOException e) {
            // the connection is dropped instead of reused
        }
    }

    /** The body, which must not exceed {@code limit} bytes. */
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
            throw new RegistryException(what + " failed while reading the answer: " + TransportFailures.describe(e), e);
        }
    }

    /** Fails unless the status is 2xx, with the registry's own words (shortened) and a hint for 403 and 404. */
    void requireSuccess() {
        if (status() / 100 == 2) {
            return;
        }
        String detail = new String(readAtMost(SMALL_ANSWER_BYTES), StandardCharsets.UTF_8).strip();
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
