package dev.scafctl.catalog.solution;

import dev.scafctl.catalog.CatalogException;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.lock.LockCheck;
import dev.scafctl.catalog.lock.LockFile;
import dev.scafctl.catalog.lock.LockFileWriter;
import dev.scafctl.catalog.lock.LockedPlugin;
import dev.scafctl.catalog.oci.CanonicalJson;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.plugin.PluginInstaller;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the lock extension and {@code verify-lock} do for one solution before anything else runs. Frozen (CI): the
 * lock must exist, hold for the solution and be served by the catalog chain, or the build fails listing every
 * difference. Not frozen: a missing or stale lock is produced or updated (kept entries stay as they are); a pin the
 * catalog no longer serves, or serves with other bytes, fails either way.
 */
public final class LockGuard {

    /** A lock that does not hold; the message lists each problem and how to update the lock. */
    public static final class LockViolation extends CatalogException {
        private static final long serialVersionUID = 1L;

        LockViolation(Path solution, List<String> problems, boolean frozen) {
            super("the lock of " + solution + " does not hold:\n  - " + String.join("\n  - ", problems) + "\n"
                    + (frozen ? "Update it with `mvn scafctl:build-solution` (or a build without -Dscafctl.lock.frozen=true)"
                            + " and commit .scafctl.lock.yaml." : "Fix the catalog, or update the lock with"
                            + " `mvn scafctl:build-solution -Dscafctl.lock.update=true`."));
        }
    }

    /** What the guard did. */
    public record Outcome(Path lockFile, LockFile lock, List<String> messages, boolean written) {}

    private LockGuard() {}

    public static Outcome apply(Path solution, PluginInstaller installer, Platform platform, boolean offline, boolean frozen) {
        Reading reading = Reading.of(solution);
        List<PluginRequirement> requirements = reading.requirements();
        Optional<LockFile> existing = reading.existing();
        List<String> differences = reading.differences();
        Path lockFile = solution.toAbsolutePath().getParent().resolve(LockFile.FILE_NAME);
        if (frozen && (existing.isEmpty() || !differences.isEmpty())) {
            throw new LockViolation(solution, existing.isEmpty()
                    ? List.of("there is no lock file (" + LockFile.FILE_NAME + " or " + LockFile.SCAFCTL_FILE_NAME + ") beside it")
                    : differences, true);
        }
        List<String> messages = new ArrayList<>();
        LockFile lock;
        boolean written = false;
        if (existing.isPresent() && differences.isEmpty()) {
            lock = existing.get();
            messages.add("lock " + lock.file().getFileName() + " holds (" + lock.plugins().size() + " plugin(s))");
        } else {
            SolutionLocker.Outcome outcome = SolutionLocker.lock(lockFile, requirements, existing, false,
                    requirement -> installer.pin(requirement, offline), platform, null);
            LockFileWriter.write(lockFile, outcome.lock());
            lock = outcome.lock();
            written = true;
            messages.add((existing.isEmpty() ? "produced " : "updated ") + LockFile.FILE_NAME + ": "
                    + describe(outcome));
        }
        List<String> unserved = new ArrayList<>();
        for (LockedPlugin pin : lock.plugins()) {
            installer.checkPin(pin, platform, offline).ifPresent(unserved::add);
        }
        if (!unserved.isEmpty()) {
            throw new LockViolation(solution, unserved, frozen);
        }
        return new Outcome(lockFile, lock, messages, written);
    }

    /**
     * Reads {@code solution} and the lock beside it the way {@link #apply} does, keeping nothing and writing nothing,
     * so that a build can run it on a spare core while Maven is still reading its projects: the classes {@link #apply}
     * needs are then loaded and initialized when it runs. Any problem is left for {@link #apply} to report.
     */
    public static void warmUp(Path solution) {
        try {
            Platform.current();
            Digest.of(solution.toString().getBytes(StandardCharsets.UTF_8));
            CanonicalJson.read("{\"warm\":[1]}".getBytes(StandardCharsets.UTF_8), "warm-up");
            if (Files.isRegularFile(solution)) {
                Reading.of(solution);
            }
        } catch (RuntimeException e) {
            // apply reads the same files and reports what is wrong with them
        }
    }

    /** What {@link #apply} reads first: the solution's plugins, the lock beside it, and how the two differ. */
    private record Reading(List<PluginRequirement> requirements, Optional<LockFile> existing, List<String> differences) {

        static Reading of(Path solution) {
            List<PluginRequirement> requirements = SolutionPlugins.read(solution);
            Optional<LockFile> existing = LockFile.findBeside(solution);
            return new Reading(requirements, existing,
                    existing.map(lock -> LockCheck.differences(requirements, lock)).orElse(List.of()));
        }
    }

    private static String describe(SolutionLocker.Outcome outcome) {
        List<String> parts = new ArrayList<>();
        if (!outcome.resolved().isEmpty()) {
            parts.add("pinned " + String.join(", ", outcome.resolved()));
        }
        if (!outcome.kept().isEmpty()) {
            parts.add("kept " + String.join(", ", outcome.kept()));
        }
        if (!outcome.dropped().isEmpty()) {
            parts.add("dropped " + String.join(", ", outcome.dropped()));
        }
        return parts.isEmpty() ? "no plugins" : String.join("; ", parts);
    }
}
