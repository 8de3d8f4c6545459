package dev.scafctl.catalog.remote;

import dev.scafctl.catalog.oci.Digest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which repository of a registry is known, in this JVM, to hold a blob: so a later push to another repository of
 * the same registry (the next module of a reactor, say) can mount it instead of uploading it again.
 */
public final class BlobLocations {

    private static final BlobLocations SHARED = new BlobLocations();

    /** An empty set of locations; most callers want {@link #shared()}. */
    public BlobLocations() {}

    private final Map<String, String> repositoryByRegistryAndDigest = new ConcurrentHashMap<>();

    /** The locations shared by every push and pull of this JVM. */
    public static BlobLocations shared() {
        return SHARED;
    }

    public void remember(Registry registry, Digest digest, String repository) {
        repositoryByRegistryAndDigest.put(registry.host() + "|" + digest, repository);
    }

    public Optional<String> find(Registry registry, Digest digest) {
        return Optional.ofNullable(repositoryByRegistryAndDigest.get(registry.host() + "|" + digest));
    }
}
