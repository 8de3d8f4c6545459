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
import dev.scafctl.catalog.testing.ExternalCommand;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A catalog and a plugin cache that this build may not write (a shared one on a CI image), in the two ways that
 * happens: on a read-only mount (each goal runs in a process of its own mount namespace, {@code unshare -m}, where
 * the two folders are bind-mounted read-only, which stops root too) and as a user without write permission
 * ({@code chmod -R a-w}, the goal run as {@code nobody} through {@code setpriv}, with a world-readable copy of the
 * class path). The goals that only read work and leave no trace; a goal that writes fails naming the folder.
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

    /** How the folders are kept from being written. */
    enum Guard { READ_ONLY_MOUNT, NO_WRITE_PERMISSION }

    private Run run(Guard guard, String... args) throws Exception {
        return guard == Guard.READ_ONLY_MOUNT ? readOnly(args) : asNobody(args);
    }

    /** Runs a goal as {@code nobody}, with the catalog and the cache readable but not writable by anyone. */
    private Run asNobody(String... args) throws Exception {
        chmod("-R", "a+rX", work.toString());
        chmod("-R", "a-w", catalog.toString(), cache.toString());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                java, "-cp", worldReadableClasspath(), ReadOnlyProcess.class.getName()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Run(process.waitFor(), output);
        } finally {
            chmod("-R", "u+w", catalog.toString(), cache.toString());
        }
    }

    /** A copy of this JVM's class path inside {@code work}: the originals live below root's home. */
    private String worldReadableClasspath() throws IOException {
        Path classpath = work.resolve("classpath");
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path source = Path.of(entry);
            Path copy = classpath.resolve(entries.size() + "-" + source.getFileName());
            if (!Files.exists(copy) && Files.isDirectory(source)) {
                try (Stream<Path> tree = Files.walk(source)) {
                    for (Path file : tree.toList()) {
                        Path target = copy.resolve(source.relativize(file).toString());
                        if (Files.isDirectory(file)) {
                            Files.createDirectories(target);
                        } else {
                            Files.copy(file, target);
                        }
                    }
                }
            } else if (!Files.exists(copy) && Files.exists(source)) {
                Files.createDirectories(classpath);
                Files.copy(source, copy);
            }
            entries.add(copy.toString());
        }
        chmod("-R", "a+rX", classpath.toString());
        return String.join(File.pathSeparator, entries);
    }

    private static void chmod(String... args) {
        List<String> command = new ArrayList<>(List.of("chmod"));
        command.addAll(List.of(args));
        ExternalCommand.Result result = ExternalCommand.run(command, Duration.ofSeconds(30));
        assertEquals(0, result.exitCode(), result.stderr());
    }

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

    @ParameterizedTest
    @EnumSource(Guard.class)
    void aGoalThatWritesFailsNamingTheFolderAndWhy(Guard guard) throws Exception {
        Path binaries = Files.createDirectories(work.resolve("bin2")); // where the build's process writes its binaries
        Files.setPosixFilePermissions(binaries, PosixFilePermissions.fromString("rwxrwxrwx"));
        Run build = run(guard, "build", catalog.toString(), binaries.toString(), "written");
        assertEquals(1, build.exit(), build.output());
        String why = guard == Guard.READ_ONLY_MOUNT ? "read-only file system" : "permission denied";
        assertTrue(build.output().contains(catalog.toString()) && build.output().contains(why), build.output());
        assertTrue(!build.output().contains("Exception"), "a message, not an exception text: " + build.output());
    }

    @ParameterizedTest
    @EnumSource(Guard.class)
    void listInspectSaveAndInstallWorkOnACatalogAndCacheThatMayNotBeWritten(Guard guard) throws Exception {
        List<String> before = files();
        Path out = Files.createDirectories(work.resolve("out"));
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path tar = out.resolve("saved.tar");

        Run list = run(guard, "list", catalog.toString());
        Run inspect = run(guard, "inspect", catalog.toString(), "shared@1.0.0");
        Run save = run(guard, "save", catalog.toString(), "shared@1.0.0", tar.toString());
        Run warm = run(guard, "install", catalog.toString(), cache.toString(), "shared");

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
