package dev.scafctl.catalog.site;

import dev.scafctl.catalog.artifact.ArtifactReference;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.signing.KeyFingerprint;
import dev.scafctl.catalog.signing.LocalSignatures;
import dev.scafctl.catalog.signing.SignatureManifest;
import dev.scafctl.catalog.signing.Signer;
import dev.scafctl.catalog.signing.SigningKeyFile;
import dev.scafctl.catalog.signing.SimpleSigningPayload;
import dev.scafctl.catalog.signing.StoredSignatures;
import dev.scafctl.catalog.signing.TrustedKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A signing key made by the JDK for the page's tests, and a signature of a version kept in a local catalog as
 * {@code pull} keeps one (cosign's {@code .sig} manifest as the entry {@code <kind>/<name>:sha256-<hex>.sig}).
 */
record SiteKeys(Signer signer, TrustedKeys trusted) {

    static SiteKeys create(Path folder, String name) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(folder);
            Path file = folder.resolve(name + ".pem");
            Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
            Signer signer = SigningKeyFile.read(file, Optional.empty(), warning -> { });
            return new SiteKeys(signer, new TrustedKeys(List.of(new TrustedKeys.TrustedKey(pair.getPublic(),
                    KeyFingerprint.of(pair.getPublic()), name + ".pub"))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK makes no EC P-256 key", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String fingerprint() {
        return signer.fingerprint().toString();
    }

    /** Signs the index of {@code reference} in {@code catalog} and keeps the signature there. */
    void sign(LocalCatalog catalog, ArtifactReference reference) {
        Digest index = catalog.require(reference).digest();
        byte[] payload = new SimpleSigningPayload("registry.example.com/acme/" + reference.kind().repositoryName() + "/"
                + reference.name(), index).toJson();
        SignatureManifest manifest = new SignatureManifest(List.of(SignatureManifest.layer(payload, signer.sign(payload))));
        new LocalSignatures(catalog, reference.kind(), reference.name()).add(index, new StoredSignatures(manifest.toJson(),
                Map.of(Digest.of(payload), payload, manifest.config().digest(), manifest.configJson())));
    }
}
