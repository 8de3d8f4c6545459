package dev.scafctl.catalog.testing;

import dev.scafctl.catalog.BuildTimestamp;
import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactName;
import dev.scafctl.catalog.artifact.ArtifactReference;
import dev.scafctl.catalog.artifact.Version;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.plugin.PlatformBinary;
import dev.scafctl.catalog.plugin.PluginBuildRequest;
import dev.scafctl.catalog.plugin.PluginImageBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fills a local catalog with many small plugin versions, for the scale benchmark ({@code bench/run}):
 * {@code CatalogFiller CATALOG_DIR COUNT [ARTIFACTS]} stores {@code filler-<n % ARTIFACTS>} versions
 * {@code 1.<n / ARTIFACTS>.0} for n below COUNT (ARTIFACTS defaults to 100).
 */
public final class CatalogFiller {

    private CatalogFiller() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        int artifacts = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        LocalCatalog catalog = LocalCatalog.open(dir);
        Path binary = Files.createTempFile("filler", ".bin");
        PluginImageBuilder builder = new PluginImageBuilder(catalog);
        for (int n = 0; n < count; n++) {
            Files.writeString(binary, "#!/bin/sh\necho filler " + n + "\n");
            builder.build(new PluginBuildRequest(new ArtifactReference(ArtifactKind.PROVIDER,
                    ArtifactName.of("filler-" + (n % artifacts)), Version.parse("1." + (n / artifacts) + ".0")),
                    PlatformBinary.parseAll(List.of("linux/amd64=" + binary), dir), BuildTimestamp.EPOCH, true));
        }
        Files.delete(binary);
    }
}
