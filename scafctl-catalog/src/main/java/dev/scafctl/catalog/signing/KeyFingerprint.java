package dev.scafctl.catalog.signing;

import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.oci.Digest;
import java.security.PublicKey;
import java.util.regex.Pattern;

/**
 * Names a public key without showing it: the SHA-256 of its DER SubjectPublicKeyInfo, {@code sha256:<hex>}, which
 * anyone can compute from the PEM file ({@code openssl pkey -pubin -in key.pub -outform DER | sha256sum}). It is
 * what the lock records as {@code signedBy} and what errors name among the keys tried.
 */
public record KeyFingerprint(String hex) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public KeyFingerprint {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new InvalidInputException("invalid key fingerprint \"" + hex + "\": expected 64 lowercase hex characters");
        }
    }

    public static KeyFingerprint of(PublicKey key) {
        return new KeyFingerprint(Digest.of(key.getEncoded()).hex());
    }

    /** Parses {@code sha256:<64 hex>}. */
    public static KeyFingerprint parse(String text) {
        if (text == null || !text.startsWith("sha256:")) {
            throw new InvalidInputException("invalid key fingerprint \"" + text + "\": expected sha256:<64 lowercase hex>");
        }
        return new KeyFingerprint(text.substring(7));
    }

    @Override
    public String toString() {
        return "sha256:" + hex;
    }
}
