package dev.scafctl.catalog.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.archive.ArtifactArchive;
import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactReference;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.plugin.PluginInstaller;
import dev.scafctl.catalog.testing.SharedRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signatures cross an air gap in an archive, on the real registry: what a connected machine pulled (signed and
 * unsigned) is saved, loaded into a catalog of a machine without any registry, and install-plugins with
 * requireSignature there takes the signed artifact and refuses the unsigned one.
 */
class SignedArchiveTest {

    @RegisterExtension
    static final SharedRegistry shared = new SharedRegistry();

    @TempDir
    Path work;

    private Openssl.KeyPair release;

    @BeforeEach
    void key() {
        release = Openssl.newKeyPair(work, "release");
    }

    /** Publishes {@code name@1.0.0} (signed or not) and pulls it, with its signatures, into {@code connected}. */
    private ArtifactReference publishAndPull(LocalCatalog connected, String name, boolean signed) {
        String host = shared.registry().hostPort();
        Optional<Signer> signer = signed ? Optional.of(SigningKeyFile.read(release.privateKey(), Optional.empty(), line -> { }))
                : Optional.empty();
        return SignedFixtures.pull(connected, host, SignedFixtures.publish(work, host, name, signer));
    }

    private PluginInstaller airGapped(LocalCatalog local) {
        return SignedFixtures.withoutRegistry(local, work.resolve("cache"), release);
    }

    @Test
    void aLoadedArchiveCarriesTheSignaturesAndAnAirGappedInstallTakesTheSignedArtifactAndRefusesTheUnsigned() {
        LocalCatalog connected = LocalCatalog.open(work.resolve("connected"));
        ArtifactReference signed = publishAndPull(connected, "gapped", true);
        ArtifactReference unsigned = publishAndPull(connected, "plain", false);
        Path archive = work.resolve("transfer.tar");

        ArtifactArchive.Summary saved = new ArtifactArchive(connected).save(List.of(signed, unsigned), Set.of(), archive);
        LocalCatalog gapped = LocalCatalog.open(work.resolve("gapped"));
        ArtifactArchive.Summary loaded = new ArtifactArchive(gapped).load(archive, false);

        assertEquals(List.of("provider/gapped:1.0.0", "provider/plain:1.0.0"), saved.refNames(), "the artifacts first");
        assertEquals(3, saved.signatures(), "the index and both platform manifests of the signed one");
        assertEquals(3, loaded.signatures());
        LocalSignatures before = new LocalSignatures(connected, ArtifactKind.PROVIDER, signed.name());
        LocalSignatures after = new LocalSignatures(gapped, ArtifactKind.PROVIDER, signed.name());
        for (Digest digest : gapped.walk(gapped.require(signed)).manifestDigests()) {
            assertArrayEquals(before.stored(digest).orElseThrow().manifestBytes(),
                    after.stored(digest).orElseThrow().manifestBytes(), "the .sig manifest of " + digest + " as it was");
        }
        PluginInstaller.Installed installed = SignedFixtures.installOffline(airGapped(gapped), "gapped");
        assertEquals(Optional.of(release.fingerprint()), installed.signedBy().map(Object::toString));
        UnsignedArtifactException refused = assertThrows(UnsignedArtifactException.class, () -> SignedFixtures.installOffline(
                airGapped(gapped), "plain"));
        assertTrue(refused.getMessage().contains("provider plain@1.0.0"), refused.getMessage());
    }

    @Test
    void aSaveOfSomePlatformsCarriesTheirManifestsSignaturesAndALoadMergesWithTheSignaturesKept() {
        LocalCatalog connected = LocalCatalog.open(work.resolve("connected"));
        ArtifactReference signed = publishAndPull(connected, "subset", true);
        Path archive = work.resolve("linux.tar");

        ArtifactArchive.Summary saved = new ArtifactArchive(connected).save(List.of(signed),
                Set.of(SignatureInteropTest.LINUX), archive);

        assertEquals(1, saved.signatures(), "the linux manifest's; the subset index is another digest, unsigned");
        LocalCatalog gapped = LocalCatalog.open(work.resolve("gapped"));
        new ArtifactArchive(gapped).load(archive, false);
        ArtifactArchive.Summary again = new ArtifactArchive(gapped).load(archive, false);
        assertEquals(1, again.signatures());
        Digest linux = gapped.walk(gapped.require(signed)).parts().get(0).descriptor().digest();
        assertEquals(1, new LocalSignatures(gapped, ArtifactKind.PROVIDER, signed.name()).read(linux).size(),
                "loading the same signatures again stacks no layer");
    }
}
