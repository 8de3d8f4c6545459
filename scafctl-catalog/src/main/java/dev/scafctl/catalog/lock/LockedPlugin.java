package dev.scafctl.catalog.lock;

import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactName;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.artifact.Version;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.signing.KeyFingerprint;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A plugin pinned by a lock file: the exact version, where it came from, and digests. Ours pin the image index and
 * the binary of every platform ({@code indexDigest}, {@code platforms}); scafctl's pin one binary ({@code digest},
 * the platform the lock was made on), which is read as a pin of that binary only. {@code signedBy} is the trusted
 * key whose signature of the index was verified when the plugin was locked; a frozen build fails when it changes.
 */
public record LockedPlugin(ArtifactName name, ArtifactKind kind, Version version, Optional<Digest> digest,
        String resolvedFrom, Optional<Digest> indexDigest, SortedMap<String, Digest> platforms,
        Optional<KeyFingerprint> signedBy) {

    public LockedPlugin {
        platforms = new TreeMap<>(platforms == null ? Map.of() : platforms);
        signedBy = signedBy == null ? Optional.empty() : signedBy;
    }

    /** An entry no signature was verified for. */
    public LockedPlugin(ArtifactName name, ArtifactKind kind, Version version, Optional<Digest> digest,
            String resolvedFrom, Optional<Digest> indexDigest, SortedMap<String, Digest> platforms) {
        this(name, kind, version, digest, resolvedFrom, indexDigest, platforms, Optional.empty());
    }

    /** The binary digest pinned for {@code platform}: ours per platform, else scafctl's single digest. */
    public Optional<Digest> binaryDigest(Platform platform) {
        Digest perPlatform = platforms.get(platform.toString());
        return perPlatform != null ? Optional.of(perPlatform) : platforms.isEmpty() ? digest : Optional.empty();
    }

    /**
     * Whether this is scafctl's form of an entry ({@code pkg/solution/bundler/lock.go}): one {@code digest}, the
     * binary of the platform the lock was made on, which the lock does not name; no index, no other platform.
     */
    public boolean pinsOneBinaryOnly() {
        return indexDigest.isEmpty() && platforms.isEmpty();
    }

    /** Every binary digest this entry pins, of any platform. */
    public java.util.Set<Digest> binaryDigests() {
        java.util.Set<Digest> all = new java.util.HashSet<>(platforms.values());
        digest.ifPresent(all::add);
        return all;
    }
}
