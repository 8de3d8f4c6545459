package dev.scafctl.catalog.solution;

import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactName;
import dev.scafctl.catalog.artifact.PluginRequirement;
import dev.scafctl.catalog.artifact.Version;
import dev.scafctl.catalog.lock.LockedPlugin;
import java.util.Collection;
import java.util.Optional;

/**
 * A plugin that a module of the running build builds (its {@code build-plugin} goal): a solution of the same build
 * that uses it must not look it up before the build (it may exist nowhere yet), and its pin is checked when it is
 * built. A SNAPSHOT is mutable: each build of it may differ, so its pin is taken afresh from what the build made.
 *
 * @param module the module that builds it, for messages
 */
public record ReactorPlugin(ArtifactKind kind, ArtifactName name, Version version, String module) {

    /** The reactor plugin a requirement names, when its version satisfies the requirement. */
    public static Optional<ReactorPlugin> builtFor(PluginRequirement requirement, Collection<ReactorPlugin> reactor) {
        return reactor.stream().filter(p -> p.kind() == requirement.kind() && p.name().equals(requirement.name())
                && requirement.constraint().isSatisfiedBy(p.version())).findFirst();
    }

    /** The plugin of that kind and name this build makes, whatever its version. */
    public static Optional<ReactorPlugin> named(ArtifactKind kind, ArtifactName name, Collection<ReactorPlugin> reactor) {
        return reactor.stream().filter(p -> p.kind() == kind && p.name().equals(name)).findFirst();
    }

    /**
     * Whether a lock entry pins, for good, what this build makes: the same version, and not a SNAPSHOT (whose bytes
     * each build may change). Otherwise the pin is taken afresh from what the build made.
     */
    public boolean isPinnedBy(LockedPlugin entry) {
        return entry.version().equals(version) && !isSnapshot();
    }

    /** A Maven SNAPSHOT version ({@code 1.0.0-SNAPSHOT}): rebuilt in place, never pinned across builds. */
    public boolean isSnapshot() {
        return isSnapshot(version);
    }

    public static boolean isSnapshot(Version version) {
        return version.preRelease().stream().anyMatch(part -> part.equals("SNAPSHOT"));
    }

    /** The requirement for exactly this version, to pin it from the local catalog once it is built. */
    public PluginRequirement exactly() {
        return new PluginRequirement(name, kind, dev.scafctl.catalog.artifact.VersionConstraint.parse(version.toString()));
    }

    @Override
    public String toString() {
        return name + "@" + version + " (built by module " + module + ")";
    }
}
