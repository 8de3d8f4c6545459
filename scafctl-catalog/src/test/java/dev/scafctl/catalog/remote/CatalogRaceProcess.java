package dev.scafctl.catalog.remote;

import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.plugin.PluginFixtures;
import dev.scafctl.catalog.plugin.PluginImageBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * One process of the races in {@link ConcurrentPruneTest}, on one catalog:
 * <ul>
 * <li>{@code build DIR WORK NAME N}: builds versions 1.0.0 … 1.0.(N-1) of provider NAME from the same binaries, untagging
 * the previous version before each build, so the binaries it reuses are, for a moment, referenced by no tag;</li>
 * <li>{@code pull DIR URL REF N}: pulls URL N times, untagging REF between the pulls, so each pull reuses blobs no tag
 * references;</li>
 * <li>{@code prune DIR SECONDS STOP}: prunes with that grace again and again, 5 ms apart, until the file STOP
 * exists (at most 100,000 times).</li>
 * </ul>
 */
public final class CatalogRaceProcess {

    private CatalogRaceProcess() {}

    public static void main(String[] args) throws InterruptedException {
        LocalCatalog catalog = LocalCatalog.open(Path.of(args[1]));
        switch (args[0]) {
            case "build" -> {
                Path work = Path.of(args[2]);
                String name = args[3];
                List<String> binaries = PluginFixtures.binaries(work.resolve(name), name, Platform.SUPPORTED.subList(0, 3));
                for (int i = 0; i < Integer.parseInt(args[4]); i++) {
                    if (i > 0) {
                        catalog.untag("provider/" + name + ":1.0." + (i - 1));
                    }
                    new PluginImageBuilder(catalog).build(PluginFixtures.request(ArtifactKind.PROVIDER, name, "1.0." + i,
                            binaries, work, true));
                }
            }
            case "pull" -> {
                for (int i = 0; i < Integer.parseInt(args[4]); i++) {
                    if (i > 0) {
                        catalog.untag(args[3]);
                    }
                    RemoteFixtures.puller(catalog, RemoteFixtures.anonymous()).pull(
                            RemoteReference.parse(args[2], false, null), false);
                }
            }
            case "prune" -> {
                Path stop = Path.of(args[3]);
                for (int i = 0; i < 100_000 && !java.nio.file.Files.exists(stop); i++) {
                    catalog.prune(Duration.ofSeconds(Long.parseLong(args[2])));
                    // pacing, not waiting: a prune that takes the lock again at once would starve the writers
                    Thread.sleep(5);
                }
            }
            default -> throw new IllegalArgumentException(Arrays.toString(args));
        }
    }
}
