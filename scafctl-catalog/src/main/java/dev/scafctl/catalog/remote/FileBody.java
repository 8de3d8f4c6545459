package dev.scafctl.catalog.remote;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * A file as an HTTP request body, in chunks much larger than the HTTP client's own (16 KiB), so an upload takes few
 * trips through the client: that is what makes a cold JVM slow to upload. Every subscription (a retried request)
 * reads the file again from its start. {@code progress} hears the bytes handed over so far.
 */
final class FileBody implements Flow.Publisher<ByteBuffer> {

    static final int CHUNK = 1 << 20;

    private final Path file;
    private final LongConsumer progress;

    /** The local file could not be read: not a network failure, and no retry mends it. */
    static final class Unreadable extends IOException {
        private static final long serialVersionUID = 1L;

        Unreadable(Path file, IOException cause) {
            super((cause instanceof NoSuchFileException ? "the local blob file " + file + " is missing"
                    : "cannot read the local blob file " + file + " (" + cause.getMessage() + ")")
                    + "; the local catalog is damaged: build or pull the artifact again", cause);
        }
    }

    FileBody(Path file, LongConsumer progress) {
        this.file = file;
        this.progress = progress;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
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
        subscriber.onSubscribe(new Chunks(channel, subscriber));
    }

    private final class Chunks implements Flow.Subscription {
        private final FileChannel channel;
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final AtomicLong demand = new AtomicLong();
        /** Non-zero while one thread emits; a request made meanwhile (from onNext, say) is served by that thread. */
        private final AtomicInteger pending = new AtomicInteger();
        private volatile boolean ended;
        private long sent;

        Chunks(FileChannel channel, Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.channel = channel;
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

        /** The next chunk, or null at the end of the file. */
        private ByteBuffer read() throws IOException {
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
            while (chunk.hasRemaining()) {
                if (channel.read(chunk) < 0) {
                    break;
                }
            }
            chunk.flip();
            return chunk.hasRemaining() ? chunk : null;
        }

        private void end() {
            ended = true;
            try {
                channel.close();
            } catch (IOException e) {
                // nothing was written; the request itself reports its outcome
            }
        }
    }
}
