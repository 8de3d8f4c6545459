package dev.scafctl.catalog.signing;

import dev.scafctl.catalog.CatalogException;
import dev.scafctl.catalog.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The public keys whose signatures are trusted ({@code scafctl.trustedKeys}): PEM {@code PUBLIC KEY} files, as
 * {@code openssl ec -pubout} and {@code cosign generate-key-pair} write them. Checking needs only java.security,
 * so the lock extension verifies without any other library.
 */
public final class TrustedKeys implements Verifier {

    /** No key: nothing verifies. */
    public static final TrustedKeys NONE = new TrustedKeys(List.of());

    /** One trusted key and the file it came from. */
    public record TrustedKey(PublicKey key, KeyFingerprint fingerprint, String source) {}

    private final List<TrustedKey> keys;

    public TrustedKeys(List<TrustedKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /** Reads every file; an error names the file. */
    public static TrustedKeys read(List<Path> files) {
        List<TrustedKey> keys = new ArrayList<>();
        for (Path file : files) {
            PublicKey key = readPublicKey(file);
            keys.add(new TrustedKey(key, KeyFingerprint.of(key), file.toString()));
        }
        return new TrustedKeys(keys);
    }

    /** A PEM {@code PUBLIC KEY} file holding an EC key. */
    public static PublicKey readPublicKey(Path file) {
        String what = "trusted key " + file;
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(what + " does not exist; list PEM public key files in <trustedKeys>"
                    + " (scafctl.trustedKeys, comma-separated)");
        }
        PemBlock block;
        try {
            block = PemBlock.parse(Files.readString(file, StandardCharsets.US_ASCII), what);
        } catch (IOException e) {
            throw new CatalogException("cannot read " + what + ": " + e.getClass().getSimpleName(), e);
        }
        if (!block.type().equals("PUBLIC KEY")) {
            throw new InvalidInputException(what + " holds a " + block.type() + ", not a PUBLIC KEY; make one with"
                    + " openssl ec -in key.pem -pubout -out key.pub");
        }
        try {
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(block.bytes()));
            if (!(key instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
                throw new InvalidInputException(what + " is not an EC P-256 public key");
            }
            return key;
        } catch (GeneralSecurityException e) {
            throw new InvalidInputException(what + " is not an EC public key (" + e.getClass().getSimpleName() + ")");
        }
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    public List<TrustedKey> keys() {
        return keys;
    }

    @Override
    public Optional<KeyFingerprint> verify(byte[] payload, byte[] signature) {
        for (TrustedKey trusted : keys) {
            if (verifies(trusted.key(), payload, signature)) {
                return Optional.of(trusted.fingerprint());
            }
        }
        return Optional.empty();
    }

    /** Whether {@code signature} (ASN.1 DER ECDSA over SHA-256) of {@code payload} is by {@code key}. */
    public static boolean verifies(PublicKey key, byte[] payload, byte[] signature) {
        try {
            Signature check = Signature.getInstance("SHA256withECDSA");
            check.initVerify(key);
            check.update(payload);
            return check.verify(signature);
        } catch (GeneralSecurityException e) {
            return false; // a signature that is no valid DER does not verify
        }
    }

    @Override
    public boolean trusts(KeyFingerprint fingerprint) {
        return keys.stream().anyMatch(k -> k.fingerprint().equals(fingerprint));
    }

    @Override
    public List<String> describe() {
        return keys.stream().map(k -> k.fingerprint() + " (" + k.source() + ")").toList();
    }
}
