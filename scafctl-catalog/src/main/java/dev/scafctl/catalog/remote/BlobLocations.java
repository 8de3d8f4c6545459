package dev.scafctl.catalog.remote;

import dev.scafctl.catalog.oci.Digest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which repository of a registry is known to hold a blob: so a later push to another repository of the same
 * registry (the next module of a reactor, say) can mount it instead of uploading it again. One build keeps one
 * (the Maven goals keep it in the build's session), never a JVM: under the Maven daemon a JVM-wide set would carry
 * one build's repositories into another build's token scopes.
 */
public final class BlobLocations {

    private final Map<String, String> repositoryByRegistryAndDigest = new ConcurrentHashMap<>();

    public void remember(Registry registry, Digest digest, String repository) {
        repositoryByRegistryAndDigest.put(registry.host() + "|" + digest, repository);
    }

    public Optional<String> find(Registry registry, Digest digest) {
        return Optional.ofNullable(repositoryByRegistryAndDigest.get(registry.host() + "|" + digest));
    }
}
