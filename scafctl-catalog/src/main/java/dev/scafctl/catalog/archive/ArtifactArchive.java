package dev.scafctl.catalog.archive;

import dev.scafctl.catalog.ArtifactNotFoundException;
import dev.scafctl.catalog.CatalogException;
import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactName;
import dev.scafctl.catalog.artifact.ArtifactReference;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.artifact.Version;
import dev.scafctl.catalog.local.AtomicFiles;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.oci.Annotations;
import dev.scafctl.catalog.oci.ArtifactWalk;
import dev.scafctl.catalog.oci.CanonicalJson;
import dev.scafctl.catalog.oci.Descriptor;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.oci.VerifiedInput;
import dev.scafctl.catalog.oci.ImageIndex;
import dev.scafctl.catalog.oci.MediaTypes;
import dev.scafctl.catalog.oci.SignatureTag;
import dev.scafctl.catalog.signing.LocalSignatures;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import dev.scafctl.catalog.oci.JsonValue;

/**
 * {@code save} and {@code load}: artifacts as an uncompressed tar of an OCI image layout ({@code oci-layout},
 * {@code blobs/sha256/<hex>}, {@code index.json} last), the format scafctl saves and {@code skopeo copy …
 * oci-archive:} reads and writes. Saving is reproducible and streams; loading checks every entry and every blob
 * before anything reaches the catalog. The signatures the catalog keeps of a saved artifact ({@code .sig} manifests,
 * entries {@code <kind>/<name>:sha256-<hex>.sig}) go along as entries after the artifacts', and a load keeps them.
 */
public final class ArtifactArchive {

    /**
     * What a save or load moved; a save's {@code refNames} in the archive's order, the first being what scafctl loads;
     * {@code signatures}, how many {@code .sig} manifests went along (entries after the artifacts').
     */
    public record Summary(List<String> refNames, int signatures, int blobs, long bytes) {}

    private final LocalCatalog catalog;

    public ArtifactArchive(LocalCatalog catalog) {
        this.catalog = catalog;
    }

    // ---- save --------------------------------------------------------------------------------------------

    /**
     * Writes {@code references} (all platforms, or only {@code platforms} when not empty) to {@code target}, atomically,
     * in the order given and the plugins a solution pins after them; every entry carries its kind, name and version
     * annotations. The same artifacts give a byte-identical file.
     */
    public Summary save(List<ArtifactReference> requested, Set<Platform> platforms, Path target) {
        List<ArtifactReference> references = withPinnedPlugins(requested);
        SortedMap<Digest, Long> blobs = new TreeMap<>(Comparator.comparing(Digest::hex));
        // in the order asked for, the pinned plugins after: scafctl's catalog load reads only the first entry
        Map<String, Map<String, Object>> entries = new LinkedHashMap<>();
        Map<String, Map<String, Object>> signatureEntries = new LinkedHashMap<>();
        Map<Digest, byte[]> filteredIndexes = new LinkedHashMap<>();
        for (ArtifactReference reference : references) {
            Descriptor root = catalog.require(reference);
            catalog.verify(reference.toString(), root);
            Descriptor saved = root;
            ArtifactWalk.Tree tree = catalog.walk(root);
            List<ArtifactWalk.Part> kept = tree.parts();
            if (tree.isIndex()) {
                ImageIndex index = tree.indexes().get(0).index();
                kept = platforms.isEmpty() ? kept
                        : kept.stream().filter(part -> platforms.contains(part.descriptor().platform())).toList();
                if (kept.isEmpty()) {
                    throw new InvalidInputException(reference + " ships none of the platforms asked for " + platforms
                            + " (it has " + index.manifests().stream().map(d -> String.valueOf(d.platform())).toList() + ")");
                }
                if (kept.size() != index.manifests().size()) {
                    byte[] subset = new ImageIndex(kept.stream().map(ArtifactWalk.Part::descriptor).toList(),
                            index.annotations()).toJson();
                    saved = new Descriptor(MediaTypes.IMAGE_INDEX, Digest.of(subset), subset.length, root.annotations(), null);
                    filteredIndexes.put(saved.digest(), subset);
                } else {
                    blobs.put(root.digest(), root.size());
                }
            }
            for (ArtifactWalk.Part part : kept) {
                blobs.put(part.descriptor().digest(), part.descriptor().size());
                part.blobs().forEach(blob -> blobs.put(blob.digest(), blob.size()));
            }
            saveSignatures(reference, saved.digest().equals(root.digest()) ? tree.manifestDigests()
                    : kept.stream().map(part -> part.descriptor().digest()).toList(), blobs, signatureEntries);
            // scafctl's load takes kind, name and version from the entry's own annotations (pkg/catalog/local.go
            // refFromAnnotations); an entry scafctl pulled keeps them on the manifest only, so they are merged in
            Map<String, String> annotations = new TreeMap<>(Annotations.of(tree.rootBytes(), reference.toString()));
            annotations.putAll(saved.annotations());
            annotations.putIfAbsent(Annotations.ARTIFACT_TYPE, reference.kind().wireName());
            annotations.putIfAbsent(Annotations.ARTIFACT_NAME, reference.name().value());
            annotations.putIfAbsent(Annotations.VERSION, reference.version().toString());
            annotations.remove(Annotations.ARTIFACT_ORIGIN);
            annotations.put(Annotations.REF_NAME, reference.localRefName());
            entries.put(reference.localRefName(), saved.withAnnotations(annotations).toJsonTree());
        }
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.IMAGE_INDEX);
        List<Object> manifests = new ArrayList<>(entries.values());
        manifests.addAll(signatureEntries.values());
        index.put("manifests", manifests);
        long[] bytes = new long[1];
        AtomicFiles.write(target, out -> {
            TarWriter tar = new TarWriter(out, 0);
            tar.file("oci-layout", CanonicalJson.write(Map.of("imageLayoutVersion", "1.0.0")));
            SortedMap<Digest, Object> all = new TreeMap<>(Comparator.comparing(Digest::hex));
            all.putAll(blobs);
            all.putAll(filteredIndexes);
            for (Digest digest : all.keySet()) {
                String name = "blobs/sha256/" + digest.hex();
                byte[] inMemory = filteredIndexes.get(digest);
                if (inMemory != null) {
                    tar.file(name, inMemory);
                    bytes[0] += inMemory.length;
                } else {
                    try (InputStream in = Files.newInputStream(catalog.blobPath(digest))) {
                        tar.file(name, blobs.get(digest), in);
                    }
                    bytes[0] += blobs.get(digest);
                }
            }
            tar.file("index.json", CanonicalJson.write(index));
            tar.close();
        });
        return new Summary(List.copyOf(entries.keySet()), signatureEntries.size(), blobs.size() + filteredIndexes.size(),
                bytes[0]);
    }

    /**
     * The {@code .sig} manifests the catalog keeps of {@code signed} (the saved index, when it is the catalog's, and
     * each saved platform manifest), as entries of their own named as in the catalog, their blobs with the others.
     */
    private void saveSignatures(ArtifactReference reference, java.util.Collection<Digest> signed, Map<Digest, Long> blobs,
            Map<String, Map<String, Object>> entries) {
        LocalSignatures signatures = new LocalSignatures(catalog, reference.kind(), reference.name());
        for (Digest digest : signed) {
            String refName = signatures.refName(digest);
            catalog.resolve(refName).ifPresent(entry -> {
                catalog.verify(refName, entry);
                blobs.put(entry.digest(), entry.size());
                catalog.walk(entry).blobs().forEach(blob -> blobs.put(blob.digest(), blob.size()));
                entries.put(refName, entry.withAnnotations(Map.of(Annotations.REF_NAME, refName)).toJsonTree());
            });
        }
    }

    /**
     * The artifacts asked for, plus every plugin a solution among them pins (the {@code dev.scafctl.solution.pins}
     * annotation its build wrote from the lock), checked against the pinned index digest.
     */
    private List<ArtifactReference> withPinnedPlugins(List<ArtifactReference> requested) {
        List<ArtifactReference> all = new ArrayList<>(requested);
        for (ArtifactReference reference : requested) {
            if (reference.kind() != ArtifactKind.SOLUTION) {
                continue;
            }
            String pins = catalog.resolve(reference.localRefName()).map(d -> d.annotation(
                    Annotations.SOLUTION_PINS)).orElse(null);
            for (String pin : pins == null || pins.isBlank() ? new String[0] : pins.split(",")) {
                String[] refAndDigest = pin.split("=", 2);
                String kindAndName = refAndDigest[0].substring(0, refAndDigest[0].lastIndexOf('@'));
                ArtifactReference plugin = new ArtifactReference(
                        ArtifactKind.parse(kindAndName.substring(0, kindAndName.indexOf('/'))),
                        ArtifactName.of(kindAndName.substring(kindAndName.indexOf('/') + 1)),
                        Version.parse(refAndDigest[0].substring(refAndDigest[0].lastIndexOf('@') + 1)));
                Descriptor entry = catalog.resolve(plugin.localRefName()).orElseThrow(() -> new ArtifactNotFoundException(
                        reference + " pins " + plugin.kind() + " " + plugin + ", which is not in catalog \"local\" at "
                                + catalog.root() + "; pull or build it first"));
                if (refAndDigest.length == 2 && !entry.digest().toString().equals(refAndDigest[1])) {
                    throw new CatalogException(reference + " pins " + plugin + " at " + refAndDigest[1]
                            + ", but catalog \"local\" holds " + entry.digest() + "; pull the pinned version or rebuild the solution");
                }
                if (!all.contains(plugin)) {
                    all.add(plugin);
                }
            }
        }
        return all;
    }

    // ---- load --------------------------------------------------------------------------------------------

    /**
     * Loads an archive into the catalog. Entries with absolute paths, {@code ..}, links or devices are refused, every
     * blob must hash to its name, a truncated archive is refused, and every tagged artifact must be complete; only
     * then are blobs moved in and entries tagged. A refused archive leaves the catalog as it was.
     */
    public Summary load(Path archive, boolean force) {
        Path staging;
        try {
            staging = Files.createTempDirectory(catalog.root().resolve(".tmp"), "load-");
        } catch (IOException e) {
            throw new CatalogException("cannot create a staging folder in " + catalog.root() + ": " + e.getMessage(), e);
        }
        try {
            Staged staged = stage(archive, staging);
            List<Descriptor> tagged = new ArrayList<>();
            List<String> refNames = new ArrayList<>();
            Map<String, Descriptor> signatures = new LinkedHashMap<>();
            for (JsonValue entry : staged.index.path("manifests")) {
                Descriptor descriptor = Descriptor.fromJson(entry, archive + " index.json");
                String refName = refNameOf(descriptor, archive);
                checkComplete(descriptor, staged, archive);
                if (SignatureTag.isSignatureTag(refName)) {
                    signatures.put(refName, descriptor);
                    continue;
                }
                tagged.add(descriptor);
                refNames.add(refName);
            }
            if (tagged.isEmpty()) {
                throw new InvalidInputException(archive + " holds no artifact (its index.json lists nothing)");
            }
            long bytes = 0;
            for (Digest digest : staged.blobs) {
                Path file = staging.resolve(digest.hex());
                long size = Files.size(file);
                try (InputStream in = Files.newInputStream(file)) {
                    catalog.putVerified(Descriptor.of(MediaTypes.OCTET_STREAM, digest, size), in, archive + " " + digest);
                }
                bytes += size;
            }
            catalog.locked(() -> {
                for (int i = 0; i < tagged.size(); i++) {
                    Descriptor existing = catalog.resolve(refNames.get(i)).orElse(null);
                    if (existing != null && !existing.digest().equals(tagged.get(i).digest()) && !force) {
                        throw new InvalidInputException(refNames.get(i) + " is already in catalog \"local\" with other content ("
                                + existing.digest() + "); load with force to replace it");
                    }
                }
                for (int i = 0; i < tagged.size(); i++) {
                    Map<String, String> annotations = new TreeMap<>(tagged.get(i).annotations());
                    annotations.put(Annotations.ARTIFACT_ORIGIN, "loaded from " + archive.getFileName());
                    catalog.tag(refNames.get(i), tagged.get(i).withAnnotations(annotations));
                }
                // merged with the signatures the catalog keeps already: loading never drops one
                signatures.forEach((refName, descriptor) -> LocalSignatures.ofEntry(catalog, refName).add(
                        SignatureTag.signedDigest(refName).orElseThrow(),
                        LocalSignatures.ofEntry(catalog, refName).storedAt(descriptor.digest())));
                return null;
            });
            return new Summary(refNames, signatures.size(), staged.blobs.size(), bytes);
        } catch (IOException e) {
            throw new CatalogException("cannot load " + archive + ": " + e.getMessage(), e);
        } finally {
            // a leftover staging folder is harmless; prune removes it
            AtomicFiles.deleteTreeQuietly(staging);
        }
    }

    private record Staged(JsonValue index, Set<Digest> blobs, Path folder) {}

    private Staged stage(Path archive, Path staging) throws IOException {
        JsonValue index = null;
        boolean layout = false;
        Set<Digest> blobs = new TreeSet<>(Comparator.comparing(Digest::hex));
        try (InputStream in = new BufferedInputStream(Files.newInputStream(archive))) {
            TarReader tar = new TarReader(in, archive.toString());
            for (var next = tar.next(); next.isPresent(); next = tar.next()) {
                TarReader.Entry entry = next.get();
                String name = checkedName(entry, archive);
                if (entry.isDirectory()) {
                    continue;
                }
                if (name.equals("oci-layout")) {
                    String version = CanonicalJson.read(tar.content().readNBytes(1 << 16), archive + " oci-layout")
                            .path("imageLayoutVersion").asString("");
                    if (!version.startsWith("1.")) {
                        throw new InvalidInputException(archive + ": unsupported image layout version \"" + version + "\"");
                    }
                    layout = true;
                } else if (name.equals("index.json")) {
                    index = CanonicalJson.read(tar.content().readNBytes(16 << 20), archive + " index.json");
                } else if (name.startsWith("blobs/sha256/")) {
                    Digest digest = Digest.parse("sha256:" + name.substring("blobs/sha256/".length()));
                    stageBlob(tar.content(), digest, entry.size(), staging, archive);
                    blobs.add(digest);
                } else {
                    throw new InvalidInputException(archive + ": unexpected entry \"" + name + "\"; an OCI layout holds"
                            + " oci-layout, index.json and blobs/sha256/<digest>");
                }
            }
        } catch (EOFException e) {
            throw new InvalidInputException(archive + " is truncated; nothing was loaded", e);
        }
        if (!layout || index == null) {
            throw new InvalidInputException(archive + " is not an OCI image layout archive (it lacks "
                    + (layout ? "index.json" : "oci-layout") + "); nothing was loaded");
        }
        return new Staged(index, blobs, staging);
    }

    private static String checkedName(TarReader.Entry entry, Path archive) {
        String name = entry.name();
        if (!(entry.isFile() || entry.isDirectory())) {
            String kind = switch (entry.type()) {
                case '1' -> "a hard link";
                case '2' -> "a symbolic link";
                case '3', '4' -> "a device";
                case '6' -> "a FIFO";
                default -> "of type '" + entry.type() + "'";
            };
            throw new InvalidInputException(archive + ": entry \"" + name + "\" is " + kind + "; refused, nothing was loaded");
        }
        String normalized = name.startsWith("./") ? name.substring(2) : name;
        if (normalized.startsWith("/") || normalized.matches("^[A-Za-z]:.*") || List.of(normalized.split("/")).contains("..")) {
            throw new InvalidInputException(archive + ": entry \"" + name + "\" leaves the archive's folder; refused,"
                    + " nothing was loaded");
        }
        return normalized.endsWith("/") ? normalized.substring(0, normalized.length() - 1) : normalized;
    }

    private static void stageBlob(InputStream content, Digest digest, long size, Path staging, Path archive) throws IOException {
        Path file = staging.resolve(digest.hex());
        try (InputStream checked = VerifiedInput.of(content, Descriptor.of(MediaTypes.OCTET_STREAM, digest, size),
                archive + " blob " + digest, "nothing was loaded"); var out = Files.newOutputStream(file)) {
            checked.transferTo(out);
        }
    }

    private void checkComplete(Descriptor descriptor, Staged staged, Path archive) {
        ArtifactWalk.Tree tree = ArtifactWalk.of(descriptor, blobBytes(descriptor.digest(), staged, archive),
                child -> blobBytes(child.digest(), staged, archive));
        for (ArtifactWalk.Part part : tree.parts()) {
            for (Descriptor blob : part.blobs()) {
                if (!staged.blobs.contains(blob.digest()) && !catalog.hasBlob(blob.digest())) {
                    throw new InvalidInputException(archive + " is incomplete: blob " + blob.digest() + " of manifest "
                            + part.descriptor().digest() + " is missing; nothing was loaded");
                }
            }
        }
    }

    private byte[] blobBytes(Digest digest, Staged staged, Path archive) {
        try {
            if (staged.blobs.contains(digest)) {
                return Files.readAllBytes(staged.folder().resolve(digest.hex()));
            }
        } catch (IOException e) {
            throw new CatalogException("cannot read staged blob " + digest + ": " + e.getMessage(), e);
        }
        if (catalog.hasBlob(digest)) {
            return catalog.readBlob(digest);
        }
        throw new InvalidInputException(archive + " is incomplete: blob " + digest + " is missing; nothing was loaded");
    }

    private static String refNameOf(Descriptor descriptor, Path archive) {
        String refName = descriptor.annotation(Annotations.REF_NAME);
        if (refName != null && refName.matches("(solution|provider|auth-handler)/[a-z0-9-]+:.+")) {
            return refName;
        }
        String type = descriptor.annotation(Annotations.ARTIFACT_TYPE);
        String name = descriptor.annotation(Annotations.ARTIFACT_NAME);
        String version = descriptor.annotation(Annotations.VERSION);
        if (type != null && name != null && version != null) {
            return type + "/" + name + ":" + version;
        }
        throw new InvalidInputException(archive + ": index.json entry " + descriptor.digest() + " names no scafctl artifact"
                + " (its ref.name is \"" + refName + "\"; expected <kind>/<name>:<version>)");
    }
}
