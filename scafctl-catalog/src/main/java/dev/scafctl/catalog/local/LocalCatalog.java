package dev.scafctl.catalog.local;

import dev.scafctl.catalog.ArtifactNotFoundException;
import dev.scafctl.catalog.CatalogException;
import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.artifact.ArtifactExistsException;
import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactName;
import dev.scafctl.catalog.artifact.ArtifactReference;
import dev.scafctl.catalog.artifact.Version;
import dev.scafctl.catalog.oci.Annotations;
import dev.scafctl.catalog.oci.CanonicalJson;
import dev.scafctl.catalog.oci.Descriptor;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.oci.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import dev.scafctl.catalog.oci.JsonValue;

/**
 * The local catalog: an OCI image layout on disk ({@code oci-layout}, {@code index.json}, {@code blobs/sha256}),
 * laid out as scafctl lays out its own, so both tools can share one folder. An artifact is an {@code index.json}
 * entry whose {@code org.opencontainers.image.ref.name} is {@code <kind>/<name>:<version>}.
 *
 * <p>Every write is atomic (temporary file, forced, renamed) and every change of {@code index.json} happens
 * under a lock shared by all threads and processes, so a crash or a second Maven build never leaves a
 * half-written or lost entry. Entries this class does not understand (untagged manifests, other tools'
 * fields) are kept as they are.
 */
public final class LocalCatalog {

    /** The name scafctl gives its local catalog, used in messages and lock files. */
    public static final String NAME = "local";

    private static final String LAYOUT_FILE = "oci-layout";
    private static final String INDEX_FILE = "index.json";
    private static final String LOCK_FILE = ".scafctl-catalog.lock";
    private static final String TEMPORARY_FOLDER = ".tmp";

    private final Path root;
    private final FolderLock lock;

    private LocalCatalog(Path root) {
        this.root = root;
        this.lock = new FolderLock(root.resolve(LOCK_FILE));
    }

    /** Opens the catalog at {@code root}, creating an empty OCI layout there when none exists. */
    public static LocalCatalog open(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new InvalidInputException("catalog folder " + absolute + " is a file, not a folder");
        }
        try {
            Files.createDirectories(absolute.resolve("blobs").resolve("sha256"));
            Files.createDirectories(absolute.resolve(TEMPORARY_FOLDER));
        } catch (IOException e) {
            throw new CatalogException("cannot create catalog folder " + absolute + ": " + e.getMessage(), e);
        }
        LocalCatalog catalog = new LocalCatalog(absolute);
        catalog.locked(() -> {
            catalog.initializeLayout();
            return null;
        });
        return catalog;
    }

    public Path root() {
        return root;
    }

    /** Runs {@code work} while holding the catalog's lock; reentrant within a thread. */
    public <T> T locked(Supplier<T> work) {
        return lock.around(work);
    }

    // ---- blobs -------------------------------------------------------------------------------------------

    /** Stores {@code content} as a blob and describes it. Storing the same bytes twice keeps one copy. */
    public Descriptor putBlob(String mediaType, byte[] content) {
        Digest digest = Digest.of(content);
        if (!hasBlob(digest)) {
            AtomicFiles.write(blobPath(digest), content);
        }
        return Descriptor.of(mediaType, digest, content.length);
    }

    /** Stores a file as a blob, streaming it, so memory does not grow with its size. */
    public Descriptor putFile(String mediaType, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return putBlob(mediaType, in, file.toString());
        } catch (IOException e) {
            throw new CatalogException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Streams {@code content} into the catalog while hashing it: first to a temporary file, then renamed to its
     * digest. A crash at any point leaves at most a stray temporary file, never a blob with wrong bytes.
     */
    public Descriptor putBlob(String mediaType, InputStream content, String source) {
        return ingest(content, source, null, mediaType);
    }

    /**
     * Streams content that must hash to {@code expected} (a download): the bytes are hashed while written to a
     * temporary file and only renamed into place when digest and size match. Otherwise nothing is stored and the
     * failure names both digests.
     */
    public Descriptor putVerified(Descriptor expected, InputStream content, String source) {
        return ingest(content, source, expected, expected.mediaType());
    }

    private Descriptor ingest(InputStream content, String source, Descriptor expected, String mediaType) {
        Path temporary = null;
        try {
            temporary = Files.createTempFile(root.resolve(TEMPORARY_FOLDER), "blob-", ".tmp");
            MessageDigest sha = Digest.newSha256();
            long[] size = new long[1];
            AtomicFiles.writeAndForce(temporary, out -> {
                // Not closed here: closing would close the file before it is forced to disk.
                OutputStream hashing = new DigestOutputStream(out, sha);
                size[0] = content.transferTo(hashing);
                hashing.flush();
            });
            Digest digest = Digest.of(sha);
            if (expected != null && (!digest.equals(expected.digest()) || size[0] != expected.size())) {
                throw new DigestMismatchException(source, expected.digest(), digest, expected.size(), size[0]);
            }
            if (hasBlob(digest)) {
                Files.delete(temporary);
            } else {
                AtomicFiles.moveIntoPlace(temporary, blobPath(digest));
            }
            temporary = null;
            return Descriptor.of(mediaType, digest, size[0]);
        } catch (IOException e) {
            throw new CatalogException("cannot store " + source + " in catalog " + root + ": " + e.getMessage(), e);
        } finally {
            AtomicFiles.deleteQuietly(temporary);
        }
    }

    public boolean hasBlob(Digest digest) {
        return Files.isRegularFile(blobPath(digest));
    }

    public Path blobPath(Digest digest) {
        return root.resolve("blobs").resolve(digest.algorithm()).resolve(digest.hex());
    }

    /** Reads a small blob (a manifest, an index, a config) and checks its bytes against its digest. */
    public byte[] readBlob(Digest digest) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(blobPath(digest));
        } catch (NoSuchFileException e) {
            throw new CatalogException("catalog " + root + " is missing blob " + digest
                    + "; rebuild or pull the artifact that references it");
        } catch (IOException e) {
            throw new CatalogException("cannot read blob " + digest + " in " + root + ": " + e.getMessage(), e);
        }
        Digest actual = Digest.of(bytes);
        if (!actual.equals(digest)) {
            throw new CatalogException("blob " + digest + " in catalog " + root + " is damaged (its content hashes to "
                    + actual + "); rebuild or pull the artifact that references it");
        }
        return bytes;
    }

    // ---- index.json --------------------------------------------------------------------------------------

    /** The tagged entries of the catalog, in {@code index.json} order. */
    public List<CatalogEntry> entries() {
        List<CatalogEntry> entries = new ArrayList<>();
        for (JsonValue manifest : readIndex().path("manifests")) {
            Descriptor descriptor = Descriptor.fromJson(manifest, indexFile().toString());
            String refName = descriptor.annotation(Annotations.REF_NAME);
            if (refName != null) {
                entries.add(new CatalogEntry(refName, descriptor));
            }
        }
        return entries;
    }

    /** The descriptor tagged {@code refName}, if any. */
    public Optional<Descriptor> resolve(String refName) {
        return entries().stream().filter(e -> e.refName().equals(refName)).map(CatalogEntry::descriptor).findFirst();
    }

    /** The descriptor of a version, or a failure that says where the catalog is and what to do. */
    public Descriptor require(ArtifactReference reference) {
        return resolve(reference.localRefName()).orElseThrow(() -> new ArtifactNotFoundException("artifact \"" + reference
                + "\" (" + reference.kind() + ") not found in catalog \"" + NAME + "\" at " + root + "; build or pull it first"));
    }

    /** The versions of an artifact the catalog holds; tags that are not versions (aliases) are left out. */
    public List<Version> versions(ArtifactKind kind, ArtifactName name) {
        String prefix = kind.wireName() + "/" + name + ":";
        return entries().stream().map(CatalogEntry::refName).filter(ref -> ref.startsWith(prefix))
                .map(ref -> Version.parseOrNull(ref.substring(prefix.length()))).filter(Objects::nonNull).toList();
    }

    /**
     * Tags {@code descriptor} as {@code reference}'s version. The same content again changes nothing; other content for
     * a version the catalog holds needs {@code force}.
     *
     * @throws ArtifactExistsException when the version holds other content and {@code force} is off
     */
    public TagOutcome tagVersion(ArtifactReference reference, Descriptor descriptor, boolean force) {
        return locked(() -> {
            Optional<Descriptor> existing = resolve(reference.localRefName());
            if (existing.isPresent() && existing.get().digest().equals(descriptor.digest())) {
                return TagOutcome.UNCHANGED;
            }
            if (existing.isPresent() && !force) {
                throw new ArtifactExistsException(reference, NAME);
            }
            tag(reference.localRefName(), descriptor);
            return existing.isPresent() ? TagOutcome.REPLACED : TagOutcome.CREATED;
        });
    }

    /**
     * The kinds under which {@code name:tag} (a version or an alias) is stored, for commands that infer the kind;
     * usually one.
     */
    public List<ArtifactKind> kindsOf(ArtifactName name, String tag) {
        Set<String> refNames = entries().stream().map(CatalogEntry::refName).collect(Collectors.toSet());
        return Arrays.stream(ArtifactKind.values())
                .filter(kind -> refNames.contains(kind.wireName() + "/" + name + ":" + tag)).toList();
    }

    /**
     * Points {@code refName} at {@code descriptor} (whose annotations are kept on the entry), replacing any entry
     * of that name in place. The blob it names must already be stored.
     */
    public void tag(String refName, Descriptor descriptor) {
        if (!hasBlob(descriptor.digest())) {
            throw new CatalogException("cannot tag " + refName + ": blob " + descriptor.digest() + " is not stored");
        }
        Map<String, String> annotations = new TreeMap<>(descriptor.annotations());
        annotations.put(Annotations.REF_NAME, refName);
        Map<String, Object> entry = descriptor.withAnnotations(annotations).toJsonTree();
        locked(() -> {
            List<Object> manifests = new ArrayList<>();
            boolean replaced = false;
            for (JsonValue existing : readIndex().path("manifests")) {
                if (refName.equals(existing.path("annotations").path(Annotations.REF_NAME).asString(null))) {
                    if (!replaced) {
                        manifests.add(entry);
                        replaced = true;
                    }
                } else {
                    manifests.add(existing.toPlain());
                }
            }
            if (!replaced) {
                manifests.add(entry);
            }
            writeIndex(manifests);
            return null;
        });
    }

    /** Removes the entry {@code refName} (the blobs stay until {@link #prune}); returns what it pointed at. */
    public Optional<Descriptor> untag(String refName) {
        return locked(() -> {
            Optional<Descriptor> removed = resolve(refName);
            if (removed.isPresent()) {
                List<Object> manifests = new ArrayList<>();
                for (JsonValue existing : readIndex().path("manifests")) {
                    if (!refName.equals(existing.path("annotations").path(Annotations.REF_NAME).asString(null))) {
                        manifests.add(existing.toPlain());
                    }
                }
                writeIndex(manifests);
            }
            return removed;
        });
    }

    /** What {@link #prune} removed. */
    public record Pruned(int blobs, long bytes, int keptAsRecent) {}

    /**
     * Deletes the blobs no {@code index.json} entry reaches (through indexes and manifests), and stray temporary files.
     * Blobs younger than {@code grace} are kept: a build may have written them and not yet tagged them.
     */
    public Pruned prune(Duration grace) {
        return locked(() -> {
            Set<Digest> reachable = new HashSet<>();
            for (JsonValue entry : readIndex().path("manifests")) {
                reach(Descriptor.fromJson(entry, indexFile().toString()), reachable);
            }
            Instant cutoff = Instant.now().minus(grace);
            int removed = 0;
            int recent = 0;
            long bytes = 0;
            try (java.util.stream.Stream<Path> blobs = Files.list(root.resolve("blobs").resolve("sha256"))) {
                for (Path blob : blobs.toList()) {
                    Digest digest = Digest.parse("sha256:" + blob.getFileName());
                    if (reachable.contains(digest)) {
                        continue;
                    }
                    if (Files.getLastModifiedTime(blob).toInstant().isAfter(cutoff)) {
                        recent++;
                        continue;
                    }
                    bytes += Files.size(blob);
                    Files.delete(blob);
                    removed++;
                }
                try (java.util.stream.Stream<Path> temporary = Files.list(root.resolve(TEMPORARY_FOLDER))) {
                    for (Path stale : temporary.toList()) {
                        if (Files.isRegularFile(stale) && Files.getLastModifiedTime(stale).toInstant().isBefore(cutoff)) {
                            bytes += Files.size(stale);
                            Files.delete(stale);
                        }
                    }
                }
            } catch (IOException e) {
                throw new CatalogException("cannot prune " + root + ": " + e.getMessage(), e);
            }
            return new Pruned(removed, bytes, recent);
        });
    }

    private void reach(Descriptor descriptor, Set<Digest> reachable) {
        if (!reachable.add(descriptor.digest()) || !hasBlob(descriptor.digest())) {
            return;
        }
        String type = descriptor.mediaType();
        if (MediaTypes.isIndex(type)) {
            for (Descriptor child : dev.scafctl.catalog.oci.ImageIndex.parse(readBlob(descriptor.digest()),
                    "index " + descriptor.digest()).manifests()) {
                reach(child, reachable);
            }
        } else if (MediaTypes.isManifest(type)) {
            dev.scafctl.catalog.oci.ImageManifest manifest = dev.scafctl.catalog.oci.ImageManifest.parse(
                    readBlob(descriptor.digest()), "manifest " + descriptor.digest());
            reachable.add(manifest.config().digest());
            manifest.layers().forEach(layer -> reachable.add(layer.digest()));
        }
    }

    private void initializeLayout() {
        Path layout = root.resolve(LAYOUT_FILE);
        if (Files.exists(layout)) {
            JsonValue node = CanonicalJson.read(readFile(layout), layout.toString());
            String version = node.path("imageLayoutVersion").asString("");
            if (!version.startsWith("1.")) {
                throw new CatalogException(layout + " declares image layout version \"" + version
                        + "\"; only 1.x layouts are supported");
            }
        } else {
            AtomicFiles.write(layout, CanonicalJson.write(Map.of("imageLayoutVersion", "1.0.0")));
        }
        if (!Files.exists(indexFile())) {
            writeIndex(List.of());
        }
    }

    private JsonValue readIndex() {
        return CanonicalJson.read(readFile(indexFile()), indexFile().toString());
    }

    private void writeIndex(List<Object> manifests) {
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.IMAGE_INDEX);
        index.put("manifests", manifests);
        AtomicFiles.write(indexFile(), CanonicalJson.write(index));
    }

    private Path indexFile() {
        return root.resolve(INDEX_FILE);
    }

    private static byte[] readFile(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CatalogException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
