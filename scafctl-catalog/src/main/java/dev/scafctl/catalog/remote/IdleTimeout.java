package dev.scafctl.catalog.remote;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The longest wait for progress on one exchange with a registry: bytes of a request body handed over, the answer's
 * head, bytes of its body. A wait longer than that ends the exchange with {@link Stalled}, however long the
 * transfer as a whole takes (a large blob on a slow line is fine; a connection that went silent is not).
 */
final class IdleTimeout {

    /** No progress for the whole timeout: the registry (or a proxy on the way) went silent. */
    static final class Stalled extends IOException {
        private static final long serialVersionUID = 1L;

        Stalled(String waitingFor, Duration timeout) {
            super("nothing arrived for " + timeout.toSeconds() + " s while waiting for " + waitingFor);
        }
    }

    private final Duration timeout;
    private final AtomicLong lastProgress = new AtomicLong(System.nanoTime());

    IdleTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    Duration timeout() {
        return timeout;
    }

    /** Something moved: the wait starts again. */
    void progress() {
        lastProgress.set(System.nanoTime());
    }

    /** How long may still be waited before the exchange counts as stalled; zero or less when it does. */
    long remainingNanos() {
        return timeout.toNanos() - (System.nanoTime() - lastProgress.get());
    }

    /** A body handler whose stream fails with {@link Stalled} when no bytes arrive for the timeout. */
    HttpResponse.BodyHandler<InputStream> bodyHandler() {
        return info -> new Subscriber();
    }

    private static final Object END = new Object();

    /**
     * How many lists of buffers (the client's reads, 16 KiB buffers each by default) may wait for the reader: asking
     * for one at a time made the client's thread wait for ours after every read, a hand-over per 16 KiB; a window
     * keeps the socket busy while the reader writes, at a bounded cost in memory (a few hundred KiB a download). It
     * opens only after {@link #OPENS_AFTER} reads were taken: a small answer (a redirect's, an error's) is read no
     * further than asked, so closing it early still closes its connection instead of racing the client to its end.
     */
    static final int WINDOW = 16;
    static final int OPENS_AFTER = 8;

    /** Hands the body's buffers to a stream that waits for each at most the timeout. */
    private final class Subscriber implements HttpResponse.BodySubscriber<InputStream> {
        private final LinkedBlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
        private volatile Flow.Subscription subscription;
        private final Body body = new Body();

        @Override
        public CompletionStage<InputStream> getBody() {
            return CompletableFuture.completedFuture(body);
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            progress();
            arrived.add(buffers);
        }

        @Override
        public void onError(Throwable failure) {
            arrived.add(failure);
        }

        @Override
        public void onComplete() {
            arrived.add(END);
        }

        private final class Body extends InputStream {
            private Iterator<ByteBuffer> buffers = List.<ByteBuffer>of().iterator();
            private ByteBuffer current;
            private boolean ended;
            private boolean closed;
            private int taken;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                while (current == null || !current.hasRemaining()) {
                    if (buffers.hasNext()) {
                        current = buffers.next();
                        continue;
                    }
                    if (ended) {
                        return -1;
                    }
                    if (closed) {
                        throw new IOException("the answer's body was closed");
                    }
                    next();
                }
                int n = Math.min(length, current.remaining());
                current.get(bytes, offset, n);
                return n;
            }

            @SuppressWarnings("unchecked")
            private void next() throws IOException {
                Object item;
                try {
                    item = arrived.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    close();
                    throw new java.io.InterruptedIOException("interrupted while reading the answer");
                }
                if (item == null) {
                    close();
                    throw new Stalled("the rest of the answer", timeout);
                }
                if (item instanceof Throwable failure) {
                    ended = true;
                    throw failure instanceof IOException io ? io : new IOException(failure.getMessage(), failure);
                }
                if (item == END) {
                    ended = true;
                    return;
                }
                buffers = ((List<ByteBuffer>) item).iterator();
                taken++;
                Flow.Subscription s = subscription;
                if (s != null) {
                    s.request(taken == OPENS_AFTER ? WINDOW : 1);
                }
            }

            @Override
            public void close() {
                if (closed) {
                    return;
                }
                closed = true;
                Flow.Subscription s = subscription;
                if (s != null && !ended) {
                    s.cancel();
                }
            }
        }
    }
}
