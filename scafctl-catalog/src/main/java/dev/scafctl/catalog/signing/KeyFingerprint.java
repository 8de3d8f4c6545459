package dev.scafctl.catalog.signing;

import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.oci.Digest;
import java.security.PublicKey;

/**
 * Names a public key without showing it: the SHA-256 of its DER SubjectPublicKeyInfo, {@code sha256:<hex>}, which
 * anyone can compute from the PEM file ({@code openssl pkey -pubin -in key.pub -outform DER | sha256sum}). It is
 * what the lock records as {@code signedBy} and what errors name among the keys tried.
 */
public record KeyFingerprint(Digest digest) {

    public static KeyFingerprint of(PublicKey key) {
        return new KeyFingerprint(Digest.of(key.getEncoded()));
    }

    /** Parses {@code sha256:<64 hex>}. */
    public static KeyFingerprint parse(String text) {
        Digest digest = Digest.parseOrNull(text);
        if (digest == null) {
            throw new InvalidInputException("invalid key fingerprint \"" + text + "\": expected sha256:<64 lowercase hex>");
        }
        return new KeyFingerprint(digest);
    }

    public String hex() {
        return digest.hex();
    }

    @Override
    public String toString() {
        return digest.toString();
    }
}
