package dev.scafctl.catalog.solution;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The lock extension's read of the top project's solution on a spare thread while Maven still reads the projects:
 * it loads and initializes the classes the lock check needs ({@link LockGuard#warmUp}), and the check then takes the
 * solution read there instead of reading the file a second time. A solution the thread could not read (missing,
 * malformed) is read again when it is taken, so the problem is reported where the check runs.
 */
public final class SolutionPrefetch {

    private final Path file;
    private final CompletableFuture<Optional<SolutionDocument>> reading;

    private SolutionPrefetch(Path file, CompletableFuture<Optional<SolutionDocument>> reading) {
        this.file = file;
        this.reading = reading;
    }

    /** Nothing read ahead: every solution is read when it is taken. */
    public static SolutionPrefetch none() {
        return new SolutionPrefetch(null, CompletableFuture.completedFuture(Optional.empty()));
    }

    /** Starts reading {@code solution} (and the lock beside it) on a daemon thread. */
    public static SolutionPrefetch start(Path solution) {
        CompletableFuture<Optional<SolutionDocument>> reading = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                reading.complete(LockGuard.warmUp(solution));
            } finally {
                reading.complete(Optional.empty()); // an Error on the way: the file is read when taken
            }
        }, "scafctl-lock-warm-up");
        thread.setDaemon(true);
        thread.start();
        return new SolutionPrefetch(solution.toAbsolutePath().normalize(), reading);
    }

    /**
     * The solution at {@code solution}, as {@link SolutionDocument#readPlugins} gives it: the one read ahead when it is
     * that file and was read without a problem (waiting for the read to end), else read now.
     */
    public SolutionDocument take(Path solution) {
        Optional<SolutionDocument> ahead = solution.toAbsolutePath().normalize().equals(file) ? read() : Optional.empty();
        return ahead.orElseGet(() -> SolutionDocument.readPlugins(solution));
    }

    /** What the thread read, once it has ended. */
    Optional<SolutionDocument> read() {
        return reading.join();
    }
}
