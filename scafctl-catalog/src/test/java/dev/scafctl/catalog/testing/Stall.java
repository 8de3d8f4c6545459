package dev.scafctl.catalog.testing;

import java.util.concurrent.CountDownLatch;

/** For test processes that must be killed mid-write: say "stalled" on standard output, then wait for ever. */
public final class Stall {

    private Stall() {}

    public static void untilKilled() {
        System.out.println("stalled");
        System.out.flush();
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
