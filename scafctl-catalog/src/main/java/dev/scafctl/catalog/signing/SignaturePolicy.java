package dev.scafctl.catalog.signing;

import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.oci.Digest;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Whether an artifact must be signed before it is used ({@code scafctl.requireSignature}) and by whom
 * ({@code scafctl.trustedKeys}). Built once per project with the rest of the catalog access, so the goals and the lock
 * extension apply the same policy. With trusted keys but no requirement, a valid signature is still recorded (the
 * lock's {@code signedBy}); a missing one is not an error.
 */
public record SignaturePolicy(boolean required, Verifier verifier) {

    public static final SignaturePolicy NONE = new SignaturePolicy(false, TrustedKeys.NONE);

    public SignaturePolicy {
        if (required && verifier.describe().isEmpty()) {
            throw new InvalidInputException("<requireSignature> (scafctl.requireSignature) is true, but no key is trusted:"
                    + " list the publishers' PEM public keys in <trustedKeys> (scafctl.trustedKeys)");
        }
    }

    /** Whether signatures are looked at at all. */
    public boolean checks() {
        return required || !verifier.describe().isEmpty();
    }

    /**
     * The trusted key that signed {@code digest}, reading the signatures only when this policy looks at them.
     *
     * @throws UnsignedArtifactException when signatures are required and none verifies
     */
    public Optional<KeyFingerprint> check(String artifact, Digest digest, Supplier<List<FoundSignature>> signatures) {
        if (!checks()) {
            return Optional.empty();
        }
        SignatureVerdict verdict = SignatureVerdict.check(digest, signatures.get(), verifier);
        if (required && verdict.signedBy().isEmpty()) {
            throw new UnsignedArtifactException(artifact, verdict, verifier.describe());
        }
        return verdict.signedBy();
    }

    public SignatureVerdict verdict(Digest digest, List<FoundSignature> signatures) {
        return SignatureVerdict.check(digest, signatures, verifier);
    }
}
