package dev.scafctl.catalog.plugin;

import dev.scafctl.catalog.artifact.ArtifactReference;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.local.TagOutcome;
import dev.scafctl.catalog.oci.Descriptor;
import java.util.List;

/** A plugin stored in the local catalog: its image index and, per platform, the manifest and binary. */
public record BuiltPlugin(ArtifactReference reference, Descriptor index, List<PlatformImage> platforms,
        TagOutcome outcome) {

    /** One platform's part of the plugin. */
    public record PlatformImage(Platform platform, PlatformBinary source, Descriptor manifest, Descriptor binary) {}

    public BuiltPlugin {
        platforms = List.copyOf(platforms);
    }
}
