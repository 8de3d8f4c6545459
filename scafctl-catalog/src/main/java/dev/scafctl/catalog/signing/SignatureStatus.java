package dev.scafctl.catalog.signing;

import dev.scafctl.catalog.oci.Digest;
import java.util.Optional;

/** How one signature fared: the trusted key it verifies with, or what is wrong with it. */
public record SignatureStatus(Digest payloadDigest, Optional<KeyFingerprint> verifiedBy, String problem) {

    /** A well-formed signature of the right digest that no trusted key checks. */
    public static final String NO_TRUSTED_KEY = "verifies with no trusted key (another key, or payload and signature do"
            + " not match)";

    public boolean verified() {
        return verifiedBy.isPresent();
    }

    /** {@code verified (sha256:…)} or the problem, for a report. */
    public String describe() {
        return verifiedBy.map(k -> "verified, key " + k).orElse(problem);
    }
}
