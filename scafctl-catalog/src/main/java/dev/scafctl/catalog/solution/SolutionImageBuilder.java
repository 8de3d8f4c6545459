package dev.scafctl.catalog.solution;

import dev.scafctl.catalog.BuildTimestamp;
import dev.scafctl.catalog.CatalogException;
import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.archive.TarWriter;
import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactName;
import dev.scafctl.catalog.artifact.ArtifactReference;
import dev.scafctl.catalog.artifact.PluginRequirement;
import dev.scafctl.catalog.artifact.Version;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.local.TagOutcome;
import dev.scafctl.catalog.oci.Annotations;
import dev.scafctl.catalog.oci.CanonicalJson;
import dev.scafctl.catalog.oci.Descriptor;
import dev.scafctl.catalog.oci.ImageManifest;
import dev.scafctl.catalog.oci.MediaTypes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Builds a solution into the local catalog as {@code scafctl build solution} stores it: layer 0 the (composed)
 * solution YAML, layer 1 a tar of the bundled files led by {@code .scafctl/bundle-manifest.json}, the scafctl media
 * types and annotations, tagged {@code solution/<name>:<version>}. Unlike scafctl it is reproducible: files sorted
 * by path, fixed modes and owners, every time the build timestamp.
 */
public final class SolutionImageBuilder {

    public static final String BUNDLE_MANIFEST = ".scafctl/bundle-manifest.json";

    /** What to build. */
    public record Request(SolutionDocument solution, String versionOverride, BuildTimestamp created, boolean force,
            long maxBundleBytes, List<dev.scafctl.catalog.lock.LockedPlugin> pins) {

        public Request {
            pins = pins == null ? List.of() : List.copyOf(pins);
        }
    }

    private final LocalCatalog catalog;

    public SolutionImageBuilder(LocalCatalog catalog) {
        this.catalog = catalog;
    }

    /** The name and version a request builds, checked; the version from the override, else {@code metadata.version}. */
    public static ArtifactReference reference(SolutionDocument solution, String versionOverride) {
        String versionText = versionOverride != null && !versionOverride.isBlank() ? versionOverride : solution.metadata("version");
        if (versionText.isBlank()) {
            throw solution.positions().get("metadata").get("version").fail("is required (or give the version as a parameter)");
        }
        Version version;
        try {
            version = Version.parse(versionText);
        } catch (InvalidInputException e) {
            throw solution.positions().get("metadata").get("version").fail("is invalid: " + e.getMessage());
        }
        return new ArtifactReference(ArtifactKind.SOLUTION, ArtifactName.of(solution.name()), version);
    }

    public BuiltSolution build(Request request, List<BundleFile> files, List<VendoredSolution> vendored, List<Path> composed,
            List<PluginRequirement> plugins) {
        SolutionDocument solution = request.solution();
        ArtifactReference reference = reference(solution, request.versionOverride());
        boolean stamped = !solution.metadata("version").equals(reference.version().toString());
        if (stamped) {
            Tree.mapAt(solution.tree(), List.of("metadata"), true).orElseThrow().put("version", reference.version().toString());
        }
        byte[] yaml = composed.isEmpty() && vendored.isEmpty() && !stamped ? solution.bytes() : solution.serialize();

        long total = files.stream().mapToLong(BundleFile::size).sum();
        if (total > request.maxBundleBytes()) {
            throw new InvalidInputException("bundle exceeds maximum size limit (" + total + " bytes, limit "
                    + request.maxBundleBytes() + " bytes)");
        }
        SortedMap<String, String> annotations = annotations(solution, reference, request.created(), plugins);
        put(annotations, Annotations.SOLUTION_PINS, String.join(",", request.pins().stream().map(p -> p.kind() + "/" + p.name() + "@" + p.version()
                + p.indexDigest().map(d -> "=" + d).orElse("")).toList()));
        List<Descriptor> layers = new ArrayList<>();
        layers.add(catalog.putBlob(ArtifactKind.SOLUTION.contentMediaType(), yaml));
        if (!files.isEmpty()) {
            layers.add(storeBundle(files, plugins, request.created()));
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("annotations", annotations);
        config.put("createdAt", request.created().rfc3339());
        config.put("kind", "solution");
        config.put("name", reference.name().value());
        config.put("version", reference.version().toString());
        Descriptor configDescriptor = catalog.putBlob(ArtifactKind.SOLUTION.configMediaType(), CanonicalJson.write(config));
        byte[] manifest = new ImageManifest(configDescriptor, layers, annotations).toJson();
        Descriptor stored = catalog.putBlob(MediaTypes.IMAGE_MANIFEST, manifest).withAnnotations(annotations);

        TagOutcome outcome = catalog.tagVersion(reference, stored, request.force());
        return new BuiltSolution(reference, stored, files, vendored, composed, outcome);
    }

    private static SortedMap<String, String> annotations(SolutionDocument solution, ArtifactReference reference,
            BuildTimestamp created, List<PluginRequirement> plugins) {
        SortedMap<String, String> annotations = new TreeMap<>();
        annotations.put(Annotations.ARTIFACT_TYPE, ArtifactKind.SOLUTION.wireName());
        annotations.put(Annotations.ARTIFACT_NAME, reference.name().value());
        annotations.put(Annotations.VERSION, reference.version().toString());
        annotations.put(Annotations.CREATED, created.rfc3339());
        put(annotations, Annotations.DESCRIPTION, solution.metadata("description").strip());
        put(annotations, Annotations.SOLUTION_DISPLAY_NAME, solution.metadata("displayName"));
        put(annotations, Annotations.SOLUTION_CATEGORY, solution.metadata("category"));
        List<String> tags = Tree.texts(Tree.at(solution.tree(), "metadata", "tags"), solution.file() + ": metadata.tags");
        put(annotations, Annotations.SOLUTION_TAGS, String.join(",", tags));
        put(annotations, Annotations.SOLUTION_REQUIRES, String.join(",", plugins.stream()
                .map(p -> p.kind() + "/" + p.name() + "@" + p.constraint()).toList()));
        return annotations;
    }

    private static void put(Map<String, String> annotations, String key, String value) {
        if (value != null && !value.isBlank()) {
            annotations.put(key, value);
        }
    }

    private Descriptor storeBundle(List<BundleFile> files, List<PluginRequirement> plugins, BuildTimestamp created) {
        List<Map<String, Object>> fileEntries = new ArrayList<>();
        for (BundleFile file : files) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("path", file.path());
            entry.put("size", file.size());
            entry.put("digest", file.digest().toString());
            fileEntries.add(entry);
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("version", 1);
        manifest.put("root", ".");
        manifest.put("files", fileEntries);
        if (!plugins.isEmpty()) {
            manifest.put("plugins", plugins.stream().map(p -> Map.of("name", p.name().value(), "kind", p.kind().wireName(),
                    "version", p.constraint().toString())).toList());
        }
        byte[] manifestBytes = CanonicalJson.write(manifest);
        java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();
        try (PipedInputStream in = new PipedInputStream(1 << 16); PipedOutputStream out = new PipedOutputStream(in)) {
            Thread writer = new Thread(() -> {
                try {
                    writeTar(out, manifestBytes, files, created);
                } catch (IOException | RuntimeException e) {
                    failure.set(e);
                }
            }, "scafctl-bundle-tar");
            writer.setDaemon(true);
            writer.start();
            Descriptor bundle = catalog.putBlob(MediaTypes.SOLUTION_BUNDLE, in, "the solution bundle");
            writer.join();
            if (failure.get() != null) {
                // what was stored is a cut-off tar that nothing references; prune removes it
                throw new CatalogException("cannot write the solution bundle: " + failure.get().getMessage(), failure.get());
            }
            return bundle;
        } catch (IOException e) {
            throw new CatalogException("cannot write the solution bundle: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogException("interrupted while writing the solution bundle", e);
        }
    }

    private static void writeTar(OutputStream out, byte[] manifest, List<BundleFile> files, BuildTimestamp created)
            throws IOException {
        try (out) {
            TarWriter tar = new TarWriter(out, created.instant().getEpochSecond());
            tar.file(BUNDLE_MANIFEST, manifest);
            for (BundleFile file : files) {
                try (InputStream content = file.source() != null ? Files.newInputStream(file.source())
                        : new ByteArrayInputStream(file.content())) {
                    tar.file(file.path(), file.size(), content);
                }
            }
            tar.close();
        }
    }
}
