package dev.scafctl.catalog.oci;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;

/**
 * The one place where content meets the digest it was promised under: a stream that hashes and counts what passes
 * through it and, before it reports the end, fails with {@link DigestMismatchException} unless the bytes are exactly
 * the descriptor's. A byte past the promised size fails at once. Whoever reads to the end has therefore read
 * verified bytes; whoever stops earlier has nothing it may keep (see {@link #requireVerified()}).
 *
 * <p>Registries' blobs (downloads of every goal), the local catalog's reads and ingests, the plugin cache and the
 * archive loader all read through it; checks of manifests held in memory use {@link #check(byte[], Digest, String)}.
 */
public final class VerifiedInput extends FilterInputStream {

    /** How a mismatch is told: {@code actual} is {@code null} when more bytes came than the size promised. */
    @FunctionalInterface
    public interface Mismatch {
        DigestMismatchException of(Digest actual, long actualSize);
    }

    /** The largest buffer {@link #transferTo} copies through: 256 KiB. */
    static final int COPY_BUFFER_BYTES = 256 * 1024;

    private final Digest expected;
    private final long size;
    private final Mismatch mismatch;
    private final MessageDigest sha = Digest.newSha256();
    private long count;
    private boolean verified;

    private VerifiedInput(InputStream in, Digest expected, long size, Mismatch mismatch) {
        super(in);
        this.expected = expected;
        this.size = size;
        this.mismatch = mismatch;
    }

    /**
     * {@code in}, checked against {@code expected}; {@code in} itself when it is already checked against the same
     * content (so nothing is hashed twice). {@code source} names where the bytes come from in the error;
     * {@code consequence} says what was left undone ("nothing was stored").
     */
    public static VerifiedInput of(InputStream in, Descriptor expected, String source, String consequence) {
        return of(in, expected, (actual, actualSize) -> DigestMismatchException.of(source, expected.digest(), actual,
                expected.size(), actualSize, consequence));
    }

    /** {@code in}, checked against {@code expected}, a mismatch told by {@code mismatch}. */
    public static VerifiedInput of(InputStream in, Descriptor expected, Mismatch mismatch) {
        if (in instanceof VerifiedInput checked && checked.expected.equals(expected.digest()) && checked.size == expected.size()) {
            return checked;
        }
        return new VerifiedInput(in, expected.digest(), expected.size(), mismatch);
    }

    /** {@code bytes} when they hash to {@code expected}; else the mismatch, naming {@code source}. */
    public static byte[] check(byte[] bytes, Digest expected, String source) {
        Digest actual = Digest.of(bytes);
        if (!actual.equals(expected)) {
            throw DigestMismatchException.of(source, expected, actual, bytes.length, bytes.length, "");
        }
        return bytes;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            sha.update(buffer, offset, n);
            count += n;
            if (count > size) {
                throw mismatch.of(null, count);
            }
        } else if (n < 0 && !verified) {
            Digest actual = Digest.of(sha);
            if (count != size || !actual.equals(expected)) {
                throw mismatch.of(actual, count);
            }
            verified = true;
        }
        return n;
    }

    /**
     * Copies the rest to {@code out}, {@link #COPY_BUFFER_BYTES} at a time rather than the JDK's 8 KiB: a binary of
     * 64 MiB then takes 256 writes to the file and hash updates instead of 8,192 ({@code bench/run}, row 3).
     */
    @Override
    public long transferTo(OutputStream out) throws IOException {
        byte[] buffer = new byte[(int) Math.max(1, Math.min(COPY_BUFFER_BYTES, size - count + 1))];
        long copied = 0;
        for (int n; (n = read(buffer, 0, buffer.length)) >= 0; ) {
            out.write(buffer, 0, n);
            copied += n;
        }
        return copied;
    }

    @Override
    public long skip(long n) throws IOException {
        // skipped bytes must be hashed too
        long skipped = 0;
        byte[] buffer = new byte[8192];
        while (skipped < n) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Whether every byte was read and matched. */
    public boolean verified() {
        return verified;
    }

    /**
     * Reads what is left (a reader may stop at the last byte without asking for the end) and fails unless the whole
     * content matched: a reader that stopped short cannot pass its partial result on as the content.
     */
    public void requireVerified() throws IOException {
        byte[] rest = new byte[8192];
        while (!verified) {
            if (read(rest, 0, rest.length) > 0) {
                throw new IllegalStateException("the reader of " + expected + " stopped before the end of its content");
            }
        }
    }
}
