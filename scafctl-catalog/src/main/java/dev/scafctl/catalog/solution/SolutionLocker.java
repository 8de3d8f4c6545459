package dev.scafctl.catalog.solution;

import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.artifact.PluginRequirement;
import dev.scafctl.catalog.artifact.VersionConstraint;
import dev.scafctl.catalog.lock.LockFile;
import dev.scafctl.catalog.lock.LockedDependency;
import dev.scafctl.catalog.lock.LockedPlugin;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.oci.DigestMismatchException;
import dev.scafctl.catalog.plugin.PluginInstaller;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Produces or replays a solution's lock. A plugin whose locked version still satisfies the solution's constraint is
 * kept as it is (no new resolution, even when a newer version exists); a plugin without an entry, or whose entry no
 * longer satisfies, is resolved; an entry for a plugin the solution no longer declares is dropped; {@code update}
 * resolves everything afresh. Each plugin entry pins the image index and the binary of every platform, so one lock
 * serves every machine; {@code digest} is the binary of {@code platform}, which is what scafctl itself reads.
 * With {@code vendored} null, the existing lock's {@code dependencies} are kept (a replay outside a build).
 */
public final class SolutionLocker {

    /** The lock, and what happened to each plugin. */
    public record Outcome(LockFile lock, List<String> kept, List<String> resolved, List<String> dropped) {}

    private SolutionLocker() {}

    public static Outcome lock(Path lockFile, List<PluginRequirement> requirements, Optional<LockFile> existing, boolean update,
            Function<PluginRequirement, PluginInstaller.Pin> resolve, Platform platform, List<VendoredSolution> vendored) {
        return lock(lockFile, requirements, existing, update, resolve, platform, vendored, List.of());
    }

    /**
     * As above, for a solution built in the same build as some of its plugins ({@code reactor}): the entry of such a
     * plugin is kept only when it pins the version the build makes (and that version is not a SNAPSHOT, which is
     * pinned afresh from each build); otherwise exactly that version is pinned, which the local catalog holds once
     * the module that builds it has run.
     */
    public static Outcome lock(Path lockFile, List<PluginRequirement> requirements, Optional<LockFile> existing, boolean update,
            Function<PluginRequirement, PluginInstaller.Pin> resolve, Platform platform, List<VendoredSolution> vendored,
            Collection<ReactorPlugin> reactor) {
        List<LockedPlugin> plugins = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        List<String> resolved = new ArrayList<>();
        for (PluginRequirement requirement : requirements) {
            Optional<ReactorPlugin> built = ReactorPlugin.builtFor(requirement, reactor);
            Optional<LockedPlugin> entry = existing.flatMap(l -> l.find(requirement.kind(), requirement.name()))
                    .filter(e -> !update && requirement.constraint().isSatisfiedBy(e.version()))
                    .filter(e -> built.map(b -> b.isPinnedBy(e)).orElse(true));
            if (entry.isPresent() && entry.get().pinsOneBinaryOnly() && entry.get().digest().isPresent()) {
                plugins.add(upgrade(entry.get(), requirement, resolve, platform));
                kept.add(requirement.name() + "@" + entry.get().version() + " (scafctl's pin of one binary, now every platform's)");
                continue;
            }
            if (entry.isPresent()) {
                plugins.add(entry.get());
                kept.add(requirement.name() + "@" + entry.get().version());
                continue;
            }
            PluginInstaller.Pin pin = resolve.apply(built.map(ReactorPlugin::exactly).orElse(requirement));
            plugins.add(entry(pin, platform));
            resolved.add(requirement.name() + "@" + pin.version() + " from " + pin.catalog());
        }
        List<String> dropped = new ArrayList<>();
        existing.ifPresent(l -> l.plugins().stream()
                .filter(p -> requirements.stream().noneMatch(r -> r.kind() == p.kind() && r.name().equals(p.name())))
                .forEach(p -> dropped.add(p.name() + "@" + p.version())));
        List<LockedDependency> dependencies = vendored == null
                ? existing.map(LockFile::dependencies).orElse(List.of())
                : vendored.stream().map(v -> new LockedDependency(v.ref(), v.resolvedVersion(), v.constraint(),
                        v.digest().toString(), v.resolvedFrom(), v.vendoredAt())).toList();
        return new Outcome(new LockFile(lockFile, plugins, dependencies), kept, resolved, dropped);
    }

    /** The entry of a pin: the index, every platform's binary, and as {@code digest} the binary of {@code platform}. */
    private static LockedPlugin entry(PluginInstaller.Pin pin, Platform platform) {
        Optional<Digest> binary = Optional.ofNullable(pin.platforms().get(platform.toString())).or(pin::singleBinary)
                .or(() -> pin.platforms().values().stream().findFirst());
        return new LockedPlugin(pin.requirement().name(), pin.requirement().kind(), pin.version(), binary, pin.catalog(),
                Optional.of(pin.artifactDigest()), pin.platforms(), pin.signedBy());
    }

    /**
     * scafctl's entry (one digest: the binary of the platform its lock was made on, unnamed) made ours: exactly its
     * version is pinned again, and its digest must be one of that artifact's binaries, which names the platform; the
     * other platforms' binaries are those of the same index. The digest stays what scafctl wrote.
     */
    private static LockedPlugin upgrade(LockedPlugin scafctls, PluginRequirement requirement,
            Function<PluginRequirement, PluginInstaller.Pin> resolve, Platform platform) {
        PluginInstaller.Pin pin = resolve.apply(new PluginRequirement(requirement.name(), requirement.kind(),
                VersionConstraint.parse(scafctls.version().toString())));
        Digest digest = scafctls.digest().orElseThrow();
        if (!pin.platforms().containsValue(digest) && !pin.singleBinary().equals(Optional.of(digest))) {
            Digest got = Optional.ofNullable(pin.platforms().get(platform.toString())).or(pin::singleBinary)
                    .orElse(pin.platforms().isEmpty() ? digest : pin.platforms().get(pin.platforms().firstKey()));
            throw DigestMismatchException.pinnedBinary(requirement.name() + "@" + scafctls.version(), digest, got,
                    "the lock's digest is the binary of no platform of " + pin.platforms().keySet() + " in catalog \""
                    + pin.catalog() + "\"");
        }
        LockedPlugin ours = entry(pin, platform);
        return new LockedPlugin(ours.name(), ours.kind(), ours.version(), Optional.of(digest),
                scafctls.resolvedFrom().isEmpty() ? ours.resolvedFrom() : scafctls.resolvedFrom(), ours.indexDigest(),
                ours.platforms(), ours.signedBy());
    }
}
