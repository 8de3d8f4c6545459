package dev.scafctl.catalog.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IdleTimeoutTest {

    /** A subscription that counts what the body asks of the client. */
    private static final class Counting implements Flow.Subscription {
        final AtomicLong requested = new AtomicLong();

        @Override
        public void request(long n) {
            requested.addAndGet(n);
        }

        @Override
        public void cancel() {}
    }

    @Test
    void theBodyKeepsAWindowOfReadsInFlightAndAsksForOneMoreForEachItTakes() throws Exception {
        HttpResponse.BodySubscriber<InputStream> subscriber = new IdleTimeout(Duration.ofSeconds(5)).bodyHandler()
                .apply(null);
        Counting subscription = new Counting();
        subscriber.onSubscribe(subscription);
        assertEquals(IdleTimeout.WINDOW, subscription.requested.get(), "several reads may arrive before ours");

        for (int i = 0; i < IdleTimeout.WINDOW; i++) {
            subscriber.onNext(List.of(ByteBuffer.wrap(new byte[] {(byte) i})));
        }
        subscriber.onComplete();
        InputStream body = subscriber.getBody().toCompletableFuture().get();
        byte[] first = body.readNBytes(1);
        assertArrayEquals(new byte[] {0}, first);
        assertEquals(IdleTimeout.WINDOW + 1, subscription.requested.get(), "one more for the one taken");
        assertEquals(IdleTimeout.WINDOW - 1, body.readAllBytes().length);
        assertEquals(2L * IdleTimeout.WINDOW, subscription.requested.get(), "never more than the window outstanding");
    }
}
