package dev.scafctl.catalog.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A token service for the registry's {@code auth: token} mode, the Bearer flow Nexus, GHCR and Docker Hub use: it
 * checks basic credentials and issues RS256 JWTs (signed with a key whose certificate the registry trusts) granting
 * each user only the actions it is allowed. It records who asked for which scope.
 */
public final class TokenServer implements AutoCloseable {

    public static final String SERVICE = "scafctl-test-registry";
    public static final String ISSUER = "scafctl-test-issuer";

    /** A user of the token service and the actions it may be granted on every repository. */
    public record User(String name, String password, Set<String> actions) {}

    private final HttpServer server;
    private final Map<String, User> users;
    private final PrivateKey key;
    private final X509Certificate certificate;
    private final Path certificateFile;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    public TokenServer(Path workDir, List<User> users) {
        this.users = users.stream().collect(Collectors.toMap(User::name, u -> u));
        String openssl = ExternalCommand.require("openssl", "openssl").toString();
        try {
            Files.createDirectories(workDir);
            List<String> command = List.of(openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-keyout", workDir.resolve("token.key").toString(), "-out", workDir.resolve("token.crt").toString(),
                    "-subj", "/CN=scafctl test token signer");
            ExternalCommand.run(command, Duration.ofMinutes(1)).requireSuccess(command);
            certificateFile = workDir.resolve("token.crt");
            key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pemBody(workDir.resolve("token.key"))));
            try (InputStream in = Files.newInputStream(certificateFile)) {
                certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/token", this::issue);
        server.start();
    }

    /** The realm the registry names in its challenges. */
    public String realm() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    /** The certificate the registry must trust for token signatures ({@code rootcertbundle}). */
    public Path certificateFile() {
        return certificateFile;
    }

    /** Every token request as {@code user scope scope...} ({@code anonymous} without credentials). */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void issue(HttpExchange exchange) throws IOException {
        try (exchange) {
            String user = authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
            if (user == null) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            List<String> scopes = new ArrayList<>();
            String query = exchange.getRequestURI().getRawQuery();
            for (String parameter : query == null ? new String[0] : query.split("&")) {
                if (parameter.startsWith("scope=")) {
                    scopes.add(URLDecoder.decode(parameter.substring(6), StandardCharsets.UTF_8));
                }
            }
            requests.add(user + " " + String.join(" ", scopes));
            byte[] body = ("{\"token\":\"" + token(user, scopes) + "\",\"expires_in\":300}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } catch (GeneralSecurityException e) {
            exchange.sendResponseHeaders(500, -1);
        }
    }

    private String authenticate(String header) {
        if (header == null) {
            return "anonymous";
        }
        if (!header.startsWith("Basic ")) {
            return null;
        }
        String decoded = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        User user = colon < 0 ? null : users.get(decoded.substring(0, colon));
        return user != null && user.password().equals(decoded.substring(colon + 1)) ? user.name() : null;
    }

    private String token(String userName, List<String> scopes) throws GeneralSecurityException {
        Set<String> allowed = users.containsKey(userName) ? users.get(userName).actions() : Set.of();
        StringBuilder access = new StringBuilder("[");
        for (String scope : scopes) {
            String[] parts = scope.split(":");
            if (parts.length != 3 || !parts[0].equals("repository")) {
                continue;
            }
            String granted = java.util.Arrays.stream(parts[2].split(",")).filter(allowed::contains)
                    .map(a -> "\"" + a + "\"").collect(Collectors.joining(","));
            access.append(access.length() > 1 ? "," : "").append("{\"type\":\"repository\",\"name\":\"").append(parts[1])
                    .append("\",\"actions\":[").append(granted).append("]}");
        }
        access.append(']');
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"x5c\":[\""
                + Base64.getEncoder().encodeToString(certificate.getEncoded()) + "\"]}";
        String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + userName + "\",\"aud\":\"" + SERVICE + "\",\"exp\":"
                + (now + 300) + ",\"nbf\":" + (now - 10) + ",\"iat\":" + (now - 10) + ",\"jti\":\"" + UUID.randomUUID()
                + "\",\"access\":" + access + "}";
        String signingInput = base64Url(header) + "." + base64Url(claims);
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] pemBody(Path pem) throws IOException {
        String text = Files.readString(pem);
        String body = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
