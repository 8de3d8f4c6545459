package dev.scafctl.catalog.solution;

import dev.scafctl.catalog.ArtifactNotFoundException;
import dev.scafctl.catalog.CatalogException;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.artifact.PluginRequirement;
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

        LockViolation(Path solution, List<String> problems, boolean frozen, String updateHint) {
            super("the lock of " + solution + " does not hold:\n  - " + String.join("\n  - ", problems) + "\n"
                    + (frozen ? "Update it with " + updateHint + " (without -Dscafctl.lock.frozen=true) and commit "
                            + LockFile.FILE_NAME + "." : "Fix the catalog, or update the lock with " + updateHint + "."));
        }
    }

    /**
     * What the guard is asked to do: for which platform, with or without the network, in CI mode ({@code frozen}:
     * check, never write), re-resolving every pin ({@code update}), knowing which plugins this build itself makes
     * ({@code reactor}), and the command that updates the lock from where the user stands ({@code updateHint}).
     */
    public record Request(Platform platform, boolean offline, boolean frozen, boolean update, List<ReactorPlugin> reactor,
            String updateHint) {

        public Request {
            reactor = List.copyOf(reactor);
        }

        /** A solution built on its own: no plugin of it is built by the same build. */
        public static Request standalone(Platform platform, boolean offline, boolean frozen) {
            return new Request(platform, offline, frozen, false, List.of(),
                    "`mvn package -Dscafctl.lock.update=true`");
        }
    }

    /** A pin that the module building the plugin must reproduce: the index digest the lock holds for it. */
    public record ExpectedBuild(ReactorPlugin plugin, Digest indexDigest, Path lockFile) {}

    /** What the guard did; {@code written} is true only when the lock file's bytes changed. */
    public record Outcome(Path lockFile, LockFile lock, List<String> messages, boolean written, List<ExpectedBuild> expected,
            List<ReactorPlugin> fromReactor) {}

    private LockGuard() {}

    public static Outcome apply(SolutionDocument document, PluginInstaller installer, Platform platform, boolean offline,
            boolean frozen) {
        return apply(document, installer, Request.standalone(platform, offline, frozen));
    }

    /** Guards the lock of a solution already read ({@link SolutionDocument#readPlugins}); the solution is not read again. */
    public static Outcome apply(SolutionDocument document, PluginInstaller installer, Request request) {
        Path solution = document.file();
        Reading reading = Reading.of(document);
        List<PluginRequirement> requirements = reading.requirements();
        Optional<LockFile> existing = reading.existing();
        List<String> differences = new ArrayList<>(reading.differences());
        List<PluginRequirement> deferred = new ArrayList<>();
        for (PluginRequirement requirement : requirements) {
            Optional<ReactorPlugin> built = ReactorPlugin.builtFor(requirement, request.reactor());
            if (built.isEmpty()) {
                continue;
            }
            Optional<LockedPlugin> entry = existing.flatMap(l -> l.find(requirement.kind(), requirement.name()));
            entry.filter(e -> requirement.constraint().isSatisfiedBy(e.version()) && !e.version().equals(built.get().version()))
                    .ifPresent(e -> differences.add(requirement.kind() + " " + requirement.name() + ": the lock pins "
                            + e.version() + ", but module " + built.get().module() + " of this build makes "
                            + built.get().version()));
            if (request.update() || !entry.map(built.get()::isPinnedBy).orElse(false)) {
                deferred.add(requirement);
            }
        }
        Path lockFile = solution.toAbsolutePath().getParent().resolve(LockFile.FILE_NAME);
        List<String> copyDifferences = LockFile.copyDifferences(solution);
        if (request.frozen() && (existing.isEmpty() || !differences.isEmpty())) {
            throw new LockViolation(solution, existing.isEmpty()
                    ? List.of("there is no lock file (" + LockFile.FILE_NAME + " or " + LockFile.SCAFCTL_FILE_NAME + ") beside it")
                    : differences, true, request.updateHint());
        }
        List<String> messages = new ArrayList<>();
        LockFile lock;
        boolean written = false;
        boolean scafctlsForm = existing.map(l -> l.plugins().stream().anyMatch(LockedPlugin::pinsOneBinaryOnly)).orElse(false);
        if (existing.isPresent() && differences.isEmpty() && !(request.update() && !request.frozen())
                && (request.frozen() || !scafctlsForm)) {
            lock = existing.get();
            messages.add("lock " + lock.file().getFileName() + " holds (" + lock.plugins().size() + " plugin(s))");
            if (!request.frozen()) {
                written = LockFileWriter.write(lockFile, lock.file().equals(lockFile) ? lock
                        : new LockFile(lockFile, lock.plugins(), lock.dependencies()));
                if (!copyDifferences.isEmpty()) {
                    messages.add(LockFile.SCAFCTL_FILE_NAME + " disagreed with " + LockFile.FILE_NAME + ", the lock ("
                            + String.join("; ", copyDifferences) + "); rewritten from it");
                }
            } else if (!Files.isRegularFile(lockFile.resolveSibling(LockFile.SCAFCTL_FILE_NAME))) {
                messages.add("there is no " + LockFile.SCAFCTL_FILE_NAME + " beside " + LockFile.FILE_NAME
                        + ", so scafctl's plugins install and run would be unpinned; a build without"
                        + " -Dscafctl.lock.frozen=true writes it");
            }
        } else {
            List<PluginRequirement> now = requirements.stream().filter(r -> !deferred.contains(r)).toList();
            SolutionLocker.Outcome outcome = SolutionLocker.lock(lockFile, now, existing, request.update(),
                    requirement -> pin(installer, requirement, request), request.platform(), null, request.reactor());
            lock = outcome.lock();
            written = LockFileWriter.write(lockFile, lock);
            messages.add((written ? existing.isEmpty() ? "produced " : "updated " : "kept ") + LockFile.FILE_NAME + ": "
                    + describe(outcome, deferred, request.reactor()));
        }
        List<String> unserved = new ArrayList<>();
        List<ExpectedBuild> expected = new ArrayList<>();
        for (LockedPlugin pin : lock.plugins()) {
            Optional<ReactorPlugin> built = ReactorPlugin.named(pin.kind(), pin.name(), request.reactor())
                    .filter(p -> p.version().equals(pin.version()));
            if (built.isPresent()) {
                // not looked up before the build: it may exist nowhere yet; the module that builds it checks the pin
                if (built.get().isPinnedBy(pin) && !request.update()) {
                    pin.indexDigest().ifPresent(d -> expected.add(new ExpectedBuild(built.get(), d, lockFile)));
                }
            } else if (request.frozen()) {
                unserved.addAll(installer.verifyPin(pin, request.platform(), request.offline()));
            } else {
                installer.checkPin(pin, request.platform(), request.offline()).ifPresent(unserved::add);
            }
        }
        if (request.frozen()) {
            copyDifferences.forEach(d -> unserved.add(d + " (" + LockFile.FILE_NAME + " is the lock; "
                    + LockFile.SCAFCTL_FILE_NAME + " is its copy for scafctl, rewritten from it by a build without"
                    + " -Dscafctl.lock.frozen=true)"));
        }
        if (!unserved.isEmpty()) {
            throw new LockViolation(solution, unserved, request.frozen(), request.updateHint());
        }
        List<ReactorPlugin> fromReactor = requirements.stream()
                .flatMap(r -> ReactorPlugin.builtFor(r, request.reactor()).stream()).toList();
        return new Outcome(lockFile, lock, messages, written, expected, fromReactor);
    }

    /** A pin through the chain; when none is found but this build makes another version of it, that is said too. */
    private static PluginInstaller.Pin pin(PluginInstaller installer, PluginRequirement requirement, Request request) {
        try {
            return installer.pin(requirement, request.offline());
        } catch (ArtifactNotFoundException e) {
            Optional<ReactorPlugin> other = ReactorPlugin.named(requirement.kind(), requirement.name(), request.reactor());
            if (other.isEmpty()) {
                throw e;
            }
            throw new ArtifactNotFoundException(e.getMessage() + "; module " + other.get().module() + " of this build makes "
                    + other.get().version() + ", which " + requirement.constraint() + " does not match"
                    + (other.get().version().isPreRelease() ? " (a constraint matches a pre-release only when it names one,"
                            + " for example ^" + other.get().version().release() + "-0)" : ""));
        }
    }

    /**
     * Reads {@code solution} and the lock beside it the way {@link #apply} does, writing nothing, so that a build can
     * run it on a spare core while Maven is still reading its projects: the classes {@link #apply} needs are then
     * loaded and initialized when it runs. Returns the solution read, for {@link #apply} to take instead of reading it
     * again; empty when it is missing or has a problem, which is left for the caller's own read to report.
     */
    public static Optional<SolutionDocument> warmUp(Path solution) {
        try {
            Platform.current();
            Digest.of(solution.toString().getBytes(StandardCharsets.UTF_8));
            CanonicalJson.read("{\"warm\":[1]}".getBytes(StandardCharsets.UTF_8), "warm-up");
            if (Files.isRegularFile(solution)) {
                SolutionDocument document = SolutionDocument.readPlugins(solution);
                Reading.of(document);
                return Optional.of(document);
            }
        } catch (RuntimeException e) {
            // the caller reads the same files again and reports what is wrong with them
        }
        return Optional.empty();
    }

    /** What {@link #apply} reads first: the solution's plugins, the lock beside it, and how the two differ. */
    private record Reading(List<PluginRequirement> requirements, Optional<LockFile> existing, List<String> differences) {

        static Reading of(SolutionDocument document) {
            List<PluginRequirement> requirements = document.plugins();
            Optional<LockFile> existing = LockFile.findBeside(document.file());
            return new Reading(requirements, existing,
                    existing.map(lock -> LockCheck.differences(requirements, lock)).orElse(List.of()));
        }
    }

    /** What the lock now says, and which plugins the build itself pins once it has made them ({@code deferred}). */
    private static String describe(SolutionLocker.Outcome outcome, List<PluginRequirement> deferred,
            List<ReactorPlugin> reactor) {
        List<String> parts = new ArrayList<>();
        if (!outcome.resolved().isEmpty()) {
            parts.add("pinned " + String.join(", ", outcome.resolved()));
        }
        if (!outcome.kept().isEmpty()) {
            parts.add("kept " + String.join(", ", outcome.kept()));
        }
        List<String> dropped = outcome.dropped().stream()
                .filter(d -> deferred.stream().noneMatch(r -> d.startsWith(r.name() + "@"))).toList();
        if (!dropped.isEmpty()) {
            parts.add("dropped " + String.join(", ", dropped));
        }
        deferred.forEach(r -> parts.add(ReactorPlugin.builtFor(r, reactor).orElseThrow() + ": pinned by build-solution once built"));
        return parts.isEmpty() ? "no plugins" : String.join("; ", parts);
    }
}
