package dev.scafctl.catalog.solution;

import dev.scafctl.catalog.artifact.ArtifactReference;
import dev.scafctl.catalog.oci.Descriptor;
import dev.scafctl.catalog.local.TagOutcome;
import java.nio.file.Path;
import java.util.List;

/** A solution stored in the local catalog: its manifest, what it bundled and vendored, and what the build did. */
public record BuiltSolution(ArtifactReference reference, Descriptor manifest, List<BundleFile> files,
        List<VendoredSolution> vendored, List<Path> composed, TagOutcome outcome) {}
