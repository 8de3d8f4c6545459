package dev.scafctl.catalog.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.inspect.ArtifactDescription;
import dev.scafctl.catalog.inspect.ArtifactInspector;
import dev.scafctl.catalog.inspect.SignatureReport;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.plugin.BuiltPlugin;
import dev.scafctl.catalog.remote.BlobLocations;
import dev.scafctl.catalog.remote.CatalogPusher;
import dev.scafctl.catalog.remote.RegistryClient;
import dev.scafctl.catalog.remote.RemoteCatalog;
import dev.scafctl.catalog.remote.RemoteFixtures;
import dev.scafctl.catalog.testing.SharedRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code inspect}'s view of a version's signatures: each one, and whether the trusted keys verify it. */
class InspectSignaturesTest {

    @RegisterExtension
    static final SharedRegistry shared = new SharedRegistry();

    @TempDir
    Path work;

    @Test
    void eachSignatureOfTheIndexAndOfEveryPlatformIsShownWithWhetherItVerifies() {
        Openssl.KeyPair key = Openssl.newKeyPair(work, "release");
        Openssl.KeyPair other = Openssl.newKeyPair(work, "other");
        LocalCatalog local = LocalCatalog.open(work.resolve("catalog"));
        BuiltPlugin built = RemoteFixtures.build(local, work, "inspected", "1.0.0",
                List.of(Platform.parseSupported("linux/amd64"), Platform.parseSupported("darwin/arm64")), "");
        RemoteCatalog catalog = RemoteFixtures.plain(shared.registry().hostPort());
        CatalogPusher.Result pushed = RemoteFixtures.pusher(local, RemoteFixtures.anonymous(), new BlobLocations())
                .push(built.reference(), catalog, new CatalogPusher.Options(false));
        RegistryClient client = RemoteFixtures.anonymous().apply(catalog.registry());
        RegistrySignatures signatures = new RegistrySignatures(client, pushed.repository());
        signatures.sign(pushed.digest(), SigningKeyFile.read(key.privateKey(), Optional.empty(), line -> { }));
        ArtifactDescription description = ArtifactInspector.remote(client, catalog, built.reference());

        List<String> trusted = SignatureReport.of(description, signatures, TrustedKeys.read(List.of(key.publicKey()))).toText();
        List<String> untrusted = SignatureReport.of(description, signatures, TrustedKeys.read(List.of(other.publicKey()))).toText();
        List<String> unchecked = SignatureReport.of(description, signatures, TrustedKeys.NONE).toText();

        assertEquals(3, trusted.size(), trusted.toString());
        assertTrue(trusted.get(0).matches("  signature: index +" + pushed.digest() + " verified, key " + key.fingerprint()),
                trusted.get(0));
        assertTrue(trusted.get(1).endsWith(" unsigned") && trusted.get(2).endsWith(" unsigned"),
                "only the index was signed here: " + trusted);
        assertTrue(untrusted.get(0).endsWith(SignatureStatus.NO_TRUSTED_KEY), untrusted.get(0));
        assertTrue(unchecked.get(0).endsWith("present, not checked (no trustedKeys)"), unchecked.get(0));
    }
}
