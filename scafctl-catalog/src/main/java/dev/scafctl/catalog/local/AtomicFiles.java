package dev.scafctl.catalog.local;

import dev.scafctl.catalog.CatalogException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes that a crash cannot leave half done: the bytes go to a temporary file in the same folder, are forced
 * to disk, and only then renamed over the target, which is atomic on every local file system we support.
 */
public final class AtomicFiles {

    /** Receives the stream of a temporary file and writes the content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    /** Writes {@code bytes} to {@code target} atomically, creating its folder when needed. */
    public static void write(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes));
    }

    /** Writes what {@code content} produces to {@code target} atomically, creating its folder when needed. */
    public static void write(Path target, Content content) {
        Path folder = target.toAbsolutePath().getParent();
        Path temporary = null;
        try {
            Files.createDirectories(folder);
            temporary = newTemporary(folder, "." + target.getFileName());
            writeAndForce(temporary, content);
            moveIntoPlace(temporary, target);
            temporary = null;
        } catch (IOException e) {
            throw new CatalogException("cannot write " + target + ": " + AccessProblem.describe(e), e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    /**
     * Creates an empty temporary file {@code <prefix><random>.tmp} in {@code folder} with the permissions the user's
     * umask gives new files, as scafctl and other OCI tools do; {@link Files#createTempFile} would make it readable
     * by its owner only, and so the catalog file it becomes.
     */
    public static Path newTemporary(Path folder, String prefix) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path candidate = folder.resolve(prefix + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
            try {
                return Files.createFile(candidate);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt == 100) {
                    throw e;
                }
            }
        }
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /** Writes and forces a file's content to the storage device. */
    static void writeAndForce(Path file, Content content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = Channels.newOutputStream(channel);
            content.writeTo(out);
            out.flush();
            channel.force(true);
        }
    }

    /** Forces a complete temporary file to disk and renames it over {@code target}. */
    public static void forceAndMove(Path temporary, Path target) throws IOException {
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        moveIntoPlace(temporary, target);
    }

    /** Renames a complete temporary file to its final name, atomically where the file system allows. */
    static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
        forceFolder(target.toAbsolutePath().getParent());
    }

    private static void forceFolder(Path folder) {
        // Makes the rename itself durable. Linux allows fsync on a folder; other systems may refuse, and then the
        // rename is still atomic, only not yet durable, which is no worse than the file systems promise there.
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // see above
        }
    }

    /** Deletes {@code folder} and everything below it; nothing when it does not exist. */
    public static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** {@link #deleteTree} for a temporary folder, whose leftovers are harmless. */
    public static void deleteTreeQuietly(Path folder) {
        if (folder != null) {
            try {
                deleteTree(folder);
            } catch (IOException | UncheckedIOException ignored) {
                // a stray temporary folder is harmless
            }
        }
    }

    static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a stray temporary file is harmless; prune removes it
            }
        }
    }
}
