package dev.scafctl.catalog.remote;

import dev.scafctl.catalog.ArtifactNotFoundException;
import dev.scafctl.catalog.artifact.ArtifactReference;
import dev.scafctl.catalog.artifact.Version;
import dev.scafctl.catalog.artifact.VersionConstraint;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.local.TagOutcome;
import dev.scafctl.catalog.oci.Annotations;
import dev.scafctl.catalog.oci.ArtifactWalk;
import dev.scafctl.catalog.oci.Descriptor;
import dev.scafctl.catalog.oci.Digest;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Copies an artifact from a registry into the local catalog. Every manifest and blob is hashed while it streams
 * and checked against its digest before it is stored; the version is tagged only once everything is in, so a
 * failure (a tampered blob, a dropped connection) leaves no entry behind.
 */
public final class CatalogPuller {

    /** What a pull did. */
    public record Result(ArtifactReference reference, String source, Digest digest, int blobsDownloaded,
            long bytesDownloaded, int blobsPresent, boolean unchanged) {}

    private final LocalCatalog local;
    private final Function<Registry, RegistryClient> clients;
    private final BlobLocations locations;
    private final TransferListener listener;
    private final Admission admission;

    /**
     * Decides whether an artifact may enter the local catalog, once its root manifest is known and before any of it
     * is stored (the signature policy, say); it throws to refuse.
     */
    @FunctionalInterface
    public interface Admission {
        Admission ALL = (reference, client, repository, root) -> { };

        void admit(ArtifactReference reference, RegistryClient client, String repository, Manifest root);
    }

    public CatalogPuller(LocalCatalog local, Function<Registry, RegistryClient> clients, BlobLocations locations,
            TransferListener listener) {
        this(local, clients, locations, listener, Admission.ALL);
    }

    public CatalogPuller(LocalCatalog local, Function<Registry, RegistryClient> clients, BlobLocations locations,
            TransferListener listener, Admission admission) {
        this.local = local;
        this.clients = clients;
        this.locations = locations;
        this.listener = listener;
        this.admission = admission;
    }

    public Result pull(RemoteReference remote, boolean force) {
        RegistryClient client = clients.apply(remote.catalog().registry());
        String repository = remote.catalog().repository(remote.kind(), remote.name());
        Version version = resolveVersion(client, repository, remote);
        ArtifactReference reference = new ArtifactReference(remote.kind(), remote.name(), version);
        String source = remote.catalog().registry().host() + "/" + repository + ":" + version;

        Manifest root = client.fetchManifest(repository, version.toString()).orElseThrow(() -> new ArtifactNotFoundException(
                "artifact \"" + reference + "\" not found in catalog \"" + remote.catalog() + "\" (no tag " + source + ")"));
        admission.admit(reference, client, repository, root);
        int[] counts = new int[2];
        long[] bytes = new long[1];
        ArtifactWalk.Tree tree = ArtifactWalk.of(Descriptor.of(root.mediaType(), root.digest(), root.bytes().length),
                root.bytes(), child -> client.fetchManifest(repository, child.digest().toString()).orElseThrow(() ->
                        new ArtifactNotFoundException("registry " + remote.catalog().registry() + " lists manifest "
                                + child.digest() + " in " + source + " but does not serve it")).bytes());
        for (ArtifactWalk.Part part : tree.parts()) {
            TransferListener about = part.platform() == null ? listener : listener.about(part.platform());
            for (Descriptor blob : part.blobs()) {
                // held: kept from prune until the tag below; with force, verified, so a damaged copy is fetched again
                if (local.holdBlob(blob, force)) {
                    counts[1]++;
                } else {
                    // each attempt stores into a temporary file of its own, so a download that broke off starts over
                    client.downloadBlobRestarting(repository, blob, about, body -> local.putVerified(blob, body,
                            "blob " + blob.digest() + " of " + remote.catalog().registry() + "/" + repository));
                    counts[0]++;
                    bytes[0] += blob.size();
                }
                locations.remember(remote.catalog().registry(), blob.digest(), repository);
            }
            local.putBlob(part.descriptor().mediaType(), part.bytes());
        }
        for (ArtifactWalk.Index index : tree.indexes().subList(tree.isIndex() ? 1 : 0, tree.indexes().size())) {
            local.putBlob(index.descriptor().mediaType(), index.bytes()); // an index within the index
        }
        Descriptor stored = local.putBlob(root.mediaType(), root.bytes()).withAnnotations(entryAnnotations(root, remote));

        boolean unchanged = local.tagVersion(reference, stored, force) == TagOutcome.UNCHANGED;
        return new Result(reference, source, stored.digest(), counts[0], bytes[0], counts[1], unchanged);
    }

    private static Version resolveVersion(RegistryClient client, String repository, RemoteReference remote) {
        Version exact = Version.parseOrNull(remote.versionOrConstraint());
        if (exact != null) {
            return exact;
        }
        VersionConstraint constraint = VersionConstraint.parse(remote.versionOrConstraint());
        List<Version> versions = client.listTags(repository).stream().map(Version::ofTag).filter(Objects::nonNull).toList();
        return constraint.highest(versions).orElseThrow(() -> new ArtifactNotFoundException("no version of \""
                + remote.name() + "\" in catalog \"" + remote.catalog() + "\" satisfies " + constraint
                + (versions.isEmpty() ? " (the repository " + repository + " has no version tags)"
                        : " (available: " + versions.stream().sorted().map(Version::toString).toList() + ")")));
    }

    /** The artifact's own annotations, as scafctl keeps them on a local entry, plus where it came from. */
    private static SortedMap<String, String> entryAnnotations(Manifest root, RemoteReference remote) {
        SortedMap<String, String> annotations = new TreeMap<>(Annotations.of(root.bytes(), "manifest " + root.digest()));
        annotations.putIfAbsent(Annotations.ARTIFACT_TYPE, remote.kind().wireName());
        annotations.putIfAbsent(Annotations.ARTIFACT_NAME, remote.name().value());
        annotations.put(Annotations.ARTIFACT_ORIGIN, "pulled from " + remote.catalog().url());
        return annotations;
    }
}
