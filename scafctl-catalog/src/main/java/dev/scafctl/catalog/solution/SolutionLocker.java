package dev.scafctl.catalog.solution;

import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.artifact.PluginRequirement;
import dev.scafctl.catalog.lock.LockFile;
import dev.scafctl.catalog.lock.LockedDependency;
import dev.scafctl.catalog.lock.LockedPlugin;
import dev.scafctl.catalog.oci.Digest;
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
            if (entry.isPresent()) {
                plugins.add(entry.get());
                kept.add(requirement.name() + "@" + entry.get().version());
                continue;
            }
            PluginInstaller.Pin pin = resolve.apply(built.map(ReactorPlugin::exactly).orElse(requirement));
            Optional<Digest> binary = Optional.ofNullable(pin.platforms().get(platform.toString())).or(pin::singleBinary)
                    .or(() -> pin.platforms().values().stream().findFirst());
            plugins.add(new LockedPlugin(requirement.name(), requirement.kind(), pin.version(), binary, pin.catalog(),
                    Optional.of(pin.artifactDigest()), pin.platforms()));
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
}
