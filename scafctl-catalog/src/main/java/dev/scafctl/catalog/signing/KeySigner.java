package dev.scafctl.catalog.signing;

import dev.scafctl.catalog.CatalogException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/** Signs with an EC P-256 key pair read from a file ({@link SigningKeyFile}); the private key never leaves it. */
public final class KeySigner implements Signer {

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    KeySigner(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    @Override
    public byte[] sign(byte[] payload) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(privateKey);
            signature.update(payload);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new CatalogException("cannot sign with key " + fingerprint() + ": " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public PublicKey publicKey() {
        return publicKey;
    }

    /** Names the key by its fingerprint only. */
    @Override
    public String toString() {
        return "key " + fingerprint();
    }
}
