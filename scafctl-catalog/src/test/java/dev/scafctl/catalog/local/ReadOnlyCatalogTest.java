package dev.scafctl.catalog.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactName;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.artifact.PluginRequirement;
import dev.scafctl.catalog.artifact.VersionConstraint;
import dev.scafctl.catalog.plugin.PluginCache;
import dev.scafctl.catalog.plugin.PluginFixtures;
import dev.scafctl.catalog.plugin.PluginImageBuilder;
import dev.scafctl.catalog.plugin.PluginInstaller;
import dev.scafctl.catalog.remote.TransferListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A catalog and a plugin cache on a read-only mount (a shared one on a CI image): each goal runs in a process of its
 * own mount namespace ({@code unshare -m}) where the two folders are bind-mounted read-only, which stops root too,
 * unlike {@code chmod}. The goals that only read work and leave no trace; a goal that writes fails naming the folder.
 */
class ReadOnlyCatalogTest {

    @TempDir
    Path work;

    private Path catalog;
    private Path cache;

    @BeforeEach
    void fill() {
        catalog = work.resolve("catalog");
        cache = work.resolve("cache");
        LocalCatalog local = LocalCatalog.open(catalog);
        new PluginImageBuilder(local).build(PluginFixtures.provider("shared", "1.0.0",
                PluginFixtures.binaries(work.resolve("bin"), "shared", Platform.SUPPORTED.subList(0, 2)), work));
        new PluginImageBuilder(local).build(PluginFixtures.provider("cold", "1.0.0",
                PluginFixtures.binaries(work.resolve("bin"), "cold", Platform.SUPPORTED.subList(0, 1)), work));
        // warm for "shared"
        new PluginInstaller(local, List.of(), r -> null, new PluginCache(cache), TransferListener.NONE, line -> { })
                .install(List.of(new PluginRequirement(ArtifactName.of("shared"), ArtifactKind.PROVIDER,
                        VersionConstraint.parse("^1"))), Optional.empty(), new PluginInstaller.Options(Platform.SUPPORTED.get(0), false, 1));
    }

    private record Run(int exit, String output) {}

    private Run readOnly(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        StringBuilder script = new StringBuilder();
        for (Path folder : List.of(catalog, cache)) {
            script.append("mount --bind '").append(folder).append("' '").append(folder).append("' && mount -o remount,bind,ro '")
                    .append(folder).append("' '").append(folder).append("' && ");
        }
        script.append("exec \"$@\"");
        List<String> command = new ArrayList<>(List.of("unshare", "-m", "--propagation", "private", "sh", "-c",
                script.toString(), "sh", java, "-cp", System.getProperty("java.class.path"), ReadOnlyProcess.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), output);
    }

    private List<String> files() throws Exception {
        try (Stream<Path> all = Stream.concat(Files.walk(catalog), Files.walk(cache))) {
            return all.map(Path::toString).sorted().toList();
        }
    }

    @Test
    void theMountIsReallyReadOnlyEvenForRoot() throws Exception {
        Run build = readOnly("build", catalog.toString(), work.resolve("bin2").toString(), "written");
        assertEquals(1, build.exit(), build.output());
        assertTrue(build.output().contains(catalog.toString()) && build.output().contains("read-only file system"),
                build.output());
        assertTrue(!build.output().contains("Exception"), "a message, not an exception text: " + build.output());
    }

    @Test
    void listInspectSaveAndInstallWorkOnAReadOnlyCatalogAndCache() throws Exception {
        List<String> before = files();
        Path tar = work.resolve("saved.tar");

        Run list = readOnly("list", catalog.toString());
        Run inspect = readOnly("inspect", catalog.toString(), "shared@1.0.0");
        Run save = readOnly("save", catalog.toString(), "shared@1.0.0", tar.toString());
        Run warm = readOnly("install", catalog.toString(), cache.toString(), "shared");

        assertEquals(0, list.exit(), list.output());
        assertTrue(list.output().contains("shared"), list.output());
        assertEquals(0, inspect.exit(), inspect.output());
        assertEquals(0, save.exit(), save.output());
        assertTrue(Files.size(tar) > 0);
        assertEquals(0, warm.exit(), "a warm install from a read-only cache: " + warm.output());
        assertEquals(before, files(), "nothing written, not even a lock file");
    }

    @Test
    void installingFromAReadOnlyCatalogIntoAWritableCacheWorks() throws Exception {
        Path writable = work.resolve("own-cache");
        Run cold = readOnly("install", catalog.toString(), writable.toString(), "cold");
        assertEquals(0, cold.exit(), cold.output());
        try (Stream<Path> installed = Files.walk(writable)) {
            assertTrue(installed.anyMatch(f -> f.getFileName().toString().startsWith("cold")), "installed into " + writable);
        }
    }
}
