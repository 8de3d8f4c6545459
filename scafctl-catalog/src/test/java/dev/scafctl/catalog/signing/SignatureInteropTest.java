package dev.scafctl.catalog.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactName;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.artifact.PluginRequirement;
import dev.scafctl.catalog.artifact.VersionConstraint;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.oci.CanonicalJson;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.oci.JsonValue;
import dev.scafctl.catalog.plugin.BuiltPlugin;
import dev.scafctl.catalog.plugin.PluginCache;
import dev.scafctl.catalog.plugin.PluginInstaller;
import dev.scafctl.catalog.remote.BlobLocations;
import dev.scafctl.catalog.remote.CatalogPusher;
import dev.scafctl.catalog.remote.RemoteFixtures;
import dev.scafctl.catalog.remote.TransferListener;
import dev.scafctl.catalog.testing.SharedRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our signatures against cosign's specification and openssl, and openssl's signatures against our verification, on
 * the real registry: what {@code push} stores is read back with the JDK's HTTP client alone and checked by
 * {@code openssl dgst -verify}; a signature made by {@code openssl dgst -sign} and uploaded by plain HTTP is what
 * {@code install-plugins} with {@code requireSignature} accepts, and only that.
 */
class SignatureInteropTest {

    static final Platform LINUX = Platform.parseSupported("linux/amd64");
    /** The two platforms the signing tests publish: an index with two manifests to sign. */
    static final List<Platform> TWO = List.of(LINUX, Platform.parseSupported("darwin/arm64"));

    @RegisterExtension
    static final SharedRegistry shared = new SharedRegistry();

    @TempDir
    Path work;

    private String host() {
        return shared.registry().hostPort();
    }

    private static String repository(String name) {
        return "scafctl/providers/" + name;
    }

    /** Builds {@code name@1.0.0} for two platforms and pushes it; the pushed index digest. */
    private Digest publish(String name) {
        LocalCatalog local = LocalCatalog.open(work.resolve("publisher-" + name));
        BuiltPlugin built = RemoteFixtures.build(local, work, name, "1.0.0", TWO, name);
        return RemoteFixtures.pusher(local, RemoteFixtures.anonymous(), new BlobLocations())
                .push(built.reference(), RemoteFixtures.plain(host()), new CatalogPusher.Options(false)).digest();
    }

    private RegistrySignatures signatures(String name) {
        return new RegistrySignatures(RemoteFixtures.anonymous().apply(RemoteFixtures.plain(host()).registry()),
                repository(name));
    }

    private List<Digest> indexAndManifests(String name, Digest index) throws Exception {
        List<Digest> digests = new ArrayList<>(List.of(index));
        byte[] bytes = new PlainRegistry(host()).manifest(repository(name), index.toString()).orElseThrow();
        CanonicalJson.read(bytes, "index").path("manifests").forEach(m -> digests.add(Digest.parse(m.path("digest").asString())));
        return digests;
    }

    @Test
    void pushSignsTheIndexAndEveryPlatformManifestInCosignsLayoutAndOpensslVerifiesEach() throws Exception {
        Openssl.KeyPair key = Openssl.newKeyPair(work, "release");
        Openssl.KeyPair other = Openssl.newKeyPair(work, "other");
        Digest index = publish("signed");
        List<String> warnings = new ArrayList<>();
        Signer signer = SigningKeyFile.read(key.privateKey(), Optional.empty(), warnings::add);
        assertEquals(key.fingerprint(), signer.fingerprint().toString(), "fingerprint = sha256 of the public key's DER");

        RegistrySignatures.Signed signed = signatures("signed").signRecursively(index, signer);

        List<Digest> expected = indexAndManifests("signed", index);
        assertEquals(3, expected.size(), "the index and two platform manifests");
        assertEquals(expected, signed.added());
        PlainRegistry plain = new PlainRegistry(host());
        for (Digest digest : expected) {
            byte[] manifestBytes = plain.manifest(repository("signed"), "sha256-" + digest.hex() + ".sig").orElseThrow(
                    () -> new AssertionError("no .sig manifest for " + digest));
            JsonValue manifest = CanonicalJson.read(manifestBytes, "sig manifest");
            assertEquals(2L, manifest.path("schemaVersion").asLong());
            assertEquals("application/vnd.oci.image.manifest.v1+json", manifest.path("mediaType").asString());
            JsonValue config = manifest.path("config");
            assertEquals("application/vnd.oci.image.config.v1+json", config.path("mediaType").asString());
            byte[] configBytes = plain.blob(repository("signed"), config.path("digest").asString());
            assertEquals(config.path("digest").asString(), Digest.of(configBytes).toString());
            List<JsonValue> layers = new ArrayList<>();
            manifest.path("layers").forEach(layers::add);
            assertEquals(1, layers.size(), "one layer per signature");
            JsonValue layer = layers.get(0);
            assertEquals("application/vnd.dev.cosign.simplesigning.v1+json", layer.path("mediaType").asString());
            List<String> diffIds = new ArrayList<>();
            CanonicalJson.read(configBytes, "config").path("rootfs").path("diff_ids").forEach(d -> diffIds.add(d.asString()));
            assertEquals(List.of(layer.path("digest").asString()), diffIds, "the config lists the layer, as cosign's does");

            byte[] payload = plain.blob(repository("signed"), layer.path("digest").asString());
            assertEquals(layer.path("digest").asString(), Digest.of(payload).toString());
            assertEquals(payload.length, layer.path("size").asLong());
            JsonValue critical = CanonicalJson.read(payload, "payload").path("critical");
            assertEquals("cosign container image signature", critical.path("type").asString());
            assertEquals(digest.toString(), critical.path("image").path("docker-manifest-digest").asString());
            assertEquals(host() + "/" + repository("signed"), critical.path("identity").path("docker-reference").asString());
            assertArrayEquals(new SimpleSigningPayload(host() + "/" + repository("signed"), digest).toJson(), payload,
                    "the payload is deterministic");

            Path payloadFile = Files.write(work.resolve(digest.hex() + ".json"), payload);
            Path signatureFile = Files.write(work.resolve(digest.hex() + ".sig"), Base64.getDecoder().decode(
                    layer.path("annotations").path("dev.cosignproject.cosign/signature").asString()));
            assertTrue(Openssl.verifies(key.publicKey(), signatureFile, payloadFile), "openssl verifies " + digest);
            assertFalse(Openssl.verifies(other.publicKey(), signatureFile, payloadFile), "another key does not");
        }
    }

    @Test
    void signingAgainWithTheSameKeyAddsNoLayerAndAnotherKeyAddsOne() throws Exception {
        Openssl.KeyPair key = Openssl.newKeyPair(work, "release");
        Openssl.KeyPair second = Openssl.newKeyPair(work, "second");
        Digest index = publish("resigned");
        Signer signer = SigningKeyFile.read(key.privateKey(), Optional.empty(), line -> { });
        signatures("resigned").signRecursively(index, signer);

        RegistrySignatures.Signed again = signatures("resigned").signRecursively(index, signer);

        assertEquals(List.of(), again.added());
        assertEquals(3, again.present().size());
        assertEquals(1, layersOf("resigned", index).size());

        signatures("resigned").signRecursively(index, SigningKeyFile.read(second.privateKey(), Optional.empty(), line -> { }));
        List<JsonValue> layers = layersOf("resigned", index);
        assertEquals(2, layers.size(), "the co-signer's signature is added beside the first");
        PlainRegistry plain = new PlainRegistry(host());
        Path payload = Files.write(work.resolve("payload.json"), plain.blob(repository("resigned"), layers.get(0).path("digest").asString()));
        Path first = Files.write(work.resolve("first.sig"), Base64.getDecoder().decode(
                layers.get(0).path("annotations").path(SignatureManifest.SIGNATURE_ANNOTATION).asString()));
        Path added = Files.write(work.resolve("added.sig"), Base64.getDecoder().decode(
                layers.get(1).path("annotations").path(SignatureManifest.SIGNATURE_ANNOTATION).asString()));
        assertTrue(Openssl.verifies(key.publicKey(), first, payload));
        assertTrue(Openssl.verifies(second.publicKey(), added, payload));
    }

    private List<JsonValue> layersOf(String name, Digest digest) throws Exception {
        List<JsonValue> layers = new ArrayList<>();
        CanonicalJson.read(new PlainRegistry(host()).manifest(repository(name), "sha256-" + digest.hex() + ".sig").orElseThrow(),
                "sig manifest").path("layers").forEach(layers::add);
        return layers;
    }

    // ---- the other way: openssl signs, we verify ---------------------------------------------------------

    /** A payload written by hand, as the simple-signing format lays it out. */
    private static String payloadText(String dockerReference, String digest) {
        return "{\"critical\":{\"identity\":{\"docker-reference\":\"" + dockerReference + "\"},\"image\":"
                + "{\"docker-manifest-digest\":\"" + digest + "\"},\"type\":\"cosign container image signature\"},"
                + "\"optional\":{\"creator\":\"openssl\"}}";
    }

    /**
     * Signs {@code signedPayload} with openssl and stores, with plain HTTP and exactly as the spec lays it out, a
     * {@code .sig} manifest for {@code index} whose layer is {@code storedPayload} with that signature.
     */
    private void uploadForeignSignature(String name, Digest index, Openssl.KeyPair key, String signedPayload,
            String storedPayload) throws Exception {
        Path payloadFile = Files.writeString(work.resolve(name + "-payload.json"), signedPayload);
        Path signatureFile = work.resolve(name + "-payload.sig");
        Openssl.sign(key, payloadFile, signatureFile);
        byte[] stored = storedPayload.getBytes(StandardCharsets.UTF_8);
        String layerDigest = Digest.of(stored).toString();
        byte[] config = ("{\"architecture\":\"\",\"created\":\"0001-01-01T00:00:00Z\",\"history\":[{\"created\":"
                + "\"0001-01-01T00:00:00Z\"}],\"os\":\"\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + layerDigest
                + "\"]},\"config\":{}}").getBytes(StandardCharsets.UTF_8);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":" + config.length
                + ",\"digest\":\"" + Digest.of(config) + "\"},\"layers\":[{\"mediaType\":"
                + "\"application/vnd.dev.cosign.simplesigning.v1+json\",\"size\":" + stored.length + ",\"digest\":\""
                + layerDigest + "\",\"annotations\":{\"dev.cosignproject.cosign/signature\":\""
                + Base64.getEncoder().encodeToString(Files.readAllBytes(signatureFile)) + "\"}}]}";
        PlainRegistry plain = new PlainRegistry(host());
        plain.putBlob(repository(name), config);
        plain.putBlob(repository(name), stored);
        plain.putManifest(repository(name), "sha256-" + index.hex() + ".sig", manifest.getBytes(StandardCharsets.UTF_8));
    }

    private PluginInstaller.Installed install(String name, Path cache, Openssl.KeyPair trusted) {
        SignaturePolicy policy = new SignaturePolicy(true, TrustedKeys.read(List.of(trusted.publicKey())));
        PluginInstaller installer = new PluginInstaller(LocalCatalog.open(work.resolve("consumer")),
                List.of(RemoteFixtures.plain(host())), RemoteFixtures.anonymous(), new PluginCache(cache),
                TransferListener.NONE, line -> { }, policy);
        return installer.install(List.of(new PluginRequirement(ArtifactName.of(name), ArtifactKind.PROVIDER,
                VersionConstraint.parse("^1.0.0"))), Optional.empty(), new PluginInstaller.Options(LINUX, false, 1)).get(0);
    }

    private static long filesIn(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void aSignatureMadeByOpensslIsAcceptedWithRequireSignature() throws Exception {
        Openssl.KeyPair key = Openssl.newKeyPair(work, "publisher");
        Digest index = publish("foreign");
        String payload = payloadText(host() + "/" + repository("foreign"), index.toString());
        uploadForeignSignature("foreign", index, key, payload, payload);

        PluginInstaller.Installed installed = install("foreign", work.resolve("cache"), key);

        assertEquals(Optional.of(key.fingerprint()), installed.signedBy().map(Object::toString));
        assertTrue(Files.isRegularFile(installed.file()));
    }

    @Test
    void aSignatureByAnotherKeyIsRefusedNamingArtifactDigestAndKeysTriedAndNothingIsCached() throws Exception {
        Openssl.KeyPair publisher = Openssl.newKeyPair(work, "publisher");
        Openssl.KeyPair trusted = Openssl.newKeyPair(work, "trusted");
        Digest index = publish("untrusted");
        String payload = payloadText(host() + "/" + repository("untrusted"), index.toString());
        uploadForeignSignature("untrusted", index, publisher, payload, payload);
        Path cache = work.resolve("cache");

        UnsignedArtifactException refused = assertThrows(UnsignedArtifactException.class, () -> install("untrusted", cache, trusted));

        assertTrue(refused.getMessage().contains("provider untrusted@1.0.0"), refused.getMessage());
        assertTrue(refused.getMessage().contains(index.toString()), refused.getMessage());
        assertTrue(refused.getMessage().contains(trusted.fingerprint()), refused.getMessage());
        assertTrue(refused.getMessage().contains("verifies with no trusted key"), refused.getMessage());
        assertEquals(0, filesIn(cache), "the binary never reached the cache");
    }

    @Test
    void aTamperedPayloadIsRefused() throws Exception {
        Openssl.KeyPair key = Openssl.newKeyPair(work, "publisher");
        Digest index = publish("tampered");
        String signed = payloadText(host() + "/" + repository("tampered"), index.toString());
        uploadForeignSignature("tampered", index, key, signed, signed.replace("openssl", "someone else"));
        Path cache = work.resolve("cache");

        UnsignedArtifactException refused = assertThrows(UnsignedArtifactException.class, () -> install("tampered", cache, key));

        assertTrue(refused.getMessage().contains("verifies with no trusted key"), refused.getMessage());
        assertEquals(0, filesIn(cache));
    }

    @Test
    void aValidSignatureOfAnotherDigestIsRefused() throws Exception {
        Openssl.KeyPair key = Openssl.newKeyPair(work, "publisher");
        Digest index = publish("elsewhere");
        Digest other = indexAndManifests("elsewhere", index).get(1);
        String payload = payloadText(host() + "/" + repository("elsewhere"), other.toString());
        uploadForeignSignature("elsewhere", index, key, payload, payload);
        Path cache = work.resolve("cache");

        UnsignedArtifactException refused = assertThrows(UnsignedArtifactException.class, () -> install("elsewhere", cache, key));

        assertTrue(refused.getMessage().contains("its payload names " + other + ", not " + index), refused.getMessage());
        assertEquals(0, filesIn(cache));
    }

    @Test
    void anUnsignedArtifactIsRefused() throws Exception {
        Openssl.KeyPair key = Openssl.newKeyPair(work, "publisher");
        Digest index = publish("unsigned");
        Path cache = work.resolve("cache");

        UnsignedArtifactException refused = assertThrows(UnsignedArtifactException.class, () -> install("unsigned", cache, key));

        assertTrue(refused.getMessage().contains("found no signature"), refused.getMessage());
        assertTrue(refused.getMessage().contains(index.toString()), refused.getMessage());
        assertEquals(0, filesIn(cache));
    }
}
