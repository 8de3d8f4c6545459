package dev.scafctl.catalog.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.CatalogException;
import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.oci.CanonicalJson;
import dev.scafctl.catalog.oci.JsonValue;
import dev.scafctl.catalog.oci.Descriptor;
import dev.scafctl.catalog.oci.Digest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCatalogTest {

    @TempDir
    Path dir;

    @Test
    void createsAnOciImageLayout() throws Exception {
        LocalCatalog.open(dir);
        assertEquals("{\"imageLayoutVersion\":\"1.0.0\"}", Files.readString(dir.resolve("oci-layout")));
        JsonValue index = CanonicalJson.read(Files.readAllBytes(dir.resolve("index.json")), "index.json");
        assertEquals(2L, index.path("schemaVersion").asLong());
        assertFalse(index.path("manifests").iterator().hasNext());
        assertTrue(Files.isDirectory(dir.resolve("blobs/sha256")));
    }

    @Test
    void storesBlobsUnderTheirDigestOnce() throws Exception {
        LocalCatalog catalog = LocalCatalog.open(dir);
        byte[] content = "binary".getBytes(StandardCharsets.UTF_8);
        Descriptor first = catalog.putBlob("application/octet-stream", content);
        Descriptor second = catalog.putBlob("application/octet-stream", new java.io.ByteArrayInputStream(content), "test");
        assertEquals(first.digest(), second.digest());
        assertEquals(Digest.of(content), first.digest());
        assertEquals(6, second.size());
        assertArrayEquals(content, Files.readAllBytes(catalog.blobPath(first.digest())));
        assertEquals(1, blobs().size());
        assertEquals(List.of(), temporaryFiles(), "no temporary file is left behind");
    }

    @Test
    void tagReplacesAnEntryInPlaceAndKeepsForeignEntries() throws Exception {
        LocalCatalog catalog = LocalCatalog.open(dir);
        Descriptor a = catalog.putBlob("application/octet-stream", new byte[] {1});
        Descriptor b = catalog.putBlob("application/octet-stream", new byte[] {2});
        // An untagged entry with a field we do not model, as another tool may leave it.
        Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"x\","
                + "\"digest\":\"" + a.digest() + "\",\"size\":1,\"urls\":[\"u\"]}]}");
        catalog.tag("provider/p:1.0.0", a);
        catalog.tag("provider/q:1.0.0", a);
        catalog.tag("provider/p:1.0.0", b);

        assertEquals(List.of("provider/p:1.0.0", "provider/q:1.0.0"),
                catalog.entries().stream().map(CatalogEntry::refName).toList());
        assertEquals(b.digest(), catalog.resolve("provider/p:1.0.0").orElseThrow().digest());
        JsonValue index = CanonicalJson.read(Files.readAllBytes(dir.resolve("index.json")), "index.json");
        assertEquals("u", index.path("manifests").iterator().next().path("urls").iterator().next().asString());
    }

    @Test
    void refusesToTagABlobItDoesNotHave() {
        LocalCatalog catalog = LocalCatalog.open(dir);
        Descriptor missing = Descriptor.of("x", Digest.of(new byte[] {9}), 1);
        CatalogException e = assertThrows(CatalogException.class, () -> catalog.tag("provider/p:1.0.0", missing));
        assertTrue(e.getMessage().contains("is not stored"), e.getMessage());
    }

    @Test
    void readBlobDetectsDamagedContent() throws Exception {
        LocalCatalog catalog = LocalCatalog.open(dir);
        Descriptor blob = catalog.putBlob("application/json", "{}".getBytes(StandardCharsets.UTF_8));
        Files.writeString(catalog.blobPath(blob.digest()), "{ }");
        CatalogException e = assertThrows(CatalogException.class, () -> catalog.readBlob(blob.digest()));
        assertTrue(e.getMessage().contains("is damaged"), e.getMessage());
    }

    @Test
    void refusesAFileAsCatalogFolderAndAForeignLayoutVersion() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThrows(InvalidInputException.class, () -> LocalCatalog.open(file));
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        Files.writeString(other.resolve("oci-layout"), "{\"imageLayoutVersion\":\"2.0.0\"}");
        CatalogException e = assertThrows(CatalogException.class, () -> LocalCatalog.open(other));
        assertTrue(e.getMessage().contains("2.0.0"), e.getMessage());
    }

    @Test
    void threadsTaggingAtOnceLoseNoEntry() throws Exception {
        LocalCatalog catalog = LocalCatalog.open(dir);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 20; i++) {
                        Descriptor blob = catalog.putBlob("application/octet-stream", new byte[] {(byte) thread, (byte) i});
                        catalog.tag("provider/t" + thread + ":" + i + ".0.0", blob);
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get(1, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(160, catalog.entries().size());
    }

    @Test
    void processesTaggingAtOnceLoseNoEntry() throws Exception {
        List<Process> processes = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            processes.add(javaProcess("tag", dir.toString(), "p" + p, "15").start());
        }
        for (Process process : processes) {
            assertTrue(process.waitFor(2, TimeUnit.MINUTES), "writer finished");
            assertEquals(0, process.exitValue(), new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        Set<String> refs = LocalCatalog.open(dir).entries().stream().map(CatalogEntry::refName).collect(Collectors.toSet());
        assertEquals(60, refs.size());
        assertTrue(refs.contains("provider/p3:14.0.0"));
    }

    @Test
    void aProcessKilledWhileWritingABlobLeavesNoBlobAndAValidIndex() throws Exception {
        LocalCatalog catalog = LocalCatalog.open(dir);
        catalog.tag("provider/kept:1.0.0", catalog.putBlob("application/octet-stream", new byte[] {1}));
        Set<Path> blobsBefore = Set.copyOf(blobs());

        Process writer = javaProcess("stall", dir.toString()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("stalled", out.readLine(), "the writer reached the middle of its blob");
            writer.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
            assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
        }

        assertEquals(blobsBefore, Set.copyOf(blobs()), "no blob appears at a final path");
        LocalCatalog reopened = LocalCatalog.open(dir);
        assertEquals(List.of("provider/kept:1.0.0"), reopened.entries().stream().map(CatalogEntry::refName).toList());
        Descriptor after = reopened.putBlob("application/octet-stream", new byte[1 << 20]);
        reopened.tag("provider/after:1.0.0", after);
        assertEquals(2, reopened.entries().size());
    }

    private List<Path> blobs() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("blobs/sha256"))) {
            return files.sorted().toList();
        }
    }

    private List<Path> temporaryFiles() throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    static ProcessBuilder javaProcess(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CatalogWriterProcess.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE);
    }
}
