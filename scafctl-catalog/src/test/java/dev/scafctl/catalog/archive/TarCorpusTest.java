package dev.scafctl.catalog.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.plugin.BuiltPlugin;
import dev.scafctl.catalog.plugin.PluginFixtures;
import dev.scafctl.catalog.plugin.PluginImageBuilder;
import dev.scafctl.catalog.testing.ExternalCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link TarReader} on real tars: the same folder written by GNU tar, bsdtar, Python's tarfile and Go's archive/tar in
 * each of their formats, read back name for name and byte for byte; and a saved archive re-packed by GNU tar in its
 * own format loads.
 */
class TarCorpusTest {

    @TempDir
    Path work;

    static Stream<Arguments> writers() {
        return Stream.of(
                Arguments.of("gnu-tar", "gnu"), Arguments.of("gnu-tar", "oldgnu"), Arguments.of("gnu-tar", "posix"),
                Arguments.of("gnu-tar", "ustar"),
                Arguments.of("bsdtar", "gnutar"), Arguments.of("bsdtar", "pax"), Arguments.of("bsdtar", "ustar"),
                Arguments.of("python", "gnu"), Arguments.of("python", "pax"), Arguments.of("python", "ustar"),
                Arguments.of("go", "gnu"), Arguments.of("go", "pax"), Arguments.of("go", "ustar"));
    }

    /** Files that exercise the formats: a long path (ustar prefix), a long name (GNU L, PAX path), UTF-8, empty. */
    private SortedMap<String, byte[]> corpus(Path dir, boolean ustar) throws IOException {
        SortedMap<String, byte[]> files = new TreeMap<>();
        Random random = new Random(22);
        byte[] blob = new byte[3000];
        random.nextBytes(blob);
        files.put("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        files.put("blobs/sha256/" + "ab".repeat(32), blob);
        files.put("deep/" + "d".repeat(60) + "/" + "e".repeat(60) + "/a-file-whose-path-is-longer-than-100.txt",
                "deep".getBytes(StandardCharsets.UTF_8));
        files.put("empty", new byte[0]);
        if (!ustar) {
            files.put("long/" + "n".repeat(120), "a name past 100 bytes".getBytes(StandardCharsets.UTF_8));
            files.put("\u00fcn\u00efcode.txt", "utf-8 name".getBytes(StandardCharsets.UTF_8));
        }
        for (var file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.write(path, file.getValue());
        }
        return files;
    }

    private static List<String> tops(SortedMap<String, byte[]> files) {
        return files.keySet().stream().map(name -> name.split("/")[0]).distinct().toList();
    }

    @ParameterizedTest(name = "{0} --format={1}")
    @MethodSource("writers")
    void readsWhatRealToolsWrite(String tool, String format) throws Exception {
        Path source = work.resolve("source");
        SortedMap<String, byte[]> expected = corpus(source, format.equals("ustar"));
        Path tar = work.resolve(tool + "-" + format + ".tar");
        List<String> command = new ArrayList<>();
        switch (tool) {
            case "gnu-tar" -> command.addAll(List.of(ExternalCommand.require("tar", "tar").toString(), "--format=" + format,
                    "-cf", tar.toString(), "-C", source.toString()));
            case "bsdtar" -> command.addAll(List.of(ExternalCommand.require("bsdtar", "libarchive-tools").toString(),
                    "--format", format, "-cf", tar.toString(), "-C", source.toString()));
            case "python" -> command.addAll(List.of(ExternalCommand.require("python3", "python3").toString(),
                    resource("pytar.py").toString(), format, tar.toString(), source.toString()));
            case "go" -> command.addAll(List.of(ExternalCommand.require("go", "golang-go").toString(), "run",
                    resource("gotar.go").toString(), format, tar.toString(), source.toString()));
            default -> throw new IllegalArgumentException(tool);
        }
        command.addAll(tops(expected));
        run(command);

        SortedMap<String, byte[]> read = new TreeMap<>();
        try (InputStream in = Files.newInputStream(tar)) {
            TarReader reader = new TarReader(in, tar.toString());
            for (var entry = reader.next(); entry.isPresent(); entry = reader.next()) {
                if (entry.get().isFile()) {
                    read.put(entry.get().name().replaceFirst("^\\./", ""), reader.content().readAllBytes());
                }
            }
        }
        assertEquals(expected.keySet(), read.keySet());
        for (String name : expected.keySet()) {
            assertEquals(new String(expected.get(name), StandardCharsets.ISO_8859_1),
                    new String(read.get(name), StandardCharsets.ISO_8859_1), name);
        }
    }

    @Test
    void aSavedArchiveRepackedByGnuTarInItsOwnFormatLoads() throws Exception {
        LocalCatalog source = LocalCatalog.open(work.resolve("source"));
        BuiltPlugin built = new PluginImageBuilder(source).build(PluginFixtures.provider("repacked", "1.0.0",
                PluginFixtures.binaries(work.resolve("dist"), "repacked", Platform.SUPPORTED.subList(0, 2)), work));
        Path saved = work.resolve("saved.tar");
        new ArtifactArchive(source).save(List.of(built.reference()), Set.of(), saved);
        Path unpacked = Files.createDirectories(work.resolve("unpacked"));
        String tar = ExternalCommand.require("tar", "tar").toString();
        run(List.of(tar, "-xf", saved.toString(), "-C", unpacked.toString()));
        Path gnu = work.resolve("gnu.tar");
        // --format=gnu with atime/ctime recorded: the bytes POSIX calls the name prefix
        run(List.of(tar, "--format=gnu", "--atime-preserve=system", "--incremental", "-cf", gnu.toString(), "-C",
                unpacked.toString(), "oci-layout", "index.json", "blobs"));

        LocalCatalog target = LocalCatalog.open(work.resolve("target"));
        ArtifactArchive.Summary loaded = new ArtifactArchive(target).load(gnu, false);

        assertEquals(List.of("provider/repacked:1.0.0"), loaded.refNames());
        assertEquals(built.index().digest(), target.resolve("provider/repacked:1.0.0").orElseThrow().digest());
    }

    private Path resource(String name) {
        try (InputStream in = getClass().getResourceAsStream("/tar-corpus/" + name)) {
            Path file = work.resolve(name);
            Files.write(file, in.readAllBytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void run(List<String> command) {
        List<String> withEnv = new ArrayList<>(List.of("env", "GO111MODULE=off", "GOCACHE=" + work.resolve("gocache"),
                "GOPATH=" + work.resolve("gopath")));
        withEnv.addAll(command);
        ExternalCommand.run(withEnv, Duration.ofMinutes(3)).requireSuccess(withEnv);
    }
}
