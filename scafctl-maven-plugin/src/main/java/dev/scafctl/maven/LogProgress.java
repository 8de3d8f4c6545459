package dev.scafctl.maven;

import dev.scafctl.catalog.ByteCount;
import dev.scafctl.catalog.oci.Descriptor;
import dev.scafctl.catalog.remote.TransferListener;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.maven.plugin.logging.Log;

/**
 * Progress of long transfers in the Maven log: for a blob of a MiB or more, a line every few seconds (the first one a
 * few seconds in, not at the start) and one at the end, naming the platform the blob is for
 * ({@code Uploading linux/amd64 12.0 MiB / 64.0 MiB}), or its digest when it is for none; small blobs pass silently.
 */
final class LogProgress implements TransferListener {

    private static final long LARGE = 1L << 20;
    private static final long INTERVAL_NANOS = Duration.ofSeconds(3).toNanos();

    private final Consumer<String> log;
    private final String verb;
    private final LongSupplier clock;
    private final String part;
    private final Map<String, Long> lastLine;

    LogProgress(Log log, String verb) {
        this(log::info, verb, System::nanoTime);
    }

    /** Lines to {@code log}, timed by {@code clock} (nanoseconds, as {@link System#nanoTime()}). */
    LogProgress(Consumer<String> log, String verb, LongSupplier clock) {
        this(log, verb, clock, null, new ConcurrentHashMap<>());
    }

    private LogProgress(Consumer<String> log, String verb, LongSupplier clock, String part, Map<String, Long> lastLine) {
        this.log = log;
        this.verb = verb;
        this.clock = clock;
        this.part = part;
        this.lastLine = lastLine;
    }

    @Override
    public TransferListener about(String newPart) {
        return new LogProgress(log, verb, clock, newPart, lastLine);
    }

    @Override
    public void progress(Descriptor blob, long done) {
        if (blob.size() < LARGE) {
            return;
        }
        String key = blob.digest().toString();
        long now = clock.getAsLong();
        boolean finished = done >= blob.size();
        Long last = lastLine.putIfAbsent(key, now); // the first call starts the clock: no line at 0 B
        if (finished || last != null && now - last >= INTERVAL_NANOS) {
            lastLine.put(key, now);
            log.accept(String.format("%s %s %s / %s", verb, part != null ? part : key.substring(0, 19), new ByteCount(done),
                    new ByteCount(blob.size())));
        }
        if (finished) {
            lastLine.remove(key);
        }
    }
}
