package dev.scafctl.catalog.plugin;

import dev.scafctl.catalog.artifact.ArtifactExistsException;
import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactReference;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.local.TagOutcome;
import dev.scafctl.catalog.oci.Annotations;
import dev.scafctl.catalog.oci.CanonicalJson;
import dev.scafctl.catalog.oci.Descriptor;
import dev.scafctl.catalog.oci.ImageIndex;
import dev.scafctl.catalog.oci.ImageManifest;
import dev.scafctl.catalog.oci.MediaTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Builds a plugin into the local catalog the way scafctl's {@code build plugin} does: always an OCI image index
 * with one image manifest per platform, each with a config blob and the binary as its only layer. Unlike scafctl
 * it is reproducible: every {@code created} time is the build timestamp, JSON is canonical and platforms come in
 * a fixed order, so the same inputs give the same index digest on any machine. What the plugin check learned
 * (provider or auth-handler names) is annotated on the index, its descriptor and every platform manifest.
 */
public final class PluginImageBuilder {

    private final LocalCatalog catalog;

    public PluginImageBuilder(LocalCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Stores the plugin and tags it {@code <kind>/<name>:<version>}.
     *
     * Rebuilding a version with identical content changes nothing and is not a conflict.
     *
     * @throws ArtifactExistsException when that version holds other content and {@code force} is off
     */
    public BuiltPlugin build(PluginBuildRequest request) {
        ArtifactReference reference = request.reference();
        SortedMap<String, String> annotations = artifactAnnotations(request);
        List<BuiltPlugin.PlatformImage> images = new ArrayList<>();
        for (PlatformBinary binary : request.binaries()) {
            images.add(storePlatform(request, binary, annotations));
        }
        ImageIndex index = new ImageIndex(images.stream().map(BuiltPlugin.PlatformImage::manifest).toList(), annotations);
        Descriptor indexDescriptor = catalog.putBlob(MediaTypes.IMAGE_INDEX, index.toJson()).withAnnotations(annotations);

        // Blobs are content-addressed and may be written by anyone at any time; only the tag needs the lock.
        TagOutcome outcome = catalog.tagVersion(reference, indexDescriptor, request.force());
        return new BuiltPlugin(reference, indexDescriptor, images, outcome);
    }

    private BuiltPlugin.PlatformImage storePlatform(PluginBuildRequest request, PlatformBinary binary,
            SortedMap<String, String> artifactAnnotations) {
        ArtifactReference reference = request.reference();
        ArtifactKind kind = reference.kind();
        Descriptor layer = catalog.putFile(kind.contentMediaType(), binary.file());

        byte[] config = CanonicalJson.write(Map.of(
                "createdAt", request.created().rfc3339(),
                "kind", kind.wireName(),
                "name", reference.name().value(),
                "platform", binary.platform().toString(),
                "version", reference.version().toString()));
        Descriptor configDescriptor = catalog.putBlob(kind.configMediaType(), config);

        SortedMap<String, String> annotations = new TreeMap<>(artifactAnnotations);
        annotations.put(Annotations.PLUGIN_PLATFORM, binary.platform().toString());
        ImageManifest manifest = new ImageManifest(configDescriptor, List.of(layer), annotations);
        Descriptor manifestDescriptor = catalog.putBlob(MediaTypes.IMAGE_MANIFEST, manifest.toJson())
                .withAnnotations(annotations)
                .withPlatform(binary.platform());
        return new BuiltPlugin.PlatformImage(binary.platform(), binary, manifestDescriptor, layer);
    }

    private static SortedMap<String, String> artifactAnnotations(PluginBuildRequest request) {
        ArtifactReference reference = request.reference();
        SortedMap<String, String> annotations = new TreeMap<>();
        annotations.put(Annotations.ARTIFACT_TYPE, reference.kind().wireName());
        annotations.put(Annotations.ARTIFACT_NAME, reference.name().value());
        annotations.put(Annotations.VERSION, reference.version().toString());
        annotations.put(Annotations.CREATED, request.created().rfc3339());
        request.metadata().ifPresent(metadata -> annotations.put(metadata.annotationKey(), metadata.annotationValue()));
        return annotations;
    }
}
