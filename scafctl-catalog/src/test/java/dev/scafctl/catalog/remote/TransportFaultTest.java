package dev.scafctl.catalog.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.CatalogException;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.plugin.BuiltPlugin;
import dev.scafctl.catalog.testing.RegistryFrontend;
import dev.scafctl.catalog.testing.RegistryServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transport faults that retrying cannot mend, or that a registry asks for: each is reported saying what to do,
 * and none is retried blindly. Real registries throughout; a TCP relay for a host name the certificate lacks.
 */
class TransportFaultTest {

    @TempDir
    Path work;

    private final List<String> debug = new ArrayList<>();

    @Test
    void aRetryAfterBeyondTheCapFailsSayingHowLongTheRegistryAskedToWait() {
        try (RegistryServer registry = RegistryServer.startPlain(work.resolve("registry"));
                RegistryFrontend frontend = new RegistryFrontend(registry)) {
            frontend.failNext(1, 503, Map.of("Retry-After", "9999"), r -> r.startsWith("GET /v2/team/x/tags/list"));
            long start = System.nanoTime();
            RegistryException e = assertThrows(RegistryException.class, () -> client(frontend.hostPort()).listTags("team/x"));
            assertTrue((System.nanoTime() - start) / 1_000_000_000L < 30, "it did not wait the 9999 s");
            assertEquals(503, e.status());
            assertTrue(e.getMessage().contains("asked to wait 9999 s before trying again (Retry-After), longer than the 60 s"),
                    e.getMessage());
            assertEquals(1, frontend.count(r -> r.startsWith("GET /v2/team/x/tags/list")));
        }
    }

    @Test
    void aRetryAfterDateIsHonoured() {
        try (RegistryServer registry = RegistryServer.startPlain(work.resolve("registry"));
                RegistryFrontend frontend = new RegistryFrontend(registry)) {
            String inTwoSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
            frontend.failNext(1, 429, Map.of("Retry-After", inTwoSeconds), r -> r.startsWith("GET /v2/team/x/tags/list"));
            assertEquals(List.of(), client(frontend.hostPort()).listTags("team/x"));
            long waited = debug.stream().filter(l -> l.startsWith("retrying after ")).findFirst()
                    .map(l -> Long.parseLong(l.substring("retrying after ".length(), l.indexOf(" ms")))).orElseThrow();
            assertTrue(waited >= 500 && waited <= 2000, "waited " + waited + " ms for a date 2 s ahead: " + debug);
        }
    }

    @Test
    void aRefusedMountCancelsTheUploadSessionItOpened() throws IOException {
        try (RegistryServer registry = RegistryServer.startPlain(work.resolve("registry"))) {
            RegistryClient client = client(registry.hostPort());
            LocalCatalog local = LocalCatalog.open(work.resolve("catalog"));
            BuiltPlugin built = RemoteFixtures.build(local, work, "mounted", "1.0.0", Platform.SUPPORTED.subList(0, 1), "");
            RemoteFixtures.pusher(local, r -> client, new BlobLocations())
                    .push(built.reference(), RemoteFixtures.plain(registry.hostPort()), new CatalogPusher.Options(false));
            Digest blob = built.platforms().get(0).binary().digest();

            // The source repository does not hold the blob: the registry answers 202 with an upload session.
            assertFalse(client.mountBlob("other/target", blob, "no/such-repository"));

            Path uploads = registry.storageDir().resolve("docker/registry/v2/repositories/other/target/_uploads");
            // An open session is a folder with "startedat" and "data"; cancelling removes them (distribution keeps
            // an empty hash state).
            try (Stream<Path> sessions = Files.exists(uploads) ? Files.walk(uploads)
                    .filter(p -> p.getFileName().toString().equals("startedat")) : Stream.empty()) {
                assertEquals(List.of(), sessions.toList(), "abandoned upload sessions: " + debug);
            }
        }
    }

    @Test
    void aHostNameTheCertificateDoesNotNameIsReportedAsSuchWithACaFile() throws IOException {
        try (RegistryServer registry = RegistryServer.startTls(work.resolve("registry"));
                Relay relay = new Relay(InetAddress.getByName("127.0.0.2"), registry.port())) {
            RegistryClient client = new RegistryClient(new Registry("127.0.0.2:" + relay.port(), false, false,
                    registry.caCertificate()), CredentialSource.anonymous(), RemoteFixtures.fastRetries().withDebug(debug::add));
            RegistryException e = assertThrows(RegistryException.class, () -> client.listTags("team/x"));
            assertTrue(e.getMessage().contains("127.0.0.2") && e.getMessage().contains("names: 127.0.0.1, localhost")
                    && e.getMessage().contains("the caFile " + registry.caCertificate()), e.getMessage());
            assertFalse(e.getMessage().contains("PKIX path building failed"), "the real cause was kept: " + e.getMessage());
            assertEquals(1, relay.connections(), "a certificate error is not retried");
        }
    }

    @Test
    void aCaFileThatIsNotPemIsNamed() throws IOException {
        Path notPem = Files.writeString(work.resolve("ca.crt"), "this is not a certificate\n");
        CatalogException e = assertThrows(CatalogException.class, () -> new RegistryClient(
                new Registry("registry.example:5000", false, false, notPem), CredentialSource.anonymous(), RemoteFixtures.fastRetries()));
        assertTrue(e.getMessage().startsWith("CA file " + notPem + " of registry registry.example:5000 is not a PEM"), e.getMessage());
    }

    @Test
    void aPlainHttpRegistryAddressedWithoutSchemeSuggestsHttp() {
        try (RegistryServer registry = RegistryServer.startPlain(work.resolve("registry"))) {
            RegistryClient client = new RegistryClient(new Registry(registry.hostPort(), false, false, null),
                    CredentialSource.anonymous(), RemoteFixtures.fastRetries().withDebug(debug::add));
            RegistryException e = assertThrows(RegistryException.class, () -> client.listTags("team/x"));
            assertTrue(e.getMessage().contains("answered the TLS handshake in plain HTTP; if it only speaks HTTP, write the"
                    + " catalog URL as http://" + registry.hostPort() + "/"), e.getMessage());
            assertTrue(debug.stream().noneMatch(l -> l.startsWith("retrying")), "not retried: " + debug);
        }
    }

    @Test
    void aRegistryThatIsDownIsNamedByHostAndPort() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        RegistryClient client = client("127.0.0.1:" + port);
        RegistryException e = assertThrows(RegistryException.class, () -> client.listTags("team/x"));
        assertTrue(e.getMessage().contains("nothing answers on 127.0.0.1:" + port + " (connection refused)"), e.getMessage());
    }

    private RegistryClient client(String hostPort) {
        return new RegistryClient(new Registry(hostPort, true, false, null), CredentialSource.anonymous(),
                RemoteFixtures.fastRetries().withDebug(debug::add));
    }

    /** Relays TCP from another loopback address to the registry, so it is reached by a name its certificate lacks. */
    static final class Relay implements AutoCloseable {
        private final ServerSocket listener;
        private final int target;
        private volatile int connections;

        Relay(InetAddress address, int target) throws IOException {
            this.listener = new ServerSocket();
            this.listener.bind(new InetSocketAddress(address, 0));
            this.target = target;
            Thread acceptor = new Thread(this::accept, "tls-relay");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        int connections() {
            return connections;
        }

        private void accept() {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    connections++;
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    pump(client.getInputStream(), upstream.getOutputStream(), upstream);
                    pump(upstream.getInputStream(), client.getOutputStream(), client);
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        private static void pump(InputStream in, OutputStream out, Socket closeAfter) {
            Thread thread = new Thread(() -> {
                try (closeAfter) {
                    in.transferTo(out);
                } catch (IOException ignored) {
                    // one side hung up
                }
            }, "tls-relay-pump");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() {
            try {
                listener.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
