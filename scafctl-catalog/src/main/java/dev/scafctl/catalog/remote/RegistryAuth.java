package dev.scafctl.catalog.remote;

import dev.scafctl.catalog.oci.CanonicalJson;
import dev.scafctl.catalog.oci.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who a client is to one registry: its credentials (or none), whether the registry asked for Basic, and the Bearer
 * tokens its token service gave, one per scope. It belongs to one client, and a client to one set of credentials,
 * so two catalogs on one host with different credentials never share a token. No secret reaches a message.
 */
final class RegistryAuth {

    private final Registry registry;
    private final Optional<Credentials> credentials;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private volatile boolean basicChallenged;

    RegistryAuth(Registry registry, Optional<Credentials> credentials) {
        this.registry = registry;
        this.credentials = credentials;
    }

    Optional<Credentials> credentials() {
        return credentials;
    }

    /** The Authorization to send for {@code scope}, or {@code null} before any challenge asked for one. */
    String authorizationFor(String scope) {
        String token = tokens.get(scope);
        if (token != null) {
            return token;
        }
        return basicChallenged ? credentials.map(Credentials::basicAuthorization).orElse(null) : null;
    }

    /**
     * Prepares an Authorization for {@code challenge} (a token fetched through {@code transport} for Bearer); false
     * when there is nothing to answer it with.
     */
    boolean answer(Optional<AuthChallenge> challenge, String scope, String what, RegistryTransport transport) {
        if (challenge.isEmpty()) {
            return false;
        }
        if (challenge.get().isBasic()) {
            basicChallenged = true;
            return credentials.isPresent();
        }
        if (!challenge.get().isBearer() || challenge.get().parameters().get("realm") == null) {
            return false;
        }
        tokens.put(scope, "Bearer " + fetchToken(challenge.get(), scope, what, transport));
        return true;
    }

    /** The registry refused who this client is: which credentials (never their secret), and where to give others. */
    RegistryException unauthorized(String what) {
        String who = credentials.map(c -> "the credentials of " + c.username() + " from " + c.source())
                .orElse("anonymous access (no credentials found for " + registry + ")");
        return new RegistryException(what + " failed: registry " + registry + " refused " + who
                + " (401 Unauthorized); configure a settings.xml <server> with id " + registry.host()
                + ", set SCAFCTL_REGISTRY_USERNAME/SCAFCTL_REGISTRY_PASSWORD, or log in with docker/podman", 401);
    }

    private String fetchToken(AuthChallenge challenge, String scope, String what, RegistryTransport transport) {
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
            HttpResponse<byte[]> response = transport.exchange(builder.build(), HttpResponse.BodyHandlers.ofByteArray(),
                    new IdleTimeout(transport.settings().requestTimeout()), what);
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
            throw new RegistryException(what + ": cannot reach the token service " + uri.getHost() + ": "
                    + TransportFailures.describe(e), e);
        }
    }
}
