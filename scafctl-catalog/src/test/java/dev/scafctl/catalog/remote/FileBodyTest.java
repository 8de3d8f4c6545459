package dev.scafctl.catalog.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.oci.Descriptor;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.oci.DigestMismatchException;
import dev.scafctl.catalog.oci.MediaTypes;
import dev.scafctl.catalog.remote.FileBody.Unreadable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileBodyTest {

    @TempDir
    Path dir;

    /** Collects what a publisher sends, asking for one chunk at a time from inside onNext, as the HTTP client may. */
    private static class Collector implements Flow.Subscriber<ByteBuffer> {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<Integer> chunkSizes = new ArrayList<>();
        Flow.Subscription subscription;
        boolean completed;
        Throwable error;
        int depth;
        int deepest;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(ByteBuffer chunk) {
            depth++;
            deepest = Math.max(deepest, depth);
            chunkSizes.add(chunk.remaining());
            byte[] copy = new byte[chunk.remaining()];
            chunk.get(copy);
            bytes.writeBytes(copy);
            subscription.request(1);
            depth--;
        }

        @Override
        public void onError(Throwable throwable) {
            error = throwable;
        }

        @Override
        public void onComplete() {
            completed = true;
        }
    }

    @Test
    void sendsTheWholeFileInLargeChunksAgainOnEverySubscription() throws IOException {
        byte[] content = new byte[FileBody.CHUNK * 2 + 12345];
        new Random(3).nextBytes(content);
        Path file = Files.write(dir.resolve("blob"), content);
        List<Long> progress = new ArrayList<>();
        FileBody body = new FileBody(file, blobOf(content), progress::add);

        for (int attempt = 0; attempt < 2; attempt++) {
            Collector collector = new Collector();
            body.subscribe(collector);
            assertTrue(collector.completed);
            assertNull(collector.error);
            assertArrayEquals(content, collector.bytes.toByteArray());
            assertEquals(List.of(FileBody.CHUNK, FileBody.CHUNK, 12345), collector.chunkSizes);
            assertEquals(1, collector.deepest, "a request made inside onNext must not recurse into onNext");
        }
        assertEquals(List.of((long) FileBody.CHUNK, 2L * FileBody.CHUNK, (long) content.length,
                (long) FileBody.CHUNK, 2L * FileBody.CHUNK, (long) content.length), progress);
    }

    @Test
    void anEmptyFileCompletesAndAMissingOneFails() throws IOException {
        Collector empty = new Collector();
        new FileBody(Files.write(dir.resolve("empty"), new byte[0]), blobOf(new byte[0]), sent -> { }).subscribe(empty);
        assertTrue(empty.completed);
        assertEquals(0, empty.bytes.size());

        Collector missing = new Collector();
        new FileBody(dir.resolve("absent"), blobOf(new byte[1]), sent -> { }).subscribe(missing);
        assertInstanceOf(IOException.class, missing.error);
    }

    @Test
    void stopsWhenCancelledAndRefusesANonPositiveRequest() throws IOException {
        byte[] content = new byte[FileBody.CHUNK * 3];
        Path file = Files.write(dir.resolve("blob"), content);
        Collector cancelling = new Collector() {
            @Override
            public void onNext(ByteBuffer chunk) {
                chunkSizes.add(chunk.remaining());
                subscription.cancel();
                subscription.request(1);
            }
        };
        new FileBody(file, blobOf(content), sent -> { }).subscribe(cancelling);
        assertEquals(1, cancelling.chunkSizes.size());

        Collector wrong = new Collector() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(0);
            }
        };
        new FileBody(file, blobOf(content), sent -> { }).subscribe(wrong);
        assertInstanceOf(IllegalArgumentException.class, wrong.error);
    }

    private static Descriptor blobOf(byte[] content) {
        return Descriptor.of(MediaTypes.OCTET_STREAM, Digest.of(content), content.length);
    }

    /** What a file that is not the blob it is stored as hands over: everything but the last chunk, then the failure. */
    private Collector sendAgainst(byte[] onDisk, Descriptor blob) throws IOException {
        Collector collector = new Collector();
        new FileBody(Files.write(dir.resolve("blob"), onDisk), blob, sent -> { }).subscribe(collector);
        assertFalse(collector.completed);
        Unreadable failure = assertInstanceOf(Unreadable.class, collector.error);
        assertInstanceOf(DigestMismatchException.class, failure.getCause());
        assertTrue(failure.getMessage().contains("blob " + blob.digest() + " (" + dir.resolve("blob") + ") is damaged"),
                failure.getMessage());
        return collector;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, FileBody.CHUNK - 1, FileBody.CHUNK, FileBody.CHUNK + 1, 2 * FileBody.CHUNK + 7})
    void aFileThatIsNotItsBlobFailsBeforeTheLastChunk(int size) throws IOException {
        byte[] blob = new byte[size];
        new Random(size).nextBytes(blob);
        Descriptor descriptor = blobOf(blob);
        long beforeTheLastChunk = size == 0 ? 0 : (size - 1) / FileBody.CHUNK * (long) FileBody.CHUNK;

        if (size > 0) {
            byte[] flipped = blob.clone();
            flipped[size - 1] ^= 1;
            assertEquals(beforeTheLastChunk, sendAgainst(flipped, descriptor).bytes.size(), "a flipped byte");
            assertEquals(beforeTheLastChunk, sendAgainst(Arrays.copyOf(blob, size - 1), descriptor).bytes.size(), "one byte short");
        }
        Collector longer = sendAgainst(Arrays.copyOf(blob, size + 1), descriptor);
        assertEquals(beforeTheLastChunk, longer.bytes.size(), "one byte too many");
        assertTrue(longer.error.getMessage().contains("more than the " + size + " bytes"), longer.error.getMessage());

        Collector intact = new Collector();
        new FileBody(Files.write(dir.resolve("blob"), blob), descriptor, sent -> { }).subscribe(intact);
        assertTrue(intact.completed);
        assertArrayEquals(blob, intact.bytes.toByteArray());
    }
}
