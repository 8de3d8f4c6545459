package dev.scafctl.catalog.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VerifiedInputTest {

    private static final byte[] CONTENT = "the binary of a plugin".getBytes(StandardCharsets.UTF_8);
    private static final Descriptor BLOB = Descriptor.of(MediaTypes.OCTET_STREAM, Digest.of(CONTENT), CONTENT.length);

    @Test
    void theRightBytesPassUnchangedAndAreVerifiedAtTheirEnd() throws Exception {
        VerifiedInput in = VerifiedInput.of(new ByteArrayInputStream(CONTENT), BLOB, "blob", "nothing was stored");
        byte[] first = new byte[CONTENT.length];
        assertEquals(CONTENT.length, in.read(first, 0, first.length));
        assertFalse(in.verified(), "not before the end was read");
        assertEquals(-1, in.read());
        assertTrue(in.verified());
        assertArrayEquals(CONTENT, first);
    }

    @Test
    void oneFlippedBitFailsAtTheEndNamingTheSourceBothDigestsAndWhatWasNotDone() {
        byte[] evil = CONTENT.clone();
        evil[3] ^= 1;
        VerifiedInput in = VerifiedInput.of(new ByteArrayInputStream(evil), BLOB, "blob X of registry/repo", "nothing was stored");
        DigestMismatchException e = assertThrows(DigestMismatchException.class, in::readAllBytes);
        assertEquals(BLOB.digest(), e.expected());
        assertEquals(Digest.of(evil), e.actual());
        assertEquals("digest mismatch for blob X of registry/repo: expected " + BLOB.digest() + ", got " + Digest.of(evil)
                + " (possible supply chain attack or corrupted download); nothing was stored", e.getMessage());
        assertFalse(in.verified());
    }

    @Test
    void aShortBodyFailsWithBothSizes() {
        byte[] shorter = Arrays.copyOf(CONTENT, CONTENT.length - 1);
        DigestMismatchException e = assertThrows(DigestMismatchException.class,
                () -> VerifiedInput.of(new ByteArrayInputStream(shorter), BLOB, "blob", "").readAllBytes());
        assertTrue(e.getMessage().contains("(" + shorter.length + " bytes instead of " + CONTENT.length + ")"), e.getMessage());
    }

    @Test
    void aSourceThatSendsMoreThanItPromisedIsCutOffAtTheFirstByteTooMany() {
        // a hostile source that never ends: refused after size + one buffer, never read to its (absent) end
        long[] served = new long[1];
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served[0]++;
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                Arrays.fill(b, off, off + len, (byte) 'x');
                served[0] += len;
                return len;
            }
        };
        DigestMismatchException e = assertThrows(DigestMismatchException.class,
                () -> VerifiedInput.of(endless, BLOB, "blob", "nothing was stored").readAllBytes());
        assertNull(e.actual(), "no digest of bytes that were not all read");
        assertTrue(e.getMessage().contains("got more than " + CONTENT.length + " bytes"), e.getMessage());
        assertTrue(served[0] < 1 << 20, "stopped early, after " + served[0] + " bytes");
    }

    @Test
    void wrappingAStreamThatIsCheckedAgainstTheSameBlobAddsNoSecondCheck() {
        VerifiedInput once = VerifiedInput.of(new ByteArrayInputStream(CONTENT), BLOB, "registry", "");
        assertSame(once, VerifiedInput.of(once, BLOB, "catalog", "nothing was stored"));
        Descriptor other = Descriptor.of(MediaTypes.OCTET_STREAM, Digest.of(new byte[0]), 0);
        VerifiedInput twice = VerifiedInput.of(once, other, "catalog", "");
        assertNotSame(once, twice, "another promise is checked on its own");
    }

    @Test
    void aReaderThatStopsAtTheLastByteIsStillVerifiedAndOneThatStopsEarlierIsCaught() throws Exception {
        VerifiedInput exact = VerifiedInput.of(new ByteArrayInputStream(CONTENT), BLOB, "blob", "");
        exact.read(new byte[CONTENT.length], 0, CONTENT.length);
        assertFalse(exact.verified());
        exact.requireVerified();
        assertTrue(exact.verified());

        VerifiedInput early = VerifiedInput.of(new ByteArrayInputStream(CONTENT), BLOB, "blob", "");
        early.read(new byte[4], 0, 4);
        assertThrows(IllegalStateException.class, early::requireVerified);

        byte[] evil = CONTENT.clone();
        evil[CONTENT.length - 1] ^= 1;
        VerifiedInput wrong = VerifiedInput.of(new ByteArrayInputStream(evil), BLOB, "blob", "");
        wrong.read(new byte[CONTENT.length], 0, CONTENT.length);
        assertThrows(DigestMismatchException.class, wrong::requireVerified, "the end is read, and the mismatch found");
    }

    @Test
    void skippedBytesAreHashedToo() throws Exception {
        byte[] evil = CONTENT.clone();
        evil[1] ^= 1;
        VerifiedInput in = VerifiedInput.of(new ByteArrayInputStream(evil), BLOB, "blob", "");
        in.skip(5);
        assertThrows(DigestMismatchException.class, in::readAllBytes);
    }

    @Test
    void bytesInMemoryAreCheckedWithTheSameText() {
        assertSame(CONTENT, VerifiedInput.check(CONTENT, BLOB.digest(), "manifest m"));
        DigestMismatchException e = assertThrows(DigestMismatchException.class,
                () -> VerifiedInput.check("other".getBytes(StandardCharsets.UTF_8), BLOB.digest(), "manifest m"));
        assertTrue(e.getMessage().startsWith("digest mismatch for manifest m: expected " + BLOB.digest()), e.getMessage());
        assertTrue(e.getMessage().contains("(possible supply chain attack or corrupted download)"), e.getMessage());
    }

    @Test
    void transferToCopiesInLargeWritesAndVerifiesTheEnd() throws Exception {
        byte[] binary = new byte[VerifiedInput.COPY_BUFFER_BYTES * 4];
        new Random(7).nextBytes(binary);
        Descriptor blob = Descriptor.of(MediaTypes.OCTET_STREAM, Digest.of(binary), binary.length);
        CountingOutput out = new CountingOutput();
        VerifiedInput in = VerifiedInput.of(new ByteArrayInputStream(binary), blob, "blob", "");
        assertEquals(binary.length, in.transferTo(out));
        assertTrue(in.verified());
        assertArrayEquals(binary, out.toByteArray());
        assertEquals(4, out.writes, "one write per 256 KiB, not per 8 KiB");
    }

    @Test
    void transferToOfWrongOrTooManyBytesFailsBeforeItReturns() {
        byte[] evil = CONTENT.clone();
        evil[0] ^= 1;
        assertThrows(DigestMismatchException.class, () -> VerifiedInput.of(new ByteArrayInputStream(evil), BLOB, "blob", "")
                .transferTo(new CountingOutput()));
        byte[] longer = Arrays.copyOf(CONTENT, CONTENT.length + 1);
        CountingOutput out = new CountingOutput();
        DigestMismatchException e = assertThrows(DigestMismatchException.class,
                () -> VerifiedInput.of(new ByteArrayInputStream(longer), BLOB, "blob", "").transferTo(out));
        assertNull(e.actual(), "cut off at the first byte too many");
        assertEquals(0, out.size(), "not one byte of an oversized body was passed on");
    }

    private static final class CountingOutput extends ByteArrayOutputStream {
        int writes;

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            writes++;
            super.write(b, off, len);
        }
    }
}
