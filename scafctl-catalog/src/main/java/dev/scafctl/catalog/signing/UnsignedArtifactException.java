package dev.scafctl.catalog.signing;

import dev.scafctl.catalog.CatalogException;
import java.util.List;

/**
 * An artifact that signatures are required of has none by a trusted key over the digest about to be used. The
 * message names the artifact, the digest, the keys tried and what was found.
 */
public final class UnsignedArtifactException extends CatalogException {

    private static final long serialVersionUID = 1L;

    UnsignedArtifactException(String artifact, SignatureVerdict verdict, List<String> keysTried) {
        super(artifact + " (" + verdict.digest() + ") has no valid signature by a trusted key, and signatures are"
                + " required (requireSignature): found " + verdict.describe() + "; keys tried: "
                + (keysTried.isEmpty() ? "none" : String.join(", ", keysTried)) + ". Use a version its publisher signed"
                + " (mvn scafctl:push with scafctl.signingKey), or add the publisher's public key to <trustedKeys>");
    }
}
