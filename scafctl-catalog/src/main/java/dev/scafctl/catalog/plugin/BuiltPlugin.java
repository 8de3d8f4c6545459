package dev.scafctl.catalog.plugin;

import dev.scafctl.catalog.artifact.ArtifactReference;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.oci.Descriptor;
import java.util.List;

/** A plugin stored in the local catalog: its image index and, per platform, the manifest and binary. */
public record BuiltPlugin(ArtifactReference reference, Descriptor index, List<PlatformImage> platforms,
        Outcome outcome) {

    /** What the build did to the catalog entry. */
    public enum Outcome {
        /** The version was new to the catalog. */
        CREATED,
        /** The version existed with other content and was overwritten, as asked. */
        REPLACED,
        /** The version existed with exactly this content; nothing changed. */
        UNCHANGED
    }

    /** One platform's part of the plugin. */
    public record PlatformImage(Platform platform, PlatformBinary source, Descriptor manifest, Descriptor binary) {}

    public BuiltPlugin {
        platforms = List.copyOf(platforms);
    }
}
