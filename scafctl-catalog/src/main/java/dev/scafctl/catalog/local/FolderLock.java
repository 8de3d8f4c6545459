package dev.scafctl.catalog.local;

import dev.scafctl.catalog.CatalogException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Mutual exclusion on one lock file (a catalog, a plugin cache entry), for threads of this JVM ({@code mvn -T}) and for other processes (two Maven
 * builds, or scafctl beside us) alike. Java file locks belong to the whole JVM and throw when one thread asks
 * for a lock another thread holds, so a JVM-wide reentrant lock per file is taken first, and the file lock
 * only by the outermost holder.
 */
public final class FolderLock {

    // JVM-wide on purpose, and safe to outlive a build (mvnd, the IDE's embedded Maven): file locks are the JVM's
    // own, so this map mirrors state the JVM has anyway; an entry holds no lock between builds (the file lock is
    // released by its outermost holder) and carries nothing of one build into another but the lock's identity.
    private static final Map<Path, Held> HELD = new ConcurrentHashMap<>();

    private final Path lockFile;

    public FolderLock(Path lockFile) {
        this.lockFile = lockFile.toAbsolutePath().normalize();
    }

    /** Runs {@code work} holding the lock; reentrant within a thread. */
    public <T> T around(Supplier<T> work) {
        Held held = HELD.computeIfAbsent(lockFile, p -> new Held());
        held.threads.lock();
        try {
            if (held.threads.getHoldCount() == 1) {
                held.acquire(lockFile);
            }
            try {
                return work.get();
            } finally {
                if (held.threads.getHoldCount() == 1) {
                    held.release(lockFile);
                }
            }
        } finally {
            held.threads.unlock();
        }
    }

    private static final class Held {
        final ReentrantLock threads = new ReentrantLock();
        FileChannel channel;
        FileLock fileLock;

        void acquire(Path lockFile) {
            try {
                Files.createDirectories(lockFile.getParent());
                channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                // Not the blocking lock(): Linux tracks POSIX locks per process, so two JVMs whose threads each hold
                // one entry and wait for another's look deadlocked to the kernel, and lock() fails with EDEADLK.
                long pause = 1;
                while ((fileLock = tryLock(channel)) == null) {
                    Thread.sleep(pause);
                    pause = Math.min(pause * 2, 50);
                }
            } catch (IOException e) {
                closeQuietly();
                throw new CatalogException("cannot lock " + lockFile + ": " + AccessProblem.describe(e), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closeQuietly();
                throw new CatalogException("interrupted while waiting for the lock " + lockFile, e);
            }
        }

        /**
         * The lock, or {@code null} while another holds it: another process, or another class loader of this JVM (the
         * lock extension's realm and a plugin's, two plugin versions under {@code -T}), whose {@link FolderLock} has
         * its own {@link #HELD} map; the JVM then says {@link OverlappingFileLockException}. The channel stays open
         * while waiting: closing a channel on the file would release the other realm's lock with it.
         */
        private static FileLock tryLock(FileChannel channel) throws IOException {
            try {
                return channel.tryLock();
            } catch (OverlappingFileLockException heldInThisJvm) {
                return null;
            }
        }

        void release(Path lockFile) {
            try {
                fileLock.release();
                channel.close();
            } catch (IOException e) {
                throw new CatalogException("cannot unlock " + lockFile + ": " + e.getMessage(), e);
            } finally {
                fileLock = null;
                channel = null;
            }
        }

        private void closeQuietly() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // the original failure is the one worth reporting
                }
            }
            channel = null;
        }
    }
}
