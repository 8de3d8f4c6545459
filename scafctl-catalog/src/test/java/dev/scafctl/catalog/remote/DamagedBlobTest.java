package dev.scafctl.catalog.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.CatalogException;
import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactName;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.artifact.PluginRequirement;
import dev.scafctl.catalog.artifact.VersionConstraint;
import dev.scafctl.catalog.archive.ArtifactArchive;
import dev.scafctl.catalog.inspect.ArtifactInspector;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.oci.Descriptor;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.plugin.BuiltPlugin;
import dev.scafctl.catalog.plugin.PluginCache;
import dev.scafctl.catalog.plugin.PluginInstaller;
import dev.scafctl.catalog.testing.SharedRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A byte flipped in a stored binary: nothing that takes content out of the local catalog uses it (each fails naming
 * the blob and the artifact), and a download or rebuild that meets it replaces it with good bytes.
 */
class DamagedBlobTest {

    private static final Platform LINUX = Platform.SUPPORTED.get(0);

    @RegisterExtension
    static final SharedRegistry shared = new SharedRegistry();

    @TempDir
    Path work;

    private LocalCatalog local;
    private BuiltPlugin built;
    private Digest binary;
    private RemoteCatalog good;

    @BeforeEach
    void buildPushAndDamage() throws Exception {
        local = LocalCatalog.open(work.resolve("catalog"));
        String name = "damaged-" + work.getFileName().toString().replaceAll("[^0-9]", "");
        built = RemoteFixtures.build(local, work, name, "1.0.0", List.of(LINUX), "");
        good = RemoteCatalog.parse("good", "http://" + shared.registry().hostPort() + "/good", false, null);
        RemoteFixtures.pusher(local, RemoteFixtures.anonymous(), new BlobLocations())
                .push(built.reference(), good, new CatalogPusher.Options(false));
        binary = built.platforms().get(0).binary().digest();
        flipAByte(local.blobPath(binary));
    }

    private static void flipAByte(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
    }

    private void assertNamesBlobAndArtifact(CatalogException e) {
        assertTrue(e.getMessage().contains(binary.toString()) && e.getMessage().contains("is damaged"), e.getMessage());
        assertTrue(e.getMessage().contains(built.reference().toString()) || e.getMessage().contains(built.reference().name().value()),
                e.getMessage());
    }

    @Test
    void saveRefusesToArchiveADamagedBlob() {
        Path target = work.resolve("out.tar");
        CatalogException e = assertThrows(CatalogException.class,
                () -> new ArtifactArchive(local).save(List.of(built.reference()), Set.of(), target));
        assertNamesBlobAndArtifact(e);
        assertFalse(Files.exists(target));
    }

    @Test
    void pushRefusesToUploadADamagedBlob() {
        RemoteCatalog fresh = RemoteCatalog.parse("fresh", "http://" + shared.registry().hostPort() + "/fresh", false, null);
        CatalogException e = assertThrows(CatalogException.class, () -> RemoteFixtures.pusher(local, RemoteFixtures.anonymous(),
                new BlobLocations()).push(built.reference(), fresh, new CatalogPusher.Options(false)));
        assertNamesBlobAndArtifact(e);
        RegistryClient client = RemoteFixtures.anonymous().apply(fresh.registry());
        String repository = fresh.repository(ArtifactKind.PROVIDER, built.reference().name());
        assertEquals(Optional.empty(), client.fetchManifest(repository, "1.0.0"));
        assertFalse(client.hasBlob(repository, binary), "the damaged bytes were checked before the upload completed");
    }

    @Test
    void pushOfAnArtifactWithAMissingBlobFailsBeforeUploadingAnything() throws Exception {
        Files.delete(local.blobPath(binary));
        RemoteCatalog fresh = RemoteCatalog.parse("fresh", "http://" + shared.registry().hostPort() + "/missing", false, null);
        CatalogException e = assertThrows(CatalogException.class, () -> RemoteFixtures.pusher(local, RemoteFixtures.anonymous(),
                new BlobLocations()).push(built.reference(), fresh, new CatalogPusher.Options(false)));
        assertTrue(e.getMessage().contains(built.reference() + " in catalog ") && e.getMessage().contains(binary + " (")
                && e.getMessage().contains("is not stored"), e.getMessage());
        RegistryClient client = RemoteFixtures.anonymous().apply(fresh.registry());
        String repository = fresh.repository(ArtifactKind.PROVIDER, built.reference().name());
        for (Descriptor blob : local.walk(built.index()).blobs()) {
            assertFalse(client.hasBlob(repository, blob.digest()), "nothing was uploaded: " + blob.digest());
        }
    }

    @Test
    void inspectReportsADamagedBlob() {
        assertNamesBlobAndArtifact(assertThrows(CatalogException.class, () -> ArtifactInspector.local(local, built.reference())));
    }

    @Test
    void installPluginsFromTheLocalCatalogRefusesADamagedBinaryAndUsesAGoodRemoteCatalogInstead() throws Exception {
        PluginRequirement requirement = new PluginRequirement(built.reference().name(), ArtifactKind.PROVIDER,
                VersionConstraint.parse("1.0.0"));
        PluginInstaller.Options options = new PluginInstaller.Options(LINUX, false, 1);
        CatalogException alone = assertThrows(CatalogException.class, () -> new PluginInstaller(local, List.of(),
                RemoteFixtures.anonymous(), new PluginCache(work.resolve("cache")), TransferListener.NONE, line -> { })
                .install(List.of(requirement), Optional.empty(), options));
        assertNamesBlobAndArtifact(alone);

        PluginInstaller.Installed installed = new PluginInstaller(local, List.of(good), RemoteFixtures.anonymous(),
                new PluginCache(work.resolve("cache")), TransferListener.NONE, line -> { })
                .install(List.of(requirement), Optional.empty(), options).get(0);
        assertEquals("good", installed.catalog());
        assertEquals(binary, Digest.of(installed.file()));
    }

    @Test
    void pullWithForceReplacesTheDamagedBlob() throws Exception {
        RemoteFixtures.puller(local, RemoteFixtures.anonymous()).pull(RemoteReference.parse(
                "http://" + shared.registry().hostPort() + "/good/providers/" + built.reference().name() + "@1.0.0", false, null),
                true);
        assertEquals(binary, Digest.of(local.blobPath(binary)));
    }

    @Test
    void aRebuildFromTheGoodBinaryReplacesTheDamagedBlob() throws Exception {
        RemoteFixtures.build(local, work, built.reference().name().value(), "1.0.0", List.of(LINUX), "");
        assertEquals(binary, Digest.of(local.blobPath(binary)));
        ArtifactInspector.local(local, built.reference());
    }
}
