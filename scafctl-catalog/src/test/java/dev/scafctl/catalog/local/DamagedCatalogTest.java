package dev.scafctl.catalog.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.CatalogException;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.plugin.BuiltPlugin;
import dev.scafctl.catalog.plugin.PluginFixtures;
import dev.scafctl.catalog.plugin.PluginImageBuilder;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged or unusual catalog is never taken for an empty one, and prune never deletes what it cannot account for. */
class DamagedCatalogTest {

    @TempDir
    Path work;

    private LocalCatalog built(Path dir) {
        LocalCatalog catalog = LocalCatalog.open(dir);
        new PluginImageBuilder(catalog).build(PluginFixtures.provider("kept", "1.0.0",
                PluginFixtures.binaries(work.resolve("bin"), "kept", Platform.SUPPORTED.subList(0, 2)), work));
        return catalog;
    }

    private static List<Path> blobs(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("blobs/sha256"))) {
            return files.sorted().toList();
        }
    }

    @Test
    void aTruncatedIndexJsonIsNeverPruned() throws Exception {
        Path dir = work.resolve("catalog");
        LocalCatalog catalog = built(dir);
        List<Path> before = blobs(dir);
        String index = Files.readString(dir.resolve("index.json"));
        Files.writeString(dir.resolve("index.json"), index.substring(0, index.length() / 2));

        CatalogException e = assertThrows(CatalogException.class, () -> catalog.prune(Duration.ZERO));

        assertTrue(e.getMessage().contains("index.json"), e.getMessage());
        assertEquals(before, blobs(dir));
    }

    @Test
    void anIndexBlobThatIsMissingStopsPruneNamingTheEntry() throws Exception {
        Path dir = work.resolve("catalog");
        LocalCatalog catalog = built(dir);
        Digest root = catalog.resolve("provider/kept:1.0.0").orElseThrow().digest();
        Files.delete(catalog.blobPath(root));
        List<Path> before = blobs(dir);

        CatalogException e = assertThrows(CatalogException.class, () -> catalog.prune(Duration.ZERO));

        assertTrue(e.getMessage().startsWith("not pruning catalog " + dir.toAbsolutePath()), e.getMessage());
        assertTrue(e.getMessage().contains("provider/kept:1.0.0") && e.getMessage().contains("missing blob " + root),
                e.getMessage());
        assertEquals(before, blobs(dir), "nothing deleted");
    }

    @Test
    void aCatalogWithBlobsButNoIndexJsonIsAnErrorNotAnEmptyCatalog() throws Exception {
        Path dir = work.resolve("catalog");
        built(dir);
        Files.delete(dir.resolve("index.json"));
        List<Path> before = blobs(dir);

        CatalogException e = assertThrows(CatalogException.class, () -> LocalCatalog.open(dir));

        assertTrue(e.getMessage().contains("catalog folder " + dir.toAbsolutePath() + " holds blobs but no index.json"),
                e.getMessage());
        assertFalse(Files.exists(dir.resolve("index.json")), "not recreated empty");
        assertEquals(before, blobs(dir));
    }

    @Test
    void strayTemporaryFilesInTheBlobFolderAreSkippedAndStaleOnesRemoved() throws Exception {
        Path dir = work.resolve("catalog");
        LocalCatalog catalog = built(dir);
        Path fresh = Files.writeString(dir.resolve("blobs/sha256/.deadbeef.tmp"), "half");
        Path stale = Files.writeString(dir.resolve("blobs/sha256/.0ddba11.tmp"), "left by a crash");
        // left by an earlier run (a blob this process writes stays until it is tagged or the process ends)
        Path old = Files.write(dir.resolve("blobs/sha256").resolve(Digest.of("unreferenced".getBytes()).hex()),
                "unreferenced".getBytes());
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minusSeconds(7200)));
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(7200)));

        LocalCatalog.Pruned pruned = catalog.prune(Duration.ofMinutes(10));

        assertEquals(1, pruned.blobs(), "the old unreferenced blob, after the stray files");
        assertFalse(Files.exists(old));
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(fresh), "may be a write in progress");
        assertTrue(Files.isRegularFile(catalog.blobPath(catalog.resolve("provider/kept:1.0.0").orElseThrow().digest())));
    }

    @Test
    void catalogFilesAreWrittenWithTheUmaskPermissions() throws Exception {
        Path dir = work.resolve("catalog");
        LocalCatalog catalog = built(dir);
        Set<PosixFilePermission> umask = Files.getPosixFilePermissions(Files.createFile(work.resolve("plain")));
        assertTrue(umask.contains(PosixFilePermission.OTHERS_READ), "the test runs with umask 022: " + umask);

        assertEquals(umask, Files.getPosixFilePermissions(dir.resolve("index.json")));
        assertEquals(umask, Files.getPosixFilePermissions(dir.resolve("oci-layout")));
        for (Path blob : blobs(dir)) {
            assertEquals(umask, Files.getPosixFilePermissions(blob), blob.toString());
        }
        assertEquals(umask, Files.getPosixFilePermissions(catalog.blobPath(
                catalog.putBlob("application/octet-stream", "small".getBytes()).digest())));
    }

    @Test
    void aLockHeldThroughAnotherClassLoaderIsWaitedFor() throws Exception {
        Path lockFile = work.resolve("shared.lock");
        URL classes = FolderLock.class.getProtectionDomain().getCodeSource().getLocation();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (URLClassLoader otherRealm = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            Class<?> otherLock = otherRealm.loadClass(FolderLock.class.getName());
            assertFalse(otherLock == FolderLock.class, "a second copy of the class, as in another Maven realm");
            Object foreign = otherLock.getConstructor(Path.class).newInstance(lockFile);
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch letGo = new CountDownLatch(1);
            AtomicBoolean firstDone = new AtomicBoolean();
            Future<?> first = threads.submit(() -> new FolderLock(lockFile).around(() -> {
                held.countDown();
                await(letGo);
                firstDone.set(true);
                return null;
            }));
            held.await();
            java.util.concurrent.atomic.AtomicReference<Thread> waiter = new java.util.concurrent.atomic.AtomicReference<>();
            Future<Object> second = threads.submit(() -> {
                waiter.set(Thread.currentThread());
                return otherLock.getMethod("around", Supplier.class)
                        .invoke(foreign, (Supplier<Object>) () -> firstDone.get() ? "after" : "during");
            });
            // until the other realm is waiting for the file lock (or has given up)
            while (!second.isDone() && !(waiter.get() != null && Stream.of(waiter.get().getStackTrace())
                    .anyMatch(frame -> frame.getMethodName().equals("sleep")))) {
                Thread.onSpinWait();
            }
            letGo.countDown();
            first.get(30, TimeUnit.SECONDS);
            assertEquals("after", second.get(30, TimeUnit.SECONDS), "the other realm waited instead of failing");
        } finally {
            threads.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
