package dev.scafctl.catalog.local;

import dev.scafctl.catalog.CatalogException;
import dev.scafctl.catalog.oci.Digest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The blobs one catalog object has stored or found and is about to tag, shown to {@link LocalCatalog#prune} in every
 * thread and process: between storing a blob and tagging what references it, nothing in {@code index.json} reaches
 * the blob, so without this a prune (whatever its grace) could delete it and the tag would name missing content.
 *
 * <p>The digests live in {@code .tmp/<pid>-<random>.pins}, rewritten under the catalog lock, and the file is locked
 * by its writer for as long as it is in use, so a prune tells a live writer from a crashed one: a file it can lock
 * belongs to a process that is gone, and is deleted with the temporary files named after it. The writer's own
 * temporary files carry the same name, so prune leaves them alone while their writer lives. Files of this very
 * process are never opened by prune: closing any channel on a file releases the process's lock on it.
 */
final class InFlight {

    static final String SUFFIX = ".pins";
    private static final String PID = Long.toString(ProcessHandle.current().pid());

    private final Path folder;
    private final Set<Digest> pinned = new LinkedHashSet<>();
    private String id;
    private FileChannel channel;
    private FileLock lock;
    private int writing;

    InFlight(Path folder) {
        this.folder = folder;
    }

    /**
     * Starts a write whose temporary files carry the returned prefix; {@link #end} finishes it. The caller holds the
     * catalog lock: the pins file exists unlocked for a moment after it is created.
     */
    synchronized String begin() {
        open();
        writing++;
        return id + ".";
    }

    synchronized void end() {
        writing--;
        closeIfIdle();
    }

    /** Records that a tag will rely on {@code digest}; the caller holds the catalog lock. */
    synchronized void pin(Digest digest) {
        open();
        if (pinned.add(digest)) {
            save();
        }
    }

    /** Forgets pins that a tag now covers (or that a failed write no longer needs); the caller holds the catalog lock. */
    synchronized void release(Collection<Digest> digests) {
        if (pinned.removeAll(digests)) {
            save();
        }
        closeIfIdle();
    }

    private void open() {
        if (channel != null) {
            return;
        }
        String candidate = PID + "-" + UUID.randomUUID().toString().substring(0, 13);
        Path file = folder.resolve(candidate + SUFFIX);
        try {
            Files.createDirectories(folder);
            channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            lock = channel.lock();
            id = candidate;
        } catch (IOException e) {
            closeQuietly();
            throw new CatalogException("cannot write " + file + ": " + AccessProblem.describe(e), e);
        }
    }

    private void save() {
        StringBuilder text = new StringBuilder();
        pinned.forEach(digest -> text.append(digest).append('\n'));
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)), 0);
        } catch (IOException e) {
            throw new CatalogException("cannot write " + folder.resolve(id + SUFFIX) + ": " + e.getMessage(), e);
        }
    }

    private void closeIfIdle() {
        if (writing == 0 && pinned.isEmpty() && channel != null) {
            Path file = folder.resolve(id + SUFFIX);
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // an unlocked pins file is a dead writer's to prune
            }
            closeQuietly();
        }
    }

    private void closeQuietly() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // closing releases the lock in any case
        } finally {
            lock = null;
            channel = null;
            id = null;
        }
    }

    /** What live writers hold, and the pins files of writers that are gone; read by prune under the catalog lock. */
    record Survey(Set<Digest> pinned, Set<String> liveIds, List<Path> deadFiles) {

        boolean ownedByLiveWriter(Path temporary) {
            String name = temporary.getFileName().toString();
            int dot = name.indexOf('.');
            return dot > 0 && liveIds.contains(name.substring(0, dot));
        }
    }

    static Survey survey(Path folder) {
        Set<Digest> pinned = new HashSet<>();
        Set<String> live = new HashSet<>();
        List<Path> dead = new java.util.ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return new Survey(pinned, live, dead);
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList()) {
                String name = file.getFileName().toString();
                String id = name.substring(0, name.length() - SUFFIX.length());
                if (id.startsWith(PID + "-") || isLocked(file)) {
                    live.add(id);
                    for (String line : readLines(file)) {
                        if (!line.isBlank()) {
                            pinned.add(Digest.parse(line.trim()));
                        }
                    }
                } else {
                    dead.add(file);
                }
            }
        } catch (IOException e) {
            throw new CatalogException("cannot read the in-flight writes in " + folder + ": " + e.getMessage(), e);
        }
        return new Survey(pinned, live, dead);
    }

    private static List<String> readLines(Path file) throws IOException {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException gone) {
            return List.of();
        }
    }

    private static boolean isLocked(Path file) throws IOException {
        try (FileChannel probe = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock probeLock = probe.tryLock();
            if (probeLock == null) {
                return true;
            }
            probeLock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (java.nio.file.NoSuchFileException gone) {
            return true;
        }
    }
}
