package dev.scafctl.catalog.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        FileBody body = new FileBody(file, progress::add);

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
        new FileBody(Files.write(dir.resolve("empty"), new byte[0]), sent -> { }).subscribe(empty);
        assertTrue(empty.completed);
        assertEquals(0, empty.bytes.size());

        Collector missing = new Collector();
        new FileBody(dir.resolve("absent"), sent -> { }).subscribe(missing);
        assertInstanceOf(IOException.class, missing.error);
    }

    @Test
    void stopsWhenCancelledAndRefusesANonPositiveRequest() throws IOException {
        Path file = Files.write(dir.resolve("blob"), new byte[FileBody.CHUNK * 3]);
        Collector cancelling = new Collector() {
            @Override
            public void onNext(ByteBuffer chunk) {
                chunkSizes.add(chunk.remaining());
                subscription.cancel();
                subscription.request(1);
            }
        };
        new FileBody(file, sent -> { }).subscribe(cancelling);
        assertEquals(1, cancelling.chunkSizes.size());

        Collector wrong = new Collector() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(0);
            }
        };
        new FileBody(file, sent -> { }).subscribe(wrong);
        assertInstanceOf(IllegalArgumentException.class, wrong.error);
    }
}
