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
    void aSmallAnswerIsReadNoFurtherThanAskedAndALargeOneOpensAWindowOfReadsInFlight() throws Exception {
        HttpResponse.BodySubscriber<InputStream> subscriber = new IdleTimeout(Duration.ofSeconds(5)).bodyHandler()
                .apply(null);
        Counting subscription = new Counting();
        subscriber.onSubscribe(subscription);
        assertEquals(1, subscription.requested.get(), "one read at first: a redirect's body is not read ahead");

        int lists = IdleTimeout.OPENS_AFTER + IdleTimeout.WINDOW;
        for (int i = 0; i < lists; i++) {
            subscriber.onNext(List.of(ByteBuffer.wrap(new byte[] {(byte) i})));
        }
        subscriber.onComplete();
        InputStream body = subscriber.getBody().toCompletableFuture().get();
        assertArrayEquals(new byte[] {0}, body.readNBytes(1));
        assertEquals(2, subscription.requested.get(), "one more for the one taken");

        body.readNBytes(IdleTimeout.OPENS_AFTER - 1);
        assertEquals(IdleTimeout.OPENS_AFTER + IdleTimeout.WINDOW, subscription.requested.get(),
                "the window opens: WINDOW reads may now wait for the reader");
        assertEquals(lists - IdleTimeout.OPENS_AFTER, body.readAllBytes().length);
        assertEquals(lists + IdleTimeout.WINDOW, subscription.requested.get(),
                "then one more for each taken: never more than the window outstanding");
    }
}
