package dev.scafctl.catalog.signing;

import java.security.PublicKey;

/**
 * Makes signatures over payload bytes. A key file is one signer ({@link KeySigner}); a keyless signer (a Fulcio
 * certificate for an OIDC identity, with a Rekor entry) would be another, adding its certificate annotations to the
 * layer.
 */
public interface Signer {

    /** The ASN.1 DER ECDSA signature over SHA-256 of {@code payload}. */
    byte[] sign(byte[] payload);

    /** The key that checks these signatures, so an existing identical signature is recognised on a re-push. */
    PublicKey publicKey();

    default KeyFingerprint fingerprint() {
        return KeyFingerprint.of(publicKey());
    }
}
