package dev.scafctl.catalog.signing;

import dev.scafctl.catalog.CatalogException;
import dev.scafctl.catalog.InvalidInputException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.PublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.ec.CustomNamedCurves;

/**
 * Reads a signing key: an EC P-256 private key as PKCS#8 PEM ({@code PRIVATE KEY}, what
 * {@code openssl pkcs8 -topk8 -nocrypt} writes), as SEC 1 PEM ({@code EC PRIVATE KEY}, what
 * {@code openssl ecparam -genkey} writes), or in cosign's encrypted format ({@link EncryptedCosignKey}) with its
 * passphrase. A file that its group or others may read gets a warning: a signing key is the one secret a release
 * pipeline keeps. Errors name the file and what to do, never a byte of the key or the passphrase.
 */
public final class SigningKeyFile {

    private SigningKeyFile() {}

    /**
     * @param passphrase for an encrypted key; empty when none is configured
     * @param warn hears the permission warning
     */
    public static Signer read(Path file, Optional<Passphrase> passphrase, Consumer<String> warn) {
        String what = "signing key " + file;
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(what + " does not exist; point <signingKey> (scafctl.signingKey) at a PEM"
                    + " private key file");
        }
        warnIfShared(file, warn);
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CatalogException("cannot read " + what + ": " + e.getClass().getSimpleName(), e);
        }
        PemBlock block = PemBlock.parse(new String(content, StandardCharsets.US_ASCII), what);
        Arrays.fill(content, (byte) 0);
        byte[] pkcs8 = switch (block.type()) {
            case "PRIVATE KEY" -> block.bytes();
            case "EC PRIVATE KEY" -> sec1ToPkcs8(block.bytes(), what);
            case EncryptedCosignKey.SIGSTORE_TYPE, EncryptedCosignKey.COSIGN_TYPE -> EncryptedCosignKey.decrypt(block.bytes(),
                    passphrase.orElseThrow(() -> new InvalidInputException(what + " is encrypted, and no passphrase is"
                            + " configured: put it in the password of the settings.xml <server> named by <signingServerId>"
                            + " (scafctl.signingServerId), or in the environment variable SCAFCTL_SIGNING_PASSPHRASE")),
                    what);
            default -> throw new InvalidInputException(what + " holds a " + block.type() + ", not a private key: expected"
                    + " PRIVATE KEY (PKCS#8), EC PRIVATE KEY or " + EncryptedCosignKey.SIGSTORE_TYPE);
        };
        try {
            return keyPair(pkcs8, what);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    private static Signer keyPair(byte[] pkcs8, String what) {
        PrivateKeyInfo info;
        try {
            info = PrivateKeyInfo.getInstance(pkcs8);
        } catch (RuntimeException e) {
            throw new InvalidInputException(what + " is not a PKCS#8 private key");
        }
        AlgorithmIdentifier algorithm = info.getPrivateKeyAlgorithm();
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())
                || !(algorithm.getParameters() instanceof ASN1ObjectIdentifier curve)
                || !(X9ObjectIdentifiers.prime256v1.equals(curve) || SECObjectIdentifiers.secp256r1.equals(curve))) {
            throw new InvalidInputException(what + " is not an EC P-256 (prime256v1) key, the scheme cosign's signature"
                    + " specification requires; make one with openssl ecparam -genkey -name prime256v1");
        }
        try {
            KeyFactory factory = KeyFactory.getInstance("EC");
            ECPrivateKey privateKey = (ECPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return new KeySigner(privateKey, publicKeyOf(privateKey, factory));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new InvalidInputException(what + " cannot be read as an EC private key (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The public point d·G, which PKCS#8 need not carry. */
    private static PublicKey publicKeyOf(ECPrivateKey privateKey, KeyFactory factory) throws GeneralSecurityException {
        org.bouncycastle.math.ec.ECPoint q = CustomNamedCurves.getByName("secp256r1").getG().multiply(privateKey.getS()).normalize();
        BigInteger x = q.getAffineXCoord().toBigInteger();
        BigInteger y = q.getAffineYCoord().toBigInteger();
        return factory.generatePublic(new ECPublicKeySpec(new ECPoint(x, y), privateKey.getParams()));
    }

    private static byte[] sec1ToPkcs8(byte[] sec1, String what) {
        try {
            org.bouncycastle.asn1.sec.ECPrivateKey key = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(sec1);
            ASN1ObjectIdentifier curve = key.getParametersObject() instanceof ASN1ObjectIdentifier oid ? oid
                    : X9ObjectIdentifiers.prime256v1;
            return new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve), key).getEncoded();
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(what + " is not an EC private key (SEC 1)");
        }
    }

    private static void warnIfShared(Path file, Consumer<String> warn) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                warn.accept("signing key " + file + " can be read by its group or by others; make it private with"
                        + " chmod 600 " + file);
            }
        } catch (UnsupportedOperationException | IOException e) {
            // no POSIX permissions here (Windows): its ACLs are the user's to check
        }
    }
}
