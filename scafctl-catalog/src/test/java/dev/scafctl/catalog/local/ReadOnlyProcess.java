package dev.scafctl.catalog.local;

import dev.scafctl.catalog.CatalogException;
import dev.scafctl.catalog.archive.ArtifactArchive;
import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactName;
import dev.scafctl.catalog.artifact.ArtifactReference;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.artifact.PluginRequirement;
import dev.scafctl.catalog.artifact.VersionConstraint;
import dev.scafctl.catalog.inspect.ArtifactInspector;
import dev.scafctl.catalog.inspect.CatalogListing;
import dev.scafctl.catalog.plugin.PluginCache;
import dev.scafctl.catalog.plugin.PluginFixtures;
import dev.scafctl.catalog.plugin.PluginImageBuilder;
import dev.scafctl.catalog.plugin.PluginInstaller;
import dev.scafctl.catalog.remote.TransferListener;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One goal's work on a catalog that {@link ReadOnlyCatalogTest} mounts read-only for this process:
 * {@code list DIR}, {@code inspect DIR NAME@VERSION}, {@code save DIR NAME@VERSION TARGET}, {@code install DIR CACHE NAME} (linux/amd64,
 * local catalog only) and {@code build DIR WORK NAME}. A failure prints its message and exits 1.
 */
public final class ReadOnlyProcess {

    private ReadOnlyProcess() {}

    /** {@code NAME@VERSION} of a provider. */
    private static ArtifactReference provider(String text) {
        String[] parts = text.split("@");
        return new ArtifactReference(ArtifactKind.PROVIDER, ArtifactName.of(parts[0]), dev.scafctl.catalog.artifact.Version.parse(parts[1]));
    }

    public static void main(String[] args) {
        try {
            LocalCatalog catalog = LocalCatalog.open(Path.of(args[1]));
            switch (args[0]) {
                case "list" -> System.out.println(CatalogListing.local(catalog, Optional.empty()).toText());
                case "inspect" -> System.out.println(ArtifactInspector.local(catalog, provider(args[2])).toText());
                case "save" -> new ArtifactArchive(catalog).save(List.of(provider(args[2])), Set.of(),
                        Path.of(args[3]));
                case "install" -> new PluginInstaller(catalog, List.of(), r -> {
                    throw new IllegalStateException("no remote catalog");
                }, new PluginCache(Path.of(args[2])), TransferListener.NONE, line -> { }).install(List.of(
                        new PluginRequirement(ArtifactName.of(args[3]), ArtifactKind.PROVIDER, VersionConstraint.parse("^1"))),
                        Optional.empty(), new PluginInstaller.Options(Platform.SUPPORTED.get(0), false, 1));
                case "build" -> new PluginImageBuilder(catalog).build(PluginFixtures.provider(args[3], "2.0.0",
                        PluginFixtures.binaries(Path.of(args[2]), args[3], Platform.SUPPORTED.subList(0, 1)), Path.of(args[2])));
                default -> throw new IllegalArgumentException(Arrays.toString(args));
            }
        } catch (CatalogException e) {
            System.out.println("FAILED: " + e.getMessage());
            System.exit(1);
        }
    }
}
