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
import dev.scafctl.catalog.oci.ArtifactWalk;
import dev.scafctl.catalog.oci.CanonicalJson;
import dev.scafctl.catalog.oci.Descriptor;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.oci.DigestMismatchException;
import dev.scafctl.catalog.oci.VerifiedInput;
import dev.scafctl.catalog.oci.MediaTypes;
import dev.scafctl.catalog.oci.SignatureTag;
import java.io.ByteArrayInputStream;
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
import java.util.LinkedHashSet;
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
    private final InFlight inFlight;

    private LocalCatalog(Path root) {
        this.root = root;
        this.lock = new FolderLock(root.resolve(LOCK_FILE));
        this.inFlight = new InFlight(root.resolve(TEMPORARY_FOLDER));
    }

    /**
     * Opens the catalog at {@code root}, creating an empty OCI layout there when none exists. An existing layout is
     * opened without writing anything (no lock, no folder), so goals that only read work on a read-only catalog; the
     * goals that write fail when they write, naming the folder and the missing permission.
     */
    public static LocalCatalog open(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new InvalidInputException("catalog folder " + absolute + " is a file, not a folder");
        }
        if (Files.isRegularFile(absolute.resolve(LAYOUT_FILE)) && Files.isRegularFile(absolute.resolve(INDEX_FILE))) {
            LocalCatalog catalog = new LocalCatalog(absolute);
            catalog.checkLayoutVersion();
            catalog.createFoldersIfAllowed();
            return catalog;
        }
        try {
            Files.createDirectories(absolute.resolve("blobs").resolve("sha256"));
            Files.createDirectories(absolute.resolve(TEMPORARY_FOLDER));
        } catch (IOException e) {
            throw new CatalogException("cannot create catalog folder " + absolute + ": " + AccessProblem.describe(e), e);
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
        return ingest(new ByteArrayInputStream(content), "a " + mediaType + " blob", null, mediaType);
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
        // under the catalog lock, so that a prune never sees the writer's pins file before it is locked
        String prefix = locked(inFlight::begin);
        try {
            temporary = AtomicFiles.newTemporary(root.resolve(TEMPORARY_FOLDER), prefix + "blob-");
            MessageDigest sha = Digest.newSha256();
            long[] size = new long[1];
            // content that was promised a digest is read through the one check: a mismatch fails at its end, before
            // anything is renamed into place
            InputStream checked = expected == null ? content
                    : VerifiedInput.of(content, expected, source, "nothing was stored");
            AtomicFiles.writeAndForce(temporary, out -> {
                // Not closed here: closing would close the file before it is forced to disk.
                OutputStream hashing = expected == null ? new DigestOutputStream(out, sha) : out;
                size[0] = checked.transferTo(hashing);
                hashing.flush();
            });
            Digest digest = expected == null ? Digest.of(sha) : expected.digest();
            // A blob already stored under this digest is relied on only when its bytes are right (hashing it costs
            // what writing these bytes did); a damaged one is replaced by the good bytes at hand.
            boolean intact = isIntact(digest, size[0]);
            Path complete = temporary;
            locked(() -> {
                inFlight.pin(digest);
                try {
                    Files.createDirectories(blobPath(digest).getParent());
                    if (intact && hasBlob(digest)) {
                        Files.delete(complete);
                    } else {
                        AtomicFiles.moveIntoPlace(complete, blobPath(digest));
                    }
                } catch (IOException e) {
                    throw new CatalogException("cannot store " + source + " in catalog " + root + ": "
                            + AccessProblem.describe(e), e);
                }
                return null;
            });
            temporary = null;
            return Descriptor.of(mediaType, digest, size[0]);
        } catch (IOException e) {
            throw new CatalogException("cannot store " + source + " in catalog " + root + ": " + AccessProblem.describe(e), e);
        } finally {
            AtomicFiles.deleteQuietly(temporary);
            inFlight.end();
        }
    }

    /** Whether the stored blob {@code digest} exists with {@code size} bytes that hash to it. */
    private boolean isIntact(Digest digest, long size) {
        Path blob = blobPath(digest);
        try {
            return Files.isRegularFile(blob) && Files.size(blob) == size && Digest.of(blob).equals(digest);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether the catalog holds {@code blob} (its size, and with {@code verify} its digest, checked), kept from
     * {@link #prune} until a tag references it: what a download calls instead of fetching a blob again. On
     * {@code false} the caller stores the blob, which replaces a damaged copy.
     */
    public boolean holdBlob(Descriptor blob, boolean verify) {
        if (verify && hasBlob(blob.digest()) && !isIntact(blob.digest(), blob.size())) {
            return false;
        }
        return locked(() -> {
            Path file = blobPath(blob.digest());
            try {
                if (!Files.isRegularFile(file) || Files.size(file) != blob.size()) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
            inFlight.pin(blob.digest());
            return true;
        });
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
            throw DigestMismatchException.damaged("blob " + digest + " in catalog " + root, digest, actual, bytes.length,
                    bytes.length, "rebuild or pull the artifact that references it");
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
                inFlight.release(requireComplete(reference.localRefName(), descriptor));
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
        Map<String, String> annotations = new TreeMap<>(descriptor.annotations());
        annotations.put(Annotations.REF_NAME, refName);
        Map<String, Object> entry = descriptor.withAnnotations(annotations).toJsonTree();
        locked(() -> {
            Set<Digest> reached = requireComplete(refName, descriptor);
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
            inFlight.release(reached);
            return null;
        });
    }

    /**
     * Checks, under the catalog lock, that everything {@code descriptor} reaches is stored (manifests and indexes read
     * and verified, the other blobs at their size), so that no tag ever names content that is not all there; returns
     * the digests it reached.
     */
    private Set<Digest> requireComplete(String refName, Descriptor descriptor) {
        Set<Digest> reached = new LinkedHashSet<>();
        try {
            walk(descriptor, reached, Check.SIZE);
        } catch (CatalogException e) {
            throw new CatalogException("cannot tag " + refName + " in catalog " + root + ": " + e.getMessage(), e);
        }
        return reached;
    }

    /** How far {@link #walk} checks the blobs that are not indexes or manifests (those are always read and verified). */
    private enum Check { NONE, SIZE, DIGEST }

    /**
     * Adds {@code descriptor} and all it reaches to {@code reached}. Missing or unreadable indexes and manifests fail
     * (what they reference cannot be known); so does, as far as {@code leaves} says, a missing or damaged other blob.
     */
    private void walk(Descriptor descriptor, Set<Digest> reached, Check leaves) {
        if (reached.contains(descriptor.digest())) {
            return;
        }
        ArtifactWalk.Tree tree = walk(descriptor);
        reached.addAll(tree.digests());
        for (Descriptor blob : tree.blobs()) {
            checkLeaf(blob, leaves);
        }
    }

    /** The artifact {@code root} reaches, its indexes and manifests read (and verified) from this catalog. */
    public ArtifactWalk.Tree walk(Descriptor root) {
        boolean structural = MediaTypes.isIndex(root.mediaType()) || MediaTypes.isManifest(root.mediaType());
        return ArtifactWalk.of(root, structural ? readBlob(root.digest()) : new byte[0], child -> readBlob(child.digest()));
    }

    private void checkLeaf(Descriptor descriptor, Check leaves) {
        if (leaves == Check.DIGEST) {
            verifiedBlob(descriptor.digest(), descriptor.size(), descriptor.mediaType() + " blob");
        } else if (leaves == Check.SIZE) {
            Path file = blobPath(descriptor.digest());
            long size;
            try {
                size = Files.size(file);
            } catch (IOException e) {
                throw new CatalogException("blob " + descriptor.digest() + " (" + descriptor.mediaType() + ") is not stored");
            }
            if (size != descriptor.size()) {
                throw new CatalogException("blob " + descriptor.digest() + " (" + descriptor.mediaType() + ") has " + size
                        + " bytes instead of " + descriptor.size() + "; it is damaged");
            }
        }
    }

    /**
     * Checks every blob {@code entry} reaches against its digest, before its content leaves the catalog (a push, an
     * archive) or is shown (inspect); a missing or damaged blob fails naming it and {@code artifact}.
     */
    public void verify(String artifact, Descriptor entry) {
        check(artifact, entry, Check.DIGEST);
    }

    /**
     * Checks that everything {@code entry} reaches is stored: its indexes and manifests read and verified, the other
     * blobs present at their size. For content whose bytes are checked as they leave (a push checks each blob as it
     * uploads it), so that a missing blob fails before anything is sent and a damaged one before the registry has it.
     */
    public void requireStored(String artifact, Descriptor entry) {
        check(artifact, entry, Check.SIZE);
    }

    private void check(String artifact, Descriptor entry, Check leaves) {
        try {
            walk(entry, new HashSet<>(), leaves);
        } catch (CatalogException e) {
            throw new CatalogException(artifact + " in catalog " + root + " cannot be used: " + e.getMessage()
                    + "; pull it again with force or rebuild it to repair the catalog", e);
        }
    }

    /**
     * The bytes of {@code blob}, checked as they are read: the stream fails at its end, naming {@code what}, unless
     * they are the descriptor's (one read, for content that leaves the catalog as a stream).
     */
    public InputStream openVerified(Descriptor blob, String what) {
        Path file = blobPath(blob.digest());
        try {
            return VerifiedInput.of(Files.newInputStream(file), blob, (actual, actualSize) -> DigestMismatchException
                    .damaged(what + " " + blob.digest() + " in catalog " + root, blob.digest(), actual, blob.size(),
                            actualSize));
        } catch (NoSuchFileException e) {
            throw new CatalogException(what + " " + blob.digest() + " is missing");
        } catch (IOException e) {
            throw new CatalogException("cannot read " + what + " " + blob.digest() + " in " + root + ": "
                    + AccessProblem.describe(e), e);
        }
    }

    /**
     * The file of blob {@code digest}, whose size and digest were checked just now: the one verified read for content
     * that leaves the catalog. A stored blob is only ever replaced by correct bytes, so the check holds after it.
     */
    public Path verifiedBlob(Digest digest, long size, String what) {
        Path file = blobPath(digest);
        long actualSize;
        Digest actual;
        try {
            actualSize = Files.size(file);
            actual = Digest.of(file);
        } catch (NoSuchFileException e) {
            throw new CatalogException(what + " " + digest + " is missing");
        } catch (IOException e) {
            throw new CatalogException("cannot read " + what + " " + digest + " in " + root + ": " + AccessProblem.describe(e), e);
        }
        if (!actual.equals(digest) || actualSize != size) {
            throw DigestMismatchException.damaged(what + " " + digest + " in catalog " + root, digest, actual, size,
                    actualSize);
        }
        return file;
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
     * Deletes the blobs no {@code index.json} entry reaches (through indexes and manifests) and that no write in
     * progress (in any thread or process) is about to tag, and stray temporary files. Blobs younger than
     * {@code grace} are kept too. A catalog whose {@code index.json}, or an index or manifest it reaches, cannot be
     * read completely is not pruned at all: what is reachable would be unknown. A signature entry
     * ({@code <kind>/<name>:sha256-<hex>.sig}) keeps its blobs while the manifest it signs is reached, and is untagged
     * once nothing tagged reaches that manifest.
     */
    public Pruned prune(Duration grace) {
        return locked(() -> {
            Set<Digest> keep = new HashSet<>();
            List<Descriptor> signatures = new ArrayList<>();
            List<Descriptor> tagged = new ArrayList<>();
            for (JsonValue entry : readIndex().path("manifests")) {
                Descriptor descriptor = Descriptor.fromJson(entry, indexFile().toString());
                String refName = descriptor.annotation(Annotations.REF_NAME);
                (refName != null && SignatureTag.isSignatureTag(refName) ? signatures : tagged).add(descriptor);
            }
            for (Descriptor descriptor : tagged) {
                try {
                    walk(descriptor, keep, Check.NONE);
                } catch (CatalogException e) {
                    String refName = descriptor.annotation(Annotations.REF_NAME);
                    throw new CatalogException("not pruning catalog " + root + ": the index.json entry "
                            + (refName == null ? descriptor.digest().toString() : refName)
                            + " cannot be followed (" + e.getMessage() + "), so what it keeps is unknown; "
                            + "pull or rebuild that artifact (or untag it), then prune again", e);
                }
            }
            // signatures go with what they sign: kept while it is tagged, untagged with it
            for (Descriptor signature : signatures) {
                Digest signed = SignatureTag.signedDigest(signature.annotation(Annotations.REF_NAME)).orElseThrow();
                if (keep.contains(signed)) {
                    try {
                        walk(signature, keep, Check.NONE);
                    } catch (CatalogException e) {
                        throw new CatalogException("not pruning catalog " + root + ": the signature entry "
                                + signature.annotation(Annotations.REF_NAME) + " cannot be followed (" + e.getMessage()
                                + "); untag it, then prune again", e);
                    }
                } else {
                    untag(signature.annotation(Annotations.REF_NAME));
                }
            }
            Path temporaryFolder = root.resolve(TEMPORARY_FOLDER);
            Instant cutoff = Instant.now().minus(grace);
            List<Path> doomed = new ArrayList<>();
            int recent = 0;
            try {
                // Temporary files are listed before the writers are surveyed: a writer opens its pins file before it
                // creates temporary files (without the catalog lock), so every file listed here belongs to a writer
                // the survey sees, or to one that is gone.
                List<Path> temporaryFiles = list(temporaryFolder);
                InFlight.Survey writers = InFlight.survey(temporaryFolder);
                keep.addAll(writers.pinned());
                doomed.addAll(writers.deadFiles());
                for (Path file : list(root.resolve("blobs").resolve("sha256"))) {
                    Digest digest = Digest.parseOrNull("sha256:" + file.getFileName());
                    if (digest == null) {
                        // another writer's temporary file, or one a crash left: only a stale one goes
                        if (Files.isRegularFile(file) && isOlder(file, cutoff)) {
                            doomed.add(file);
                        }
                    } else if (!keep.contains(digest)) {
                        if (isOlder(file, cutoff)) {
                            doomed.add(file);
                        } else {
                            recent++;
                        }
                    }
                }
                for (Path stale : temporaryFiles) {
                    if (Files.isRegularFile(stale) && !stale.getFileName().toString().endsWith(InFlight.SUFFIX)
                            && !writers.ownedByLiveWriter(stale) && isOlder(stale, cutoff)) {
                        doomed.add(stale);
                    }
                }
            } catch (IOException e) {
                throw new CatalogException("cannot prune " + root + ": " + AccessProblem.describe(e) + "; nothing was deleted", e);
            }
            int removed = 0;
            long bytes = 0;
            List<String> failures = new ArrayList<>();
            for (Path file : doomed) {
                try {
                    long size = Files.size(file);
                    Files.delete(file);
                    bytes += size;
                    if (file.getParent().getFileName().toString().equals("sha256") && Digest.parseOrNull("sha256:" + file.getFileName()) != null) {
                        removed++;
                    }
                } catch (java.nio.file.NoSuchFileException gone) {
                    // another prune or tool was faster
                } catch (IOException e) {
                    failures.add(file.getFileName() + " (" + AccessProblem.describe(e) + ")");
                }
            }
            if (!failures.isEmpty()) {
                throw new CatalogException("prune of catalog " + root + " removed " + removed + " blobs but could not delete "
                        + String.join(", ", failures));
            }
            return new Pruned(removed, bytes, recent);
        });
    }

    private static boolean isOlder(Path file, Instant cutoff) throws IOException {
        return Files.getLastModifiedTime(file).toInstant().isBefore(cutoff);
    }

    private static List<Path> list(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    /** The folders a write needs, where a layout another tool wrote lacks them; a read-only catalog is left as it is. */
    private void createFoldersIfAllowed() {
        for (Path folder : List.of(root.resolve("blobs").resolve("sha256"), root.resolve(TEMPORARY_FOLDER))) {
            if (!Files.isDirectory(folder)) {
                try {
                    Files.createDirectories(folder);
                } catch (IOException readOnly) {
                    // the goals that write will say so, naming the folder
                }
            }
        }
    }

    private void checkLayoutVersion() {
        Path layout = root.resolve(LAYOUT_FILE);
        JsonValue node = CanonicalJson.read(readFile(layout), layout.toString());
        String version = node.path("imageLayoutVersion").asString("");
        if (!version.startsWith("1.")) {
            throw new CatalogException(layout + " declares image layout version \"" + version
                    + "\"; only 1.x layouts are supported");
        }
    }

    private void initializeLayout() {
        Path layout = root.resolve(LAYOUT_FILE);
        if (Files.exists(layout)) {
            checkLayoutVersion();
        } else {
            AtomicFiles.write(layout, CanonicalJson.write(Map.of("imageLayoutVersion", "1.0.0")));
        }
        if (!Files.exists(indexFile())) {
            if (holdsBlobs()) {
                throw new CatalogException("catalog folder " + root + " holds blobs but no index.json, so what it holds"
                        + " is unknown (a damaged or half-copied catalog); restore its index.json, or move the folder"
                        + " away to start an empty catalog; nothing was changed");
            }
            writeIndex(List.of());
        }
    }

    private boolean holdsBlobs() {
        try {
            return list(root.resolve("blobs").resolve("sha256")).stream()
                    .anyMatch(file -> Digest.parseOrNull("sha256:" + file.getFileName()) != null);
        } catch (IOException e) {
            throw new CatalogException("cannot read " + root.resolve("blobs") + ": " + AccessProblem.describe(e), e);
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
