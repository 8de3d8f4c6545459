package dev.scafctl.catalog.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryServerTest {

    @TempDir
    Path dir;

    @Test
    void plainRegistryAnswersWithoutCredentials() throws Exception {
        try (RegistryServer registry = RegistryServer.startPlain(dir)) {
            assertTrue(registry.baseUri().toString().startsWith("http://127.0.0.1:"));
            assertEquals(200, status(registry.httpClient(), registry, null));
            assertTrue(registry.log().contains("GET /v2/"), registry.log());
        }
    }

    @Test
    void tlsRegistryRequiresBasicAuthAndServesTheTestCaOnly() throws Exception {
        try (RegistryServer registry = RegistryServer.startTls(dir)) {
            assertEquals(401, status(registry.httpClient(), registry, null));
            assertEquals(401, status(registry.httpClient(), registry, basic(registry.user(), "wrong")));
            assertEquals(200, status(registry.httpClient(), registry, basic(registry.user(), registry.password())));
            HttpClient jdkDefaults = HttpClient.newHttpClient();
            assertThrows(SSLHandshakeException.class, () -> status(jdkDefaults, registry, null));
        }
    }

    private static int status(HttpClient client, RegistryServer registry, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(registry.baseUri().resolve("/v2/"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
