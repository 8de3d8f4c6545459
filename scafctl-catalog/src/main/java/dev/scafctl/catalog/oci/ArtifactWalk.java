package dev.scafctl.catalog.oci;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one walk of an artifact: from its root (an image index, OCI's or Docker's, or a single manifest) through the
 * manifests it lists (indexes within indexes too) to the config and layers each manifest names. Where the bytes of
 * the manifests come from is the caller's (the local catalog, a registry, a chain link); each source hands over
 * bytes it checked against their digest, so the walk parses only verified manifests.
 *
 * <p>Pull, push, save, the local catalog's completeness and reachability (tag, prune, verify) and the installer's
 * platform table all read an artifact through it.
 */
public final class ArtifactWalk {

    /** Reads the verified bytes of a manifest or an index the walk reached; fails when the source lacks it. */
    @FunctionalInterface
    public interface Manifests {
        byte[] read(Descriptor manifest);
    }

    /** One image manifest the artifact reaches, with its descriptor as its index lists it (platform included). */
    public record Part(Descriptor descriptor, byte[] bytes, ImageManifest manifest) {

        /** Its config, then its layers, as the manifest names them. */
        public List<Descriptor> blobs() {
            List<Descriptor> blobs = new ArrayList<>();
            blobs.add(manifest.config());
            blobs.addAll(manifest.layers());
            return blobs;
        }

        /** The platform its index gives it, as {@code os/arch}; {@code null} for a manifest of no listed platform. */
        public String platform() {
            return descriptor.platform() == null ? null : descriptor.platform().toString();
        }
    }

    /** One index the artifact reaches (the root, or an index within it), with its verified bytes. */
    public record Index(Descriptor descriptor, byte[] bytes, ImageIndex index) {}

    /**
     * What the walk found: the indexes (the root first when it is one), the manifests in the order their indexes list
     * them, and the blobs an index lists directly (neither manifest nor index: an unusual artifact, kept as a leaf).
     */
    public record Tree(Descriptor root, byte[] rootBytes, List<Index> indexes, List<Part> parts,
            List<Descriptor> looseBlobs) {

        public boolean isIndex() {
            return !indexes.isEmpty() && indexes.get(0).descriptor().digest().equals(root.digest());
        }

        /** Every distinct config and layer the manifests name (and the loose blobs), each once, in walk order. */
        public List<Descriptor> blobs() {
            Map<Digest, Descriptor> blobs = new LinkedHashMap<>();
            for (Part part : parts) {
                part.blobs().forEach(blob -> blobs.putIfAbsent(blob.digest(), blob));
            }
            looseBlobs.forEach(blob -> blobs.putIfAbsent(blob.digest(), blob));
            return List.copyOf(blobs.values());
        }

        /** For each blob, the platforms whose manifests name it (for progress a person can read). */
        public Map<Digest, Set<String>> platformsByBlob() {
            Map<Digest, Set<String>> platforms = new LinkedHashMap<>();
            for (Part part : parts) {
                if (part.platform() != null) {
                    part.blobs().forEach(blob -> platforms.computeIfAbsent(blob.digest(), d -> new TreeSet<>())
                            .add(part.platform()));
                }
            }
            return platforms;
        }

        /**
         * The root, then every index and manifest below it, each once: the digests a recursive signature covers
         * ({@code cosign sign --recursive}) and whose signatures travel with the artifact.
         */
        public Set<Digest> manifestDigests() {
            Set<Digest> digests = new LinkedHashSet<>();
            digests.add(root.digest());
            indexes.forEach(index -> digests.add(index.descriptor().digest()));
            parts.forEach(part -> digests.add(part.descriptor().digest()));
            return digests;
        }

        /** Every digest the artifact reaches: indexes, manifests and blobs. */
        public Set<Digest> digests() {
            Set<Digest> all = new LinkedHashSet<>();
            indexes.forEach(index -> all.add(index.descriptor().digest()));
            parts.forEach(part -> all.add(part.descriptor().digest()));
            blobs().forEach(blob -> all.add(blob.digest()));
            return all;
        }
    }

    private ArtifactWalk() {}

    /**
     * Walks the artifact whose root is {@code root} with the verified bytes {@code rootBytes}, reading each manifest
     * and index below it through {@code manifests}. A root that is neither an index nor a manifest is a lone blob.
     */
    public static Tree of(Descriptor root, byte[] rootBytes, Manifests manifests) {
        List<Index> indexes = new ArrayList<>();
        List<Part> parts = new ArrayList<>();
        List<Descriptor> loose = new ArrayList<>();
        visit(root, rootBytes, manifests, indexes, parts, loose, new LinkedHashSet<>());
        return new Tree(root, rootBytes, List.copyOf(indexes), List.copyOf(parts), List.copyOf(loose));
    }

    private static void visit(Descriptor descriptor, byte[] bytes, Manifests manifests, List<Index> indexes,
            List<Part> parts, List<Descriptor> loose, Set<Digest> seen) {
        if (!seen.add(descriptor.digest())) {
            return;
        }
        String type = descriptor.mediaType();
        if (MediaTypes.isIndex(type)) {
            ImageIndex index = ImageIndex.parse(bytes, "index " + descriptor.digest());
            indexes.add(new Index(descriptor, bytes, index));
            for (Descriptor child : index.manifests()) {
                boolean structural = MediaTypes.isIndex(child.mediaType()) || MediaTypes.isManifest(child.mediaType());
                if (structural && !seen.contains(child.digest())) {
                    visit(child, manifests.read(child), manifests, indexes, parts, loose, seen);
                } else if (!structural && seen.add(child.digest())) {
                    loose.add(child);
                }
            }
        } else if (MediaTypes.isManifest(type)) {
            parts.add(new Part(descriptor, bytes, ImageManifest.parse(bytes, "manifest " + descriptor.digest())));
        } else {
            loose.add(descriptor);
        }
    }
}
