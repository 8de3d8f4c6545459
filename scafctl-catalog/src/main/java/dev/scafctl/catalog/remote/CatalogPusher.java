package dev.scafctl.catalog.remote;

import dev.scafctl.catalog.Parallel;
import dev.scafctl.catalog.artifact.ArtifactReference;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.artifact.Version;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.oci.Annotations;
import dev.scafctl.catalog.oci.ArtifactWalk;
import dev.scafctl.catalog.oci.Descriptor;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.oci.ImageIndex;
import dev.scafctl.catalog.oci.MediaTypes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Copies an artifact from the local catalog to a remote one: every blob the registry lacks (mounted from another
 * repository of the same registry when one is known to hold it), every manifest, then the version tag. When the tag
 * already holds exactly what would be tagged, nothing is sent: the registry then holds everything it names. Manifests
 * and indexes go up as the exact local bytes, so digests stay equal.
 *
 * <p>A plugin version whose tag already holds an index gets the new platforms merged into it, OCX style: the same
 * platform again is replaced (and said), other platforms are kept. With rolling tags, {@code 1.4.2} also moves
 * {@code 1.4}, {@code 1} and {@code latest}, but never back to a lower version than they hold.
 */
public final class CatalogPusher {

    /** How many blobs go up at once. */
    static final int PARALLEL_UPLOADS = 4;

    /**
     * What to do beside the version tag: move the rolling tags; {@code force} lets a push change what a release
     * version's tag holds (published releases are immutable otherwise; pre-releases, SNAPSHOTs among them, are not).
     */
    public record Options(boolean rollingTags, boolean force) {
        public Options(boolean rollingTags) {
            this(rollingTags, false);
        }
    }

    /** What a push did. */
    public record Result(ArtifactReference reference, RemoteCatalog catalog, String repository, Digest digest,
            int blobsUploaded, long bytesUploaded, int blobsMounted, int blobsPresent, List<String> changes,
            List<String> movedTags) {

        /** {@code host/prefix/providers/name:version}, the pushed tag. */
        public String target() {
            return catalog.registry().host() + "/" + repository + ":" + reference.version();
        }
    }

    private final LocalCatalog local;
    private final Function<Registry, RegistryClient> clients;
    private final BlobLocations locations;
    private final TransferListener listener;
    private final Consumer<String> log;

    public CatalogPusher(LocalCatalog local, Function<Registry, RegistryClient> clients, BlobLocations locations,
            TransferListener listener, Consumer<String> log) {
        this.local = local;
        this.clients = clients;
        this.locations = locations;
        this.listener = listener;
        this.log = log;
    }

    public Result push(ArtifactReference reference, RemoteCatalog catalog, Options options) {
        Descriptor entry = local.require(reference);
        local.requireStored(reference.toString(), entry); // each blob's bytes are checked as they are uploaded
        RegistryClient client = clients.apply(catalog.registry());
        String repository = catalog.repository(reference.kind(), reference.name());
        Counts counts = new Counts();
        List<String> changes = new ArrayList<>();

        byte[] rootBytes = local.readBlob(entry.digest());
        String mediaType = entry.mediaType();
        Optional<Manifest> existing = client.fetchManifest(repository, reference.version().toString());
        byte[] tagged;
        if (MediaTypes.IMAGE_INDEX.equals(mediaType)) {
            ImageIndex index = ImageIndex.parse(rootBytes, reference + " image index");
            tagged = mergeWithRemote(existing, reference, index, rootBytes, changes);
        } else {
            tagged = rootBytes;
            existing.filter(e -> !e.digest().equals(entry.digest())).ifPresent(e -> changes.add("replaced " + e.digest()));
        }
        List<String> replaced = changes.stream().filter(c -> c.startsWith("replaced ")).toList();
        if (!replaced.isEmpty() && !reference.version().isPreRelease() && !options.force()) {
            throw new ReleaseChangedException(catalog.registry().host() + "/" + repository + ":" + reference.version()
                    + " is a published release with other content (" + String.join("; ", replaced)
                    + "): a release is immutable, so this push would change what its users pinned. Publish the new"
                    + " binaries under a new version; adding a platform the release lacks is allowed");
        }
        Digest digest = Digest.of(tagged);
        ArtifactWalk.Tree contents = local.walk(entry);
        if (existing.isPresent() && existing.get().digest().equals(digest)) {
            // the tag holds these very bytes, so the registry holds every manifest and blob they name
            counts.present.addAndGet(contents.blobs().size());
            contents.blobs().forEach(blob -> locations.remember(client.registry(), blob.digest(), repository));
        } else {
            pushManifests(client, repository, contents, counts);
            client.putManifest(repository, reference.version().toString(), mediaType, tagged);
        }
        if (!digest.equals(entry.digest())) {
            changes.add("the tag now holds merged index " + digest + " (local index " + entry.digest() + ")");
        }
        List<String> moved = options.rollingTags() ? moveRollingTags(client, repository, reference.version(), mediaType, tagged)
                : List.of();
        return new Result(reference, catalog, repository, digest, counts.uploaded.get(), counts.bytes.get(), counts.mounted.get(),
                counts.present.get(), changes, moved);
    }

    /** The blobs of every manifest (several at once), then the manifests the registry lacks. */
    private void pushManifests(RegistryClient client, String repository, ArtifactWalk.Tree contents, Counts counts) {
        Map<Digest, Set<String>> platforms = contents.platformsByBlob();
        Parallel.mapAll(contents.blobs(), PARALLEL_UPLOADS, "scafctl-push", blob -> {
            Set<String> of = platforms.getOrDefault(blob.digest(), Set.of());
            pushBlob(client, repository, blob, of.isEmpty() ? listener : listener.about(String.join(", ", of)), counts);
            return blob;
        });
        for (ArtifactWalk.Part part : contents.parts()) {
            Descriptor descriptor = part.descriptor();
            if (!client.hasManifest(repository, descriptor.digest().toString())) {
                client.putManifest(repository, descriptor.digest().toString(), descriptor.mediaType(), part.bytes());
            }
        }
    }

    private void pushBlob(RegistryClient client, String repository, Descriptor blob, TransferListener listener,
            Counts counts) {
        Registry registry = client.registry();
        if (client.hasBlob(repository, blob.digest())) {
            counts.present.incrementAndGet();
        } else {
            Optional<String> elsewhere = locations.find(registry, blob.digest()).filter(r -> !r.equals(repository));
            if (elsewhere.isPresent() && client.mountBlob(repository, blob.digest(), elsewhere.get())) {
                counts.mounted.incrementAndGet();
                log.accept("mounted " + blob.digest() + " from " + elsewhere.get());
            } else {
                client.pushBlob(repository, blob, local.blobPath(blob.digest()), listener);
                counts.uploaded.incrementAndGet();
                counts.bytes.addAndGet(blob.size());
            }
        }
        locations.remember(registry, blob.digest(), repository);
    }

    /**
     * The bytes to tag: the local index, or, when the tag already holds another index, that index with this build's
     * platforms merged in (this build wins for a platform both have).
     */
    private static byte[] mergeWithRemote(Optional<Manifest> existing, ArtifactReference reference, ImageIndex local,
            byte[] localBytes, List<String> changes) {
        if (existing.isEmpty() || existing.get().digest().equals(Digest.of(localBytes))) {
            return localBytes;
        }
        if (!existing.get().isIndex()) {
            changes.add("replaced a single-platform manifest " + existing.get().digest());
            return localBytes;
        }
        ImageIndex remote = ImageIndex.parse(existing.get().bytes(), "remote index of " + reference);
        Map<Platform, Descriptor> ours = local.manifests().stream()
                .filter(d -> d.platform() != null)
                .collect(Collectors.toMap(Descriptor::platform, d -> d, (a, b) -> a));
        List<Descriptor> merged = new ArrayList<>(local.manifests());
        for (Descriptor theirs : remote.manifests()) {
            Descriptor mine = theirs.platform() == null ? null : ours.get(theirs.platform());
            if (mine == null) {
                merged.add(theirs);
                changes.add("kept " + theirs.platform() + " from the registry");
            } else if (!mine.digest().equals(theirs.digest())) {
                changes.add("replaced " + theirs.platform() + " (was " + theirs.digest() + ")");
            }
        }
        merged.sort(Comparator.comparing(Descriptor::platform, Comparator.nullsLast(Platform.ORDER)));
        return new ImageIndex(merged, local.annotations()).toJson();
    }

    private List<String> moveRollingTags(RegistryClient client, String repository, Version version, String mediaType,
            byte[] bytes) {
        List<String> moved = new ArrayList<>();
        if (version.isPreRelease()) {
            log.accept("rolling tags are not moved for pre-release " + version);
            return moved;
        }
        String[] parts = version.toString().split("[.+]");
        for (String tag : List.of(parts[0] + "." + parts[1], parts[0], "latest")) {
            Optional<Version> held = client.fetchManifest(repository, tag).flatMap(CatalogPusher::versionOf);
            if (held.isPresent() && held.get().compareTo(version) > 0) {
                log.accept("rolling tag " + tag + " stays at " + held.get() + ", which is newer than " + version);
                continue;
            }
            client.putManifest(repository, tag, mediaType, bytes);
            moved.add(tag);
        }
        return moved;
    }

    private static Optional<Version> versionOf(Manifest manifest) {
        String text = Annotations.of(manifest.bytes(), "manifest " + manifest.digest()).get(Annotations.VERSION);
        return Optional.ofNullable(text == null ? null : Version.parseOrNull(text));
    }

    private static final class Counts {
        private final AtomicInteger uploaded = new AtomicInteger();
        private final AtomicInteger mounted = new AtomicInteger();
        private final AtomicInteger present = new AtomicInteger();
        private final AtomicLong bytes = new AtomicLong();
    }
}
