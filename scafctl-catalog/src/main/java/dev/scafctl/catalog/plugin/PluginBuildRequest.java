package dev.scafctl.catalog.plugin;

import dev.scafctl.catalog.BuildTimestamp;
import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.artifact.ArtifactReference;
import dev.scafctl.catalog.protocol.PluginMetadata;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to build: a plugin version, its binaries, the build's timestamp, whether an existing version may go, and
 * what the plugin check learned from the binary (recorded as annotations), when it ran.
 */
public record PluginBuildRequest(ArtifactReference reference, List<PlatformBinary> binaries, BuildTimestamp created,
        boolean force, Optional<PluginMetadata> metadata) {

    /** A request without plugin metadata. */
    public PluginBuildRequest(ArtifactReference reference, List<PlatformBinary> binaries, BuildTimestamp created,
            boolean force) {
        this(reference, binaries, created, force, Optional.empty());
    }

    public PluginBuildRequest {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(metadata, "metadata");
        if (metadata.isPresent() && metadata.get().kind() != reference.kind()) {
            throw new IllegalArgumentException("metadata of a " + metadata.get().kind() + " for a " + reference.kind());
        }
        if (!reference.kind().isPlugin()) {
            throw new InvalidInputException("a " + reference.kind() + " is not a plugin; build a provider or an auth-handler");
        }
        binaries = List.copyOf(binaries);
        if (binaries.isEmpty()) {
            throw new InvalidInputException("no platform binaries given; name at least one as os/arch=path");
        }
    }
}
