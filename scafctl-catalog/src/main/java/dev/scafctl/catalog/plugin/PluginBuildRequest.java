package dev.scafctl.catalog.plugin;

import dev.scafctl.catalog.BuildTimestamp;
import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.artifact.ArtifactReference;
import java.util.List;
import java.util.Objects;

/** What to build: a plugin version, its binaries, the build's timestamp, and whether an existing version may go. */
public record PluginBuildRequest(ArtifactReference reference, List<PlatformBinary> binaries, BuildTimestamp created,
        boolean force) {

    public PluginBuildRequest {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(created, "created");
        if (!reference.kind().isPlugin()) {
            throw new InvalidInputException("a " + reference.kind() + " is not a plugin; build a provider or an auth-handler");
        }
        binaries = List.copyOf(binaries);
        if (binaries.isEmpty()) {
            throw new InvalidInputException("no platform binaries given; name at least one as os/arch=path");
        }
    }
}
