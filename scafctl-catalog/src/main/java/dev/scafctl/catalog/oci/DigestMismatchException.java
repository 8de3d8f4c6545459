package dev.scafctl.catalog.oci;

import dev.scafctl.catalog.CatalogException;

/**
 * Content whose bytes do not hash to the digest it was promised under. Its message is the one text every such
 * failure shows, whether a registry, a catalog, an archive or a lock made the promise: what, the two digests, and
 * the warning.
 */
public final class DigestMismatchException extends CatalogException {

    private static final long serialVersionUID = 1L;

    private final transient Digest expected;
    private final transient Digest actual;

    private DigestMismatchException(String message, Digest expected, Digest actual) {
        super(message);
        this.expected = expected;
        this.actual = actual;
    }

    /**
     * Bytes read from {@code source} (a registry, a catalog, an archive) that do not match their descriptor;
     * {@code consequence} says what was left undone ("nothing was stored").
     */
    public static DigestMismatchException of(String source, Digest expected, Digest actual, long expectedSize,
            long actualSize, String consequence) {
        String got = actual == null ? "more than " + expectedSize + " bytes" : actual.toString();
        String sizes = actual == null || expectedSize == actualSize ? "" : " (" + actualSize + " bytes instead of "
                + expectedSize + ")";
        return new DigestMismatchException(text("digest mismatch for " + source, expected, got, sizes, "")
                + (consequence.isEmpty() ? "" : "; " + consequence), expected, actual);
    }

    /** The text of {@link #of} without sizes or consequence, for checks that report problems instead of failing. */
    public static String describe(String source, Digest expected, Digest actual) {
        return text("digest mismatch for " + source, expected, actual, "", "");
    }

    /**
     * A stored blob (in a catalog or a cache) whose bytes no longer hash to the digest it is stored under: damage at
     * rest, not a download, so the text says so instead of warning of an attack.
     */
    public static DigestMismatchException damaged(String blob, Digest expected, Digest actual, long expectedSize,
            long actualSize) {
        return damaged(blob, expected, actual, expectedSize, actualSize, "");
    }

    /** {@link #damaged(String, Digest, Digest, long, long)}, followed by what to do about it. */
    public static DigestMismatchException damaged(String blob, Digest expected, Digest actual, long expectedSize,
            long actualSize, String whatToDo) {
        String found = actual == null ? "it holds more than the " + expectedSize + " bytes it should"
                : "its content hashes to " + actual + (actualSize == expectedSize ? ""
                        : " (" + actualSize + " bytes instead of " + expectedSize + ")");
        return new DigestMismatchException(blob + " is damaged: " + found + (whatToDo.isEmpty() ? "" : "; " + whatToDo),
                expected, actual);
    }

    /**
     * A plugin binary other than the one a lock or an index pins, in scafctl's words ({@code plugin binary digest
     * mismatch for NAME@VERSION}); {@code detail} adds why, or is empty.
     */
    public static DigestMismatchException pinnedBinary(String plugin, Digest expected, Digest actual, String detail) {
        return new DigestMismatchException(describePinnedBinary(plugin, expected, actual, detail), expected, actual);
    }

    /** The text of {@link #pinnedBinary}, for checks that report problems instead of failing. */
    public static String describePinnedBinary(String plugin, Digest expected, Digest actual, String detail) {
        return text("plugin binary digest mismatch for " + plugin, expected, actual, "", detail);
    }

    private static String text(String subject, Object expected, Object actual, String sizes, String detail) {
        return subject + ": expected " + expected + ", got " + actual + sizes + " (possible supply chain attack or"
                + " corrupted download" + (detail.isEmpty() ? "" : "; " + detail) + ")";
    }

    public Digest expected() {
        return expected;
    }

    /** The digest the bytes hash to; {@code null} when they were refused for their size before the end. */
    public Digest actual() {
        return actual;
    }
}
