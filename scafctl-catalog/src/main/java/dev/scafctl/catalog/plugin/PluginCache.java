package dev.scafctl.catalog.plugin;

import dev.scafctl.catalog.CatalogException;
import dev.scafctl.catalog.artifact.ArtifactName;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.artifact.Version;
import dev.scafctl.catalog.local.AtomicFiles;
import dev.scafctl.catalog.local.FolderLock;
import dev.scafctl.catalog.oci.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * scafctl's plugin cache, {@code <root>/<name>/<version>/<os>-<arch>/<name>}, shared by every build and by the
 * scafctl CLI. A file counts as cached only when it hashes to the expected digest; one that does not is replaced by
 * a verified download (scafctl keeps it). Downloads stream into a temporary file in the entry's folder while being
 * hashed and are renamed into place only when they match, under a lock per entry, so parallel builds leave one
 * correct copy and a killed build leaves no file at the final path.
 */
public final class PluginCache {

    /**
     * Writes a binary's bytes to the stream it is given, checked against the binary's digest on the way and failing at
     * the end of wrong ones (the installer's sources read through {@code VerifiedInput}: a registry download, or the
     * local catalog's verified read), so the cache renames nothing that was not verified.
     */
    @FunctionalInterface
    public interface Source {
        void copyTo(OutputStream out) throws IOException;
    }

    /** One cached binary. */
    public record Entry(String name, String version, String platform, Path file, long size) {}

    private final Path root;

    public PluginCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path path(ArtifactName name, Version version, Platform platform) {
        return root.resolve(name.value()).resolve(version.toString())
                .resolve(platform.os() + "-" + platform.architecture()).resolve(name.value());
    }

    /** The cached file, when it exists and hashes to {@code expected}. */
    public Optional<Path> verified(ArtifactName name, Version version, Platform platform, Digest expected) {
        Path file = path(name, version, platform);
        return Files.isRegularFile(file) && expected.equals(hash(file)) ? Optional.of(file) : Optional.empty();
    }

    /**
     * Installs a binary that must hash to {@code expected}, unless another build did so meanwhile. A mismatch stores
     * nothing and fails with scafctl's text.
     */
    public Installation install(ArtifactName name, Version version, Platform platform, Digest expected, Source source) {
        Path file = path(name, version, platform);
        Path folder = file.getParent();
        // a warm cache answers without the lock, so a read-only cache serves what it holds
        if (verified(name, version, platform, expected).isPresent()) {
            return new Installation(file, false);
        }
        return new FolderLock(folder.resolve(".lock")).around(() -> {
            if (verified(name, version, platform, expected).isPresent()) {
                return new Installation(file, false);
            }
            Path temporary = null;
            try {
                Files.createDirectories(folder);
                temporary = AtomicFiles.newTemporary(folder, "." + name.value() + "-");
                try (OutputStream out = Files.newOutputStream(temporary)) {
                    // the source checks the bytes as they pass and fails at the end of wrong ones: nothing is kept
                    source.copyTo(out);
                }
                makeExecutable(temporary);
                AtomicFiles.forceAndMove(temporary, file);
                temporary = null;
                return new Installation(file, true);
            } catch (IOException e) {
                throw new CatalogException("cannot install " + name + "@" + version + " into the plugin cache " + root
                        + ": " + e.getMessage(), e);
            } finally {
                if (temporary != null) {
                    try {
                        Files.deleteIfExists(temporary);
                    } catch (IOException ignored) {
                        // a stray temporary file never counts as cached
                    }
                }
            }
        });
    }

    /** What {@link #install} did: the file, and whether it was downloaded now. */
    public record Installation(Path file, boolean downloaded) {}

    /** Every cached binary, sorted by name, version and platform. */
    public List<Entry> list() {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return entries;
        }
        try (Stream<Path> files = Files.walk(root, 4)) {
            files.filter(Files::isRegularFile)
                    .filter(f -> root.relativize(f).getNameCount() == 4)
                    .filter(f -> f.getFileName().toString().equals(root.relativize(f).getName(0).toString()))
                    .sorted()
                    .forEach(f -> {
                        Path relative = root.relativize(f);
                        entries.add(new Entry(relative.getName(0).toString(), relative.getName(1).toString(),
                                relative.getName(2).toString().replaceFirst("-", "/"), f, f.toFile().length()));
                    });
        } catch (IOException e) {
            throw new CatalogException("cannot read the plugin cache " + root + ": " + e.getMessage(), e);
        }
        return entries;
    }

    private static Digest hash(Path file) {
        try {
            return Digest.of(file);
        } catch (IOException e) {
            throw new CatalogException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void makeExecutable(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            file.toFile().setExecutable(true, false);
        }
    }
}
