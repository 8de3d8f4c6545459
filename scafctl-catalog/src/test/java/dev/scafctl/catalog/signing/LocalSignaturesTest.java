package dev.scafctl.catalog.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactName;
import dev.scafctl.catalog.artifact.ArtifactReference;
import dev.scafctl.catalog.inspect.ArtifactInspector;
import dev.scafctl.catalog.inspect.CatalogListing;
import dev.scafctl.catalog.inspect.SignatureReport;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.oci.CanonicalJson;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.oci.JsonValue;
import dev.scafctl.catalog.plugin.PluginInstaller;
import dev.scafctl.catalog.remote.BlobLocations;
import dev.scafctl.catalog.remote.CatalogPusher;
import dev.scafctl.catalog.remote.RemoteCatalog;
import dev.scafctl.catalog.remote.RemoteFixtures;
import dev.scafctl.catalog.testing.SharedRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local catalog keeps an artifact's signatures, on the real registry: a pull stores the {@code .sig} manifests
 * (byte for byte) beside the artifact, prune keeps them while the artifact is tagged, a push sends them along without
 * stacking identical layers, inspect shows them, and an install under requireSignature needs no registry for them.
 */
class LocalSignaturesTest {

    @RegisterExtension
    static final SharedRegistry shared = new SharedRegistry();

    @TempDir
    Path work;

    private Openssl.KeyPair release;
    private Signer signer;

    @BeforeEach
    void key() {
        release = Openssl.newKeyPair(work, "release");
        signer = SigningKeyFile.read(release.privateKey(), Optional.empty(), line -> { });
    }

    private String host() {
        return shared.registry().hostPort();
    }

    private RegistrySignatures registry(CatalogPusher.Result pushed) {
        return SignedFixtures.registry(pushed);
    }

    private CatalogPusher.Result publish(String name, boolean signed) {
        return SignedFixtures.publish(work, host(), name, signed ? Optional.of(signer) : Optional.empty());
    }

    private int pull(LocalCatalog local, CatalogPusher.Result pushed) {
        return SignedFixtures.pullCounting(local, host(), pushed).signedDigestsKept();
    }

    private static LocalSignatures signatures(LocalCatalog local, String name) {
        return new LocalSignatures(local, ArtifactKind.PROVIDER, ArtifactName.of(name));
    }

    private static ArtifactReference reference(String name) {
        return new ArtifactReference(ArtifactKind.PROVIDER, ArtifactName.of(name), dev.scafctl.catalog.artifact.Version.parse("1.0.0"));
    }

    @Test
    void aPullKeepsEverySigManifestByteForByteUnderTheArtifactsNameAndItVerifiesFromTheLocalCatalog() throws Exception {
        CatalogPusher.Result pushed = publish("kept", true);
        LocalCatalog local = LocalCatalog.open(work.resolve("consumer"));

        assertEquals(3, pull(local, pushed), "the index and both platform manifests");

        PlainRegistry plain = new PlainRegistry(host());
        for (Digest digest : local.walk(local.require(reference("kept"))).manifestDigests()) {
            String refName = "provider/kept:sha256-" + digest.hex() + ".sig";
            Digest entry = local.resolve(refName).orElseThrow(() -> new AssertionError("no entry " + refName)).digest();
            assertArrayEquals(plain.manifest(pushed.repository(), "sha256-" + digest.hex() + ".sig").orElseThrow(),
                    local.readBlob(entry), "the .sig manifest is kept as the registry serves it");
            SignatureVerdict verdict = SignatureVerdict.check(digest, signatures(local, "kept").read(digest),
                    TrustedKeys.read(List.of(release.publicKey())));
            assertEquals(Optional.of(release.fingerprint()), verdict.signedBy().map(Object::toString), digest.toString());
        }
        assertEquals(0, pull(local, pushed), "pulling again adds nothing");
        CatalogListing.Artifact listed = CatalogListing.local(local, Optional.empty()).artifacts().get(0);
        assertEquals(List.of("1.0.0"), listed.versions());
        assertEquals(List.of(), listed.aliases(), "signature tags are neither versions nor aliases");
    }

    @Test
    void pruneKeepsTheSignaturesWhileTheArtifactIsTaggedAndDropsThemWithIt() {
        CatalogPusher.Result pushed = publish("pruned", true);
        LocalCatalog local = LocalCatalog.open(work.resolve("consumer"));
        pull(local, pushed);
        Digest index = local.require(reference("pruned")).digest();

        local.prune(Duration.ZERO);

        assertEquals(1, signatures(local, "pruned").read(index).size());
        local.verify("signatures", local.resolve(signatures(local, "pruned").refName(index)).orElseThrow());

        local.untag(reference("pruned").localRefName());
        LocalCatalog.Pruned pruned = local.prune(Duration.ZERO);

        assertEquals(List.of(), local.entries(), "the signature entries went with the artifact");
        assertTrue(pruned.blobs() > 0);
    }

    @Test
    void aPushSendsTheKeptSignaturesAlongOnceAndBesideANewSignature() throws Exception {
        CatalogPusher.Result published = publish("carried", true);
        LocalCatalog mirror = LocalCatalog.open(work.resolve("mirror"));
        pull(mirror, published);
        RemoteCatalog other = RemoteCatalog.parse(null, "http://" + host() + "/mirror", false, null);
        CatalogPusher.Result pushed = RemoteFixtures.pusher(mirror, RemoteFixtures.anonymous(), new BlobLocations())
                .push(reference("carried"), other, new CatalogPusher.Options(false));
        LocalSignatures kept = signatures(mirror, "carried");
        var tree = mirror.walk(mirror.require(reference("carried")));

        assertEquals(3, kept.sendTo(registry(pushed), tree, pushed.digest()));

        TrustedKeys trusted = TrustedKeys.read(List.of(release.publicKey()));
        for (Digest digest : tree.manifestDigests()) {
            assertEquals(Optional.of(release.fingerprint()), SignatureVerdict.check(digest, registry(pushed).read(digest),
                    trusted).signedBy().map(Object::toString), digest.toString());
        }
        assertEquals(0, kept.sendTo(registry(pushed), tree, pushed.digest()), "the same signatures again add nothing");
        Openssl.KeyPair mirrorKey = Openssl.newKeyPair(work, "mirror");
        registry(pushed).signRecursively(pushed.digest(), SigningKeyFile.read(mirrorKey.privateKey(), Optional.empty(),
                line -> { }));
        assertEquals(0, kept.sendTo(registry(pushed), tree, pushed.digest()));
        assertEquals(2, layers(pushed, pushed.digest()).size(), "the kept signature once, beside the mirror's own");
    }

    private List<JsonValue> layers(CatalogPusher.Result pushed, Digest digest) throws Exception {
        List<JsonValue> layers = new ArrayList<>();
        CanonicalJson.read(new PlainRegistry(host()).manifest(pushed.repository(), "sha256-" + digest.hex() + ".sig")
                .orElseThrow(), "sig manifest").path("layers").forEach(layers::add);
        return layers;
    }

    @Test
    void inspectOfTheLocalArtifactShowsTheKeptSignatures() {
        CatalogPusher.Result pushed = publish("inspected", true);
        LocalCatalog local = LocalCatalog.open(work.resolve("consumer"));
        pull(local, pushed);

        SignatureReport report = SignatureReport.of(ArtifactInspector.local(local, reference("inspected")),
                signatures(local, "inspected"), TrustedKeys.read(List.of(release.publicKey())));

        List<String> lines = report.toText();
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.stream().allMatch(line -> line.endsWith("verified, key " + release.fingerprint())), lines.toString());
    }

    @Test
    void anInstallUnderRequireSignatureTakesTheLocalCatalogsSignaturesWithoutARegistryAndRefusesAnUnsignedArtifact() {
        LocalCatalog local = LocalCatalog.open(work.resolve("consumer"));
        pull(local, publish("offline", true));
        pull(local, publish("bare", false));

        PluginInstaller.Installed installed = SignedFixtures.installOffline(
                SignedFixtures.withoutRegistry(local, work.resolve("cache"), release), "offline");

        assertEquals(LocalCatalog.NAME, installed.catalog());
        assertEquals(Optional.of(release.fingerprint()), installed.signedBy().map(Object::toString));
        UnsignedArtifactException refused = assertThrows(UnsignedArtifactException.class, () -> SignedFixtures
                .installOffline(SignedFixtures.withoutRegistry(local, work.resolve("cache"), release), "bare"));
        assertTrue(refused.getMessage().contains("provider bare@1.0.0"), refused.getMessage());
    }
}
