package dev.scafctl.catalog.signing;

import java.util.List;
import java.util.Optional;

/**
 * Decides whether a signature over a payload comes from someone trusted. Trusted key files are one verifier
 * ({@link TrustedKeys}); a keyless verifier (a Fulcio root and an identity, checked against Rekor) would be another.
 */
public interface Verifier {

    /** The trusted key whose signature {@code signature} (ASN.1 DER) over {@code payload} is, if any. */
    Optional<KeyFingerprint> verify(byte[] payload, byte[] signature);

    /** Whether the key named {@code fingerprint} is trusted (a lock's {@code signedBy}, say). */
    boolean trusts(KeyFingerprint fingerprint);

    /** What was tried, for an error: each key's fingerprint and where it was read. */
    List<String> describe();
}
