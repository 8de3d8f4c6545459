package dev.scafctl.catalog.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactName;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.artifact.PluginRequirement;
import dev.scafctl.catalog.artifact.Version;
import dev.scafctl.catalog.artifact.VersionConstraint;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.plugin.BuiltPlugin;
import dev.scafctl.catalog.plugin.PluginCache;
import dev.scafctl.catalog.plugin.PluginInstaller;
import dev.scafctl.catalog.testing.FaultRelay;
import dev.scafctl.catalog.testing.SharedRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry (or a proxy) that goes silent in the middle of an exchange: push, pull and install give up after the
 * timeout of no progress, say where and how long they waited, leave nothing half-written at a final path, and a
 * later run succeeds without leaving a temporary file.
 */
class StalledRegistryTest {

    private static final Platform LINUX = Platform.parseSupported("linux/amd64");
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** What a stalled exchange may take beyond the timeout: the requests before it, the cancelling. */
    private static final Duration MARGIN = Duration.ofMillis(2500);

    @RegisterExtension
    static final SharedRegistry shared = new SharedRegistry();

    @TempDir
    Path work;

    private FaultRelay relay;

    @BeforeEach
    void startRelay() {
        relay = new FaultRelay(shared.registry().hostPort());
    }

    @AfterEach
    void stopRelay() {
        relay.close();
    }

    private static Function<Registry, RegistryClient> clients() {
        return registry -> new RegistryClient(registry, CredentialSource.anonymous(),
                RemoteFixtures.fastRetries().withTimeout(TIMEOUT));
    }

    private RemoteCatalog throughRelay(String prefix) {
        return RemoteCatalog.parse(prefix, "http://" + relay.hostPort() + "/" + prefix, false, null);
    }

    private BuiltPlugin published(String prefix, String name) {
        return RemoteFixtures.published(work, shared.registry().hostPort(), prefix, name, clients());
    }

    /** Runs {@code failing}, which must fail within the timeout and the margin, after the timeout has passed. */
    private RegistryException stallsWithinTheTimeout(Executable failing) throws InterruptedException {
        long start = System.nanoTime();
        RegistryException e = assertThrows(RegistryException.class, failing);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(relay.awaitStall(0), "the relay went silent: " + relay.requests());
        assertTrue(took.compareTo(TIMEOUT) >= 0, "gave up only after the timeout: " + took);
        assertTrue(took.compareTo(TIMEOUT.plus(MARGIN)) < 0, "gave up within the timeout and a margin: " + took);
        assertTrue(e.getMessage().contains("registry " + relay.hostPort() + " went silent: nothing arrived for 2 s"),
                e.getMessage());
        assertTrue(e.getMessage().contains("scafctl.timeout"), e.getMessage());
        return e;
    }

    @Test
    void aPushWhoseUploadGoesSilentGivesUpAfterTheTimeout() throws Exception {
        LocalCatalog local = LocalCatalog.open(work.resolve("catalog"));
        BuiltPlugin built = RemoteFixtures.build(local, work, "stalled-push", "1.0.0", List.of(LINUX), "");
        Digest binary = built.platforms().get(0).binary().digest();
        relay.rule(request -> request.startsWith("PUT /v2/push/providers/stalled-push/blobs/uploads/")
                && request.contains(binary.hex()) ? new FaultRelay.StallUpload(16) : FaultRelay.RELAY);
        CatalogPusher pusher = RemoteFixtures.pusher(local, clients(), new BlobLocations());

        RegistryException e = stallsWithinTheTimeout(() -> pusher.push(built.reference(), throughRelay("push"),
                new CatalogPusher.Options(false)));

        assertTrue(e.getMessage().startsWith("uploading blob " + binary + " to push/providers/stalled-push failed"),
                e.getMessage());
        assertTrue(e.getMessage().contains("to PUT /v2/push/providers/stalled-push/blobs/uploads/"), e.getMessage());
        RegistryClient direct = clients().apply(new Registry(shared.registry().hostPort(), true, false, null));
        assertFalse(direct.hasManifest("push/providers/stalled-push", "1.0.0"), "nothing tagged");
        assertFalse(direct.hasBlob("push/providers/stalled-push", binary), "no blob from the stalled upload");

        relay.rule(request -> FaultRelay.RELAY);
        pusher.push(built.reference(), throughRelay("push"), new CatalogPusher.Options(false));
        assertTrue(direct.hasManifest("push/providers/stalled-push", "1.0.0"));
        assertEquals(List.of(), temporaryFiles(local.root()));
    }

    @Test
    void aPullWhoseBlobGoesSilentHalfWayGivesUpAfterTheTimeout() throws Exception {
        BuiltPlugin built = published("pull", "stalled-pull");
        Digest binary = built.platforms().get(0).binary().digest();
        relay.rule(request -> request.equals("GET /v2/pull/providers/stalled-pull/blobs/" + binary)
                ? new FaultRelay.StallAnswer((int) built.platforms().get(0).binary().size() / 2) : FaultRelay.RELAY);
        LocalCatalog local = LocalCatalog.open(work.resolve("catalog"));
        CatalogPuller puller = RemoteFixtures.puller(local, clients());
        RemoteReference reference = RemoteReference.parse("http://" + relay.hostPort()
                + "/pull/providers/stalled-pull@1.0.0", false, null);

        RegistryException e = stallsWithinTheTimeout(() -> puller.pull(reference, false));

        assertTrue(e.getMessage().startsWith("downloading blob " + binary + " from pull/providers/stalled-pull failed"),
                e.getMessage());
        assertTrue(e.getMessage().contains("to GET /v2/pull/providers/stalled-pull/blobs/" + binary), e.getMessage());
        assertFalse(local.hasBlob(binary), "no partial blob under its digest");
        assertEquals(List.of(), local.entries(), "nothing tagged");

        relay.rule(request -> FaultRelay.RELAY);
        puller.pull(reference, false);
        assertTrue(local.hasBlob(binary));
        assertEquals(binary, Digest.of(Files.readAllBytes(local.blobPath(binary))));
        assertEquals(List.of(), temporaryFiles(local.root()));
    }

    @Test
    void anInstallWhoseBinaryGoesSilentHalfWayGivesUpAfterTheTimeout() throws Exception {
        BuiltPlugin built = published("install", "stalled-install");
        Digest binary = built.platforms().get(0).binary().digest();
        relay.rule(request -> request.equals("GET /v2/install/providers/stalled-install/blobs/" + binary)
                ? new FaultRelay.StallAnswer((int) built.platforms().get(0).binary().size() / 2) : FaultRelay.RELAY);
        PluginCache cache = new PluginCache(work.resolve("cache"));
        PluginInstaller installer = new PluginInstaller(LocalCatalog.open(work.resolve("local")),
                List.of(throughRelay("install")), clients(), cache, TransferListener.NONE, line -> { });
        List<PluginRequirement> wanted = List.of(new PluginRequirement(ArtifactName.of("stalled-install"),
                ArtifactKind.PROVIDER, VersionConstraint.parse("1.0.0")));
        PluginInstaller.Options options = new PluginInstaller.Options(LINUX, false, 4);
        Path file = cache.path(ArtifactName.of("stalled-install"), Version.parse("1.0.0"), LINUX);

        RegistryException e = stallsWithinTheTimeout(() -> installer.install(wanted, Optional.empty(), options));

        assertTrue(e.getMessage().startsWith("downloading blob " + binary), e.getMessage());
        assertFalse(Files.exists(file), "no partial binary at its final path");

        relay.rule(request -> FaultRelay.RELAY);
        installer.install(wanted, Optional.empty(), options);
        assertEquals(binary, Digest.of(Files.readAllBytes(file)));
        assertEquals(List.of(), temporaryFiles(work.resolve("cache")));
    }

    /** Files a write leaves while under way: in the catalog's temporary folder, or named {@code *.tmp}. */
    private static List<Path> temporaryFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(".tmp") || root.relativize(f).startsWith(".tmp"))
                    .toList();
        }
    }
}
