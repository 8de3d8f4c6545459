package dev.scafctl.catalog.artifact;

import java.util.Objects;

/** One version of one artifact: {@code provider/aws-provider:1.5.0} in the local catalog. */
public record ArtifactReference(ArtifactKind kind, ArtifactName name, Version version) {

    public ArtifactReference {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
    }

    /** The {@code org.opencontainers.image.ref.name} of this artifact in a local catalog. */
    public String localRefName() {
        return kind.wireName() + "/" + name + ":" + version;
    }

    /** {@code name@version}, the form users type and scafctl prints. */
    @Override
    public String toString() {
        return name + "@" + version;
    }
}
