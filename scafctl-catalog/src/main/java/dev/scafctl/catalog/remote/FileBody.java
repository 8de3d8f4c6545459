package dev.scafctl.catalog.remote;

import dev.scafctl.catalog.oci.Descriptor;
import dev.scafctl.catalog.oci.DigestMismatchException;
import dev.scafctl.catalog.oci.VerifiedInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * A stored blob as an HTTP request body, in chunks much larger than the HTTP client's own (16 KiB), so an upload
 * takes few trips through the client: that is what makes a cold JVM slow to upload. Every subscription (a retried
 * request) reads the file again from its start. {@code progress} hears the bytes handed over so far.
 *
 * <p>The bytes are checked against the blob's descriptor as they are read, and the last chunk is handed over only
 * once they hash to its digest: a damaged file fails the request before the registry has the whole blob, so it never
 * stores it (one read of the file, where checking it first would read it twice).
 */
final class FileBody implements Flow.Publisher<ByteBuffer> {

    static final int CHUNK = 1 << 20;

    private final Path file;
    private final Descriptor blob;
    private final LongConsumer progress;

    /** The local file could not be read: not a network failure, and no retry mends it. */
    static final class Unreadable extends IOException {
        private static final long serialVersionUID = 1L;

        Unreadable(Path file, IOException cause) {
            this(cause instanceof NoSuchFileException ? "the local blob file " + file + " is missing"
                    : "cannot read the local blob file " + file + " (" + cause.getMessage() + ")", cause);
        }

        Unreadable(DigestMismatchException damage) {
            this(damage.getMessage(), damage);
        }

        private Unreadable(String problem, Exception cause) {
            super(problem + "; the local catalog is damaged: build or pull the artifact again", cause);
        }
    }

    FileBody(Path file, Descriptor blob, LongConsumer progress) {
        this.file = file;
        this.blob = blob;
        this.progress = progress;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        InputStream in;
        try {
            in = VerifiedInput.of(Files.newInputStream(file), blob, (actual, actualSize) -> DigestMismatchException
                    .damaged("blob " + blob.digest() + " (" + file + ")", blob.digest(), actual, blob.size(), actualSize));
        } catch (IOException e) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {}

                @Override
                public void cancel() {}
            });
            subscriber.onError(new Unreadable(file, e));
            return;
        }
        subscriber.onSubscribe(new Chunks(in, subscriber));
    }

    private final class Chunks implements Flow.Subscription {
        /** The file, checked against the blob as it is read (it fails instead of reporting a wrong end). */
        private final InputStream in;
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final AtomicLong demand = new AtomicLong();
        /** Non-zero while one thread emits; a request made meanwhile (from onNext, say) is served by that thread. */
        private final AtomicInteger pending = new AtomicInteger();
        private volatile boolean ended;
        private long sent;

        Chunks(InputStream in, Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.in = in;
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                end();
                subscriber.onError(new IllegalArgumentException("request for " + n + " chunks"));
                return;
            }
            demand.getAndAccumulate(n, (current, more) -> current + more < 0 ? Long.MAX_VALUE : current + more);
            emit();
        }

        @Override
        public void cancel() {
            end();
        }

        private void emit() {
            if (pending.getAndIncrement() != 0) {
                return;
            }
            do {
                while (!ended && demand.get() > 0) {
                    ByteBuffer chunk;
                    try {
                        chunk = read();
                    } catch (DigestMismatchException e) {
                        end();
                        subscriber.onError(new Unreadable(e));
                        return;
                    } catch (IOException e) {
                        end();
                        subscriber.onError(new Unreadable(file, e));
                        return;
                    }
                    if (chunk == null) {
                        end();
                        subscriber.onComplete();
                        return;
                    }
                    demand.decrementAndGet();
                    sent += chunk.remaining();
                    progress.accept(sent);
                    subscriber.onNext(chunk);
                }
            } while (pending.decrementAndGet() != 0);
        }

        /**
         * The next chunk, or null after the last one. The last chunk is read one byte larger than what is left of the
         * blob, so that its read meets the end of the file, where the stream checks the bytes: it is given only when
         * the file held exactly the blob's bytes.
         */
        private ByteBuffer read() throws IOException {
            long left = blob.size() - sent;
            byte[] chunk = new byte[left > CHUNK ? CHUNK : (int) left + 1];
            int filled = 0;
            for (int n; filled < chunk.length && (n = in.read(chunk, filled, chunk.length - filled)) >= 0; ) {
                filled += n;
            }
            return filled == 0 ? null : ByteBuffer.wrap(chunk, 0, filled);
        }

        private void end() {
            ended = true;
            try {
                in.close();
            } catch (IOException e) {
                // nothing was written; the request itself reports its outcome
            }
        }
    }
}
