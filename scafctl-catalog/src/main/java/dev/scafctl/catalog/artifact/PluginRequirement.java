package dev.scafctl.catalog.artifact;

/** One entry of a solution's {@code bundle.plugins}: a plugin, its kind and the versions it may be. */
public record PluginRequirement(ArtifactName name, ArtifactKind kind, VersionConstraint constraint) {

    @Override
    public String toString() {
        return name + "@" + constraint + " (" + kind + ")";
    }
}
