package dev.scafctl.catalog.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.local.CatalogEntry;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.oci.Descriptor;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.oci.ImageIndex;
import dev.scafctl.catalog.oci.ImageManifest;
import dev.scafctl.catalog.oci.MediaTypes;
import dev.scafctl.catalog.plugin.BuiltPlugin;
import dev.scafctl.catalog.testing.SharedRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds, pulls and prunes in separate processes on one catalog: whatever the grace, a tag never names content that is
 * not all there, because the tag step checks it under the catalog lock and prune keeps what a write in progress is
 * about to tag.
 */
class ConcurrentPruneTest {

    @RegisterExtension
    static final SharedRegistry shared = new SharedRegistry();

    @TempDir
    static Path seed;

    @TempDir
    Path work;

    private static final List<String> PULLED = List.of("pulled-a", "pulled-b");

    @BeforeAll
    static void publish() {
        LocalCatalog local = LocalCatalog.open(seed.resolve("catalog"));
        for (String name : PULLED) {
            BuiltPlugin built = RemoteFixtures.build(local, seed, name, "1.0.0", dev.scafctl.catalog.artifact.Platform.SUPPORTED, "");
            RemoteFixtures.pusher(local, RemoteFixtures.anonymous(), new BlobLocations())
                    .push(built.reference(), RemoteFixtures.plain(shared.registry().hostPort()), new CatalogPusher.Options(false));
        }
    }

    @Test
    void fourBuildsTwoPullsAndAPruneWithoutGraceLeaveEveryTaggedArtifactComplete() throws Exception {
        for (int round = 0; round < 5; round++) {
            Path catalogDir = work.resolve("round-" + round);
            LocalCatalog.open(catalogDir);
            List<Process> writers = new ArrayList<>();
            for (int b = 0; b < 4; b++) {
                writers.add(start("build", catalogDir.toString(), work.resolve("bin-" + round).toString(), "built-" + b, "4"));
            }
            for (String name : PULLED) {
                writers.add(start("pull", catalogDir.toString(), url(name), "provider/" + name + ":1.0.0", "3"));
            }
            Path stop = work.resolve("stop-" + round);
            Process prune = start("prune", catalogDir.toString(), "0", stop.toString());

            List<Integer> exits = new ArrayList<>();
            for (Process writer : writers) {
                exits.add(writer.waitFor());
            }
            Files.createFile(stop);
            assertEquals(0, prune.waitFor(), "round " + round + ": " + errors(prune));
            for (int w = 0; w < writers.size(); w++) {
                assertEquals(0, exits.get(w), "round " + round + ": " + errors(writers.get(w)));
            }
            LocalCatalog catalog = LocalCatalog.open(catalogDir);
            assertEquals(Set.of("provider/built-0:1.0.3", "provider/built-1:1.0.3", "provider/built-2:1.0.3",
                    "provider/built-3:1.0.3", "provider/pulled-a:1.0.0", "provider/pulled-b:1.0.0"),
                    catalog.entries().stream().map(CatalogEntry::refName).collect(Collectors.toSet()), "round " + round);
            assertEveryTaggedArtifactComplete(catalog, "round " + round);
        }
    }

    @Test
    void aPullRacingAPlainPruneOverBlobsItReusesLeavesItsArtifactCompleteOrFails() throws Exception {
        for (int round = 0; round < 3; round++) {
            Path catalogDir = work.resolve("round-" + round);
            LocalCatalog catalog = LocalCatalog.open(catalogDir);
            // blobs from an earlier pull, untagged since, and older than the default grace of 10 minutes
            RemoteFixtures.puller(catalog, RemoteFixtures.anonymous()).pull(RemoteReference.parse(url("pulled-a"), false, null), false);
            catalog.untag("provider/pulled-a:1.0.0");
            try (Stream<Path> blobs = Files.list(catalogDir.resolve("blobs/sha256"))) {
                for (Path blob : blobs.toList()) {
                    Files.setLastModifiedTime(blob, FileTime.from(Instant.now().minusSeconds(3600)));
                }
            }

            Process pull = start("pull", catalogDir.toString(), url("pulled-a"), "provider/pulled-a:1.0.0", "4");
            Path stop = work.resolve("stop-" + round);
            Process prune = start("prune", catalogDir.toString(), "600", stop.toString());

            int pulled = pull.waitFor();
            Files.createFile(stop);
            assertEquals(0, prune.waitFor(), errors(prune));
            if (pulled == 0) {
                assertEquals(List.of("provider/pulled-a:1.0.0"), LocalCatalog.open(catalogDir).entries().stream()
                        .map(CatalogEntry::refName).toList());
            }
            assertEveryTaggedArtifactComplete(LocalCatalog.open(catalogDir), "round " + round);
            assertEquals(0, pulled, "with the blobs held until the tag, the pull does not even fail: " + errors(pull));
        }
    }

    /** Every blob each entry reaches is stored and hashes to its digest. */
    static void assertEveryTaggedArtifactComplete(LocalCatalog catalog, String context) throws IOException {
        Set<String> problems = new TreeSet<>();
        for (CatalogEntry entry : catalog.entries()) {
            check(catalog, entry.refName(), entry.descriptor(), problems);
        }
        assertTrue(problems.isEmpty(), context + ": " + problems);
    }

    private static void check(LocalCatalog catalog, String refName, Descriptor descriptor, Set<String> problems)
            throws IOException {
        Path file = catalog.blobPath(descriptor.digest());
        if (!Files.isRegularFile(file)) {
            problems.add(refName + " > " + descriptor.mediaType() + " " + descriptor.digest() + " missing");
            return;
        }
        if (!Digest.of(file).equals(descriptor.digest())) {
            problems.add(refName + " > " + descriptor.digest() + " damaged");
            return;
        }
        if (MediaTypes.IMAGE_INDEX.equals(descriptor.mediaType())) {
            for (Descriptor child : ImageIndex.parse(Files.readAllBytes(file), refName).manifests()) {
                check(catalog, refName, child, problems);
            }
        } else if (MediaTypes.IMAGE_MANIFEST.equals(descriptor.mediaType())) {
            ImageManifest manifest = ImageManifest.parse(Files.readAllBytes(file), refName);
            check(catalog, refName, manifest.config(), problems);
            for (Descriptor layer : manifest.layers()) {
                check(catalog, refName, layer, problems);
            }
        }
    }

    private static String url(String name) {
        return "http://" + shared.registry().hostPort() + "/scafctl/providers/" + name + "@1.0.0";
    }

    private static final java.util.Map<Process, Path> LOGS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                CatalogRaceProcess.class.getName()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(seed, "race-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LOGS.put(process, log);
        return process;
    }

    private static String errors(Process process) {
        try {
            String output = Files.readString(LOGS.get(process), StandardCharsets.UTF_8);
            return output.length() > 3000 ? output.substring(0, 3000) : output;
        } catch (IOException e) {
            return e.toString();
        }
    }
}
