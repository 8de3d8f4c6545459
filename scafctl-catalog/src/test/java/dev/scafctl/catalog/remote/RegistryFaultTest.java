package dev.scafctl.catalog.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.oci.DigestMismatchException;
import dev.scafctl.catalog.plugin.BuiltPlugin;
import dev.scafctl.catalog.testing.RegistryFrontend;
import dev.scafctl.catalog.testing.RegistryServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults a release pipeline meets: a flaky registry, tampered storage, a registry that is down. */
class RegistryFaultTest {

    @TempDir
    Path work;

    @Test
    void transientServerErrorsAreRetried() {
        try (RegistryServer registry = RegistryServer.startPlain(work.resolve("registry"));
                RegistryFrontend frontend = new RegistryFrontend(registry)) {
            LocalCatalog local = LocalCatalog.open(work.resolve("catalog"));
            BuiltPlugin built = RemoteFixtures.build(local, work, "flaky", "1.0.0", Platform.SUPPORTED.subList(0, 1), "");
            frontend.failNext(2, 500, r -> r.startsWith("PUT /v2/scafctl/providers/flaky/manifests/1.0.0"));

            CatalogPusher.Result result = RemoteFixtures.pusher(local, RemoteFixtures.anonymous(), new BlobLocations())
                    .push(built.reference(), RemoteFixtures.plain(frontend.hostPort()), new CatalogPusher.Options(false));

            assertEquals(built.index().digest(), result.digest());
            assertEquals(3, frontend.count(r -> r.startsWith("PUT /v2/scafctl/providers/flaky/manifests/1.0.0")),
                    "two failures, then the success");
        }
    }

    @Test
    void retriesAreBoundedAndTheErrorSaysWhatFailedWhere() {
        try (RegistryServer registry = RegistryServer.startPlain(work.resolve("registry"));
                RegistryFrontend frontend = new RegistryFrontend(registry)) {
            LocalCatalog local = LocalCatalog.open(work.resolve("catalog"));
            BuiltPlugin built = RemoteFixtures.build(local, work, "down", "1.0.0", Platform.SUPPORTED.subList(0, 1), "");
            frontend.failNext(100, 503, r -> r.startsWith("HEAD /v2/scafctl/providers/down/blobs/"));

            RegistryException e = assertThrows(RegistryException.class, () -> RemoteFixtures.pusher(local,
                    RemoteFixtures.anonymous(), new BlobLocations()).push(built.reference(),
                    RemoteFixtures.plain(frontend.hostPort()), new CatalogPusher.Options(false)));

            java.util.Map<String, Long> attempts = frontend.requests().stream()
                    .filter(r -> r.startsWith("HEAD /v2/scafctl/providers/down/blobs/"))
                    .collect(java.util.stream.Collectors.groupingBy(r -> r, java.util.stream.Collectors.counting()));
            assertEquals(java.util.Set.of(3L), java.util.Set.copyOf(attempts.values()), "3 attempts a blob, no more: " + attempts);
            assertTrue(attempts.containsKey("HEAD /v2/scafctl/providers/down/blobs/" + built.platforms().get(0).binary().digest()),
                    attempts.toString());
            assertEquals(503, e.status());
            assertTrue(e.getMessage().startsWith("checking blob sha256:") && e.getMessage().contains("in scafctl/providers/down failed: registry "
                    + frontend.hostPort() + " answered HTTP 503"), e.getMessage());
        }
    }

    @Test
    void aBlobWhoseBytesDoNotMatchItsDigestIsRefusedAndNothingIsStored() throws Exception {
        try (RegistryServer registry = RegistryServer.startPlain(work.resolve("registry"))) {
            LocalCatalog source = LocalCatalog.open(work.resolve("source"));
            BuiltPlugin built = RemoteFixtures.build(source, work, "tampered", "1.0.0", Platform.SUPPORTED.subList(0, 1), "");
            RemoteFixtures.pusher(source, RemoteFixtures.anonymous(), new BlobLocations())
                    .push(built.reference(), RemoteFixtures.plain(registry.hostPort()), new CatalogPusher.Options(false));
            Digest binary = built.platforms().get(0).binary().digest();
            Path data = registry.storageDir().resolve("docker/registry/v2/blobs/sha256/" + binary.hex().substring(0, 2) + "/"
                    + binary.hex() + "/data");
            byte[] original = Files.readAllBytes(data);
            byte[] evil = original.clone();
            evil[evil.length - 2] ^= 1; // same size, one bit flipped
            Files.write(data, evil);

            LocalCatalog empty = LocalCatalog.open(work.resolve("empty"));
            DigestMismatchException e = assertThrows(DigestMismatchException.class, () -> RemoteFixtures.puller(empty,
                    RemoteFixtures.anonymous()).pull(RemoteReference.parse("http://" + registry.hostPort()
                    + "/scafctl/providers/tampered@1.0.0", false, null), false));

            assertEquals(binary, e.expected());
            assertEquals(Digest.of(evil), e.actual());
            assertTrue(e.getMessage().contains("expected " + binary + ", got " + Digest.of(evil)), e.getMessage());
            assertEquals(List.of(), empty.entries(), "no entry");
            assertFalse(empty.hasBlob(binary), "no blob under the promised digest");
            assertFalse(empty.hasBlob(Digest.of(evil)), "nor under the real one");
        }
    }

    @Test
    void aRegistryThatIsDownGivesAClearMessage() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        LocalCatalog local = LocalCatalog.open(work.resolve("catalog"));
        BuiltPlugin built = RemoteFixtures.build(local, work, "nowhere", "1.0.0", Platform.SUPPORTED.subList(0, 1), "");

        RegistryException e = assertThrows(RegistryException.class, () -> RemoteFixtures.pusher(local,
                RemoteFixtures.anonymous(), new BlobLocations()).push(built.reference(),
                RemoteFixtures.plain("127.0.0.1:" + closedPort), new CatalogPusher.Options(false)));

        assertTrue(e.getMessage().contains("cannot reach registry 127.0.0.1:" + closedPort), e.getMessage());
        assertTrue(e.getMessage().contains("after 3 attempt(s)"), e.getMessage());
    }
}
