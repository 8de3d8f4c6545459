package dev.scafctl.catalog.local;

import dev.scafctl.catalog.CatalogException;
import dev.scafctl.catalog.oci.Digest;

/** Content whose bytes do not hash to the digest it was promised under; it was not stored. */
public final class DigestMismatchException extends CatalogException {

    private static final long serialVersionUID = 1L;

    private final transient Digest expected;
    private final transient Digest actual;

    public DigestMismatchException(String source, Digest expected, Digest actual, long expectedSize, long actualSize) {
        super("digest mismatch for " + source + ": expected " + expected + ", got " + actual
                + (expectedSize == actualSize ? "" : " (" + actualSize + " bytes instead of " + expectedSize + ")")
                + " (possible supply chain attack or corrupted download); nothing was stored");
        this.expected = expected;
        this.actual = actual;
    }

    /** A mismatch described in the caller's words (scafctl's plugin text, say). */
    public DigestMismatchException(String message, Digest expected, Digest actual) {
        super(message);
        this.expected = expected;
        this.actual = actual;
    }

    public Digest expected() {
        return expected;
    }

    public Digest actual() {
        return actual;
    }
}
