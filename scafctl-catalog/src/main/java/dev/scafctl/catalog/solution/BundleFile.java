package dev.scafctl.catalog.solution;

import dev.scafctl.catalog.oci.Digest;
import java.nio.file.Path;

/**
 * One file of a solution's bundle: its path inside the bundle (forward slashes, relative to the solution's folder)
 * and where its bytes come from: a file on disk, or bytes in memory (a vendored solution).
 */
public record BundleFile(String path, Path source, byte[] content, long size, Digest digest) {

    public static BundleFile onDisk(String path, Path source, long size, Digest digest) {
        return new BundleFile(path, source, null, size, digest);
    }

    public static BundleFile inMemory(String path, byte[] content) {
        return new BundleFile(path, null, content.clone(), content.length, Digest.of(content));
    }
}
