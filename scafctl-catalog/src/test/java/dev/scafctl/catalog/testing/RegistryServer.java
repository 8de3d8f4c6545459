package dev.scafctl.catalog.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * The real CNCF distribution registry ({@code docker-registry serve}, Debian package {@code docker-registry}),
 * started for a test on a free 127.0.0.1 port with its own storage folder and log, in the setups users meet:
 * plain HTTP, or TLS with a CA made for the test plus htpasswd basic auth. Every test that needs a registry gets
 * it here; {@link #close()} stops the process.
 */
public final class RegistryServer implements AutoCloseable {

    public static final String USER = "scafctl-test";

    private final Path workDir;
    private final int port;
    private final boolean tls;
    private final String password;
    private final Process process;

    private RegistryServer(Path workDir, int port, boolean tls, String password, Process process) {
        this.workDir = workDir;
        this.port = port;
        this.tls = tls;
        this.password = password;
        this.process = process;
    }

    /** A registry over plain HTTP with no authentication. */
    public static RegistryServer startPlain(Path workDir) {
        return start(workDir, false);
    }

    /** A registry over TLS (a CA generated for this test) that requires basic auth as {@link #USER}. */
    public static RegistryServer startTls(Path workDir) {
        return start(workDir, true);
    }

    /** A plain-HTTP registry that requires Bearer tokens from {@code tokens}, as Nexus and GHCR do. */
    public static RegistryServer startWithTokens(Path workDir, TokenServer tokens) {
        return start(workDir, false, tokens);
    }

    private static RegistryServer start(Path workDir, boolean tls) {
        return start(workDir, tls, null);
    }

    private static RegistryServer start(Path workDir, boolean tls, TokenServer tokens) {
        Path executable = ExternalCommand.require("docker-registry", "docker-registry");
        try {
            Files.createDirectories(workDir.resolve("storage"));
            String password = null;
            if (tls) {
                // A ':' in the password keeps the "user:password" handling of every client honest.
                password = "p:" + Long.toHexString(new SecureRandom().nextLong());
                TestCertificates.create(workDir.resolve("certs"), workDir.resolve("ca"));
                Files.writeString(workDir.resolve("htpasswd"), USER + ":"
                        + OpenBSDBCrypt.generate("2a", password.toCharArray(), salt(), 6) + "\n");
            }
            AssertionError lastFailure = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                int port = freePort();
                Path config = Files.writeString(workDir.resolve("config.yml"), config(workDir, port, tls, tokens));
                Process process = new ProcessBuilder(executable.toString(), "serve", config.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(workDir.resolve("registry.log").toFile())
                        .start();
                RegistryServer server = new RegistryServer(workDir, port, tls, password, process);
                try {
                    server.awaitReady(Duration.ofSeconds(30));
                    return server;
                } catch (AssertionError e) {
                    server.close();
                    lastFailure = e; // most likely the port was taken between probing and binding
                }
            }
            throw lastFailure;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start docker-registry in " + workDir, e);
        }
    }

    private static String config(Path workDir, int port, boolean tls, TokenServer tokens) {
        StringBuilder yaml = new StringBuilder()
                .append("version: 0.1\n")
                .append("log:\n  level: info\n  accesslog:\n    disabled: false\n")
                .append("storage:\n  filesystem:\n    rootdirectory: ").append(workDir.resolve("storage")).append('\n')
                .append("  delete:\n    enabled: true\n")
                .append("  maintenance:\n    uploadpurging:\n      enabled: false\n")
                .append("http:\n  addr: 127.0.0.1:").append(port).append('\n')
                .append("  secret: scafctl-test-secret\n");
        if (tls) {
            Path certs = workDir.resolve("certs");
            yaml.append("  tls:\n    certificate: ").append(certs.resolve("server.crt")).append('\n')
                    .append("    key: ").append(certs.resolve("server.key")).append('\n')
                    .append("auth:\n  htpasswd:\n    realm: scafctl-test\n    path: ")
                    .append(workDir.resolve("htpasswd")).append('\n');
        }
        if (tokens != null) {
            yaml.append("auth:\n  token:\n    realm: ").append(tokens.realm()).append('\n')
                    .append("    service: ").append(TokenServer.SERVICE).append('\n')
                    .append("    issuer: ").append(TokenServer.ISSUER).append('\n')
                    .append("    rootcertbundle: ").append(tokens.certificateFile()).append('\n');
        }
        return yaml.toString();
    }

    private void awaitReady(Duration timeout) {
        HttpClient client = httpClient();
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest ping = HttpRequest.newBuilder(baseUri().resolve("/v2/")).timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("docker-registry exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                int status = client.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200 || status == 401) {
                    return;
                }
            } catch (ConnectException e) {
                // not listening yet: poll again
            } catch (IOException e) {
                // a half-started TLS listener: poll again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for docker-registry", e);
            }
            try {
                // Wait for the next poll, returning at once should the registry exit meanwhile.
                process.waitFor(50, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for docker-registry", e);
            }
        }
        throw new AssertionError("docker-registry did not answer on " + baseUri() + " within " + timeout + ":\n" + log());
    }

    /** {@code 127.0.0.1:PORT}, the registry part of an image reference. */
    public String hostPort() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public boolean tls() {
        return tls;
    }

    /** {@code http://127.0.0.1:PORT} or {@code https://127.0.0.1:PORT}. */
    public URI baseUri() {
        return URI.create((tls ? "https://" : "http://") + hostPort());
    }

    /** The basic-auth user name; only the TLS variant requires it. */
    public String user() {
        return USER;
    }

    /** The basic-auth password of the TLS variant (it contains a {@code :}). */
    public String password() {
        return password;
    }

    /** {@code user:password}, as skopeo's {@code --creds} takes it. */
    public String credentials() {
        return USER + ":" + password;
    }

    /** A folder with only {@code ca.crt}, the CA that signed the TLS variant's certificate (skopeo's cert-dir). */
    public Path certificateDir() {
        return workDir.resolve("ca");
    }

    public Path caCertificate() {
        return certificateDir().resolve("ca.crt");
    }

    /** Where the registry keeps its blobs and repositories. */
    public Path storageDir() {
        return workDir.resolve("storage");
    }

    public String log() {
        try {
            return Files.readString(workDir.resolve("registry.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** An HTTP client that trusts this registry's CA (and nothing else), without credentials. */
    public HttpClient httpClient() {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (tls) {
            builder.sslContext(sslContext());
        }
        return builder.build();
    }

    /** An SSL context whose only trusted root is this registry's test CA. */
    public SSLContext sslContext() {
        try (InputStream in = Files.newInputStream(caCertificate())) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("scafctl-test-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the test CA " + caCertificate(), e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static byte[] salt() {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return salt;
    }
}
