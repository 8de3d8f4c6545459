package dev.scafctl.catalog.solution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.BuildTimestamp;
import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.oci.ImageManifest;
import dev.scafctl.catalog.plugin.PluginCache;
import dev.scafctl.catalog.plugin.PluginInstaller;
import dev.scafctl.catalog.remote.TransferListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A goal reads {@code solution.yaml} once: every step after {@link SolutionDocument#read} works from the document.
 * Proved by breaking the file right after the read: a step that read it again would fail on the broken YAML.
 */
class SolutionReadOnceTest {

    private static final String SOLUTION = "apiVersion: scafctl.io/v1\nkind: Solution\nmetadata:\n  name: once\n"
            + "  version: 1.0.0\nbundel:\n  plugins: []\nspec:\n  resolvers:\n    cfg:\n      resolve:\n        with:\n"
            + "          - provider: file\n            inputs: {path: config.txt}\n";

    @TempDir
    Path work;

    @Test
    void buildSolutionsStepsAndTheLockGuardNeverReadTheFileAgain() throws Exception {
        Path file = Files.writeString(work.resolve("solution.yaml"), SOLUTION);
        Files.writeString(work.resolve("config.txt"), "x");
        LocalCatalog catalog = LocalCatalog.open(work.resolve("catalog"));
        PluginInstaller installer = new PluginInstaller(catalog, List.of(), r -> { throw new AssertionError("no registry"); },
                new PluginCache(work.resolve("cache")), TransferListener.NONE, line -> { });

        SolutionDocument document = SolutionDocument.read(file);
        Files.writeString(file, "metadata: [broken\n");
        assertThrows(InvalidInputException.class, () -> SolutionDocument.read(file), "the file is broken now");

        SolutionBuild.Prepared prepared = SolutionBuild.prepare(document, catalog);
        assertEquals(List.of("config.txt"), prepared.files().stream().map(BundleFile::path).toList());
        assertEquals(1, document.nearMisses().size(), "bundel is warned about: " + document.nearMisses());
        BuiltSolution built = new SolutionImageBuilder(catalog).build(new SolutionImageBuilder.Request(document, null,
                BuildTimestamp.EPOCH, false, 1 << 20, List.of()), prepared.files(), prepared.vendored(),
                prepared.composed(), prepared.plugins());
        ImageManifest manifest = ImageManifest.parse(catalog.readBlob(built.manifest().digest()), "manifest");
        assertArrayEquals(SOLUTION.getBytes(StandardCharsets.UTF_8), catalog.readBlob(manifest.layers().get(0).digest()),
                "layer 0 holds the bytes read, not the file as it is now");
        LockGuard.Outcome outcome = LockGuard.apply(document, installer, Platform.parseSupported("linux/amd64"), false, false);
        assertTrue(outcome.lock().plugins().isEmpty());
    }

    @Test
    void thePluginGoalsReadTheFileOnceToo() throws Exception {
        Path file = Files.writeString(work.resolve("solution.yaml"), "metadata:\n  name: once\nbundle:\n  plugins:\n"
                + "    - {name: echo, kind: provider, version: ^1}\n");
        SolutionDocument document = SolutionDocument.readPlugins(file);
        Files.delete(file);
        assertEquals("provider/echo@^1", document.plugins().get(0).kind() + "/" + document.plugins().get(0).name() + "@"
                + document.plugins().get(0).constraint());
        assertEquals(List.of(), document.nearMisses());
    }
}
