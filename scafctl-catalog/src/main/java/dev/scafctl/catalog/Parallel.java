package dev.scafctl.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Work on a few daemon threads, for transfers that wait on the network: every item runs to its end. */
public final class Parallel {

    /** What one item gave: its value, or the exception that ended it. */
    public record Outcome<R>(R value, Throwable failure) {
        public boolean failed() {
            return failure != null;
        }
    }

    private Parallel() {}

    /**
     * {@link #map}, then the values in the order of the items; when an item failed, its exception (the first
     * item's that failed) is thrown once all have ended.
     */
    public static <T, R> List<R> mapAll(List<T> items, int threads, String name, Function<T, R> work) {
        List<R> values = new ArrayList<>();
        for (Outcome<R> outcome : map(items, threads, name, work)) {
            if (outcome.failure() instanceof RuntimeException runtime) {
                throw runtime;
            } else if (outcome.failure() instanceof Error error) {
                throw error;
            } else if (outcome.failed()) {
                throw new CatalogException(name + " failed: " + outcome.failure().getMessage(), outcome.failure());
            }
            values.add(outcome.value());
        }
        return values;
    }

    /**
     * Runs {@code work} for every item on at most {@code threads} threads named {@code name}, and returns the outcomes
     * in the order of the items once all have ended.
     */
    public static <T, R> List<Outcome<R>> map(List<T> items, int threads, String name, Function<T, R> work) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, items.size())), runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> work.apply(item)));
            }
            List<Outcome<R>> outcomes = new ArrayList<>();
            for (Future<R> future : futures) {
                try {
                    outcomes.add(new Outcome<>(future.get(), null));
                } catch (ExecutionException e) {
                    outcomes.add(new Outcome<>(null, e.getCause()));
                }
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogException("interrupted while waiting for " + name, e);
        } finally {
            pool.shutdownNow();
        }
    }
}
