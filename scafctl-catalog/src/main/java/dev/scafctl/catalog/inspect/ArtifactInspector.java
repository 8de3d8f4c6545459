package dev.scafctl.catalog.inspect;

import dev.scafctl.catalog.ArtifactNotFoundException;
import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactReference;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.oci.Annotations;
import dev.scafctl.catalog.oci.ArtifactWalk;
import dev.scafctl.catalog.oci.Descriptor;
import dev.scafctl.catalog.oci.ImageManifest;
import dev.scafctl.catalog.oci.MediaTypes;
import dev.scafctl.catalog.remote.Manifest;
import dev.scafctl.catalog.remote.RegistryClient;
import dev.scafctl.catalog.remote.RemoteCatalog;
import dev.scafctl.catalog.remote.TransferListener;
import dev.scafctl.catalog.solution.SolutionPlugins;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Describes an artifact version from the local catalog or a registry, reading manifests; of a solution without the
 * {@code dev.scafctl.solution.requires} annotation (every solution scafctl builds, v1 or v2 bundle) also its small
 * YAML layer 0, for the plugins its {@code bundle.plugins} declares.
 */
public final class ArtifactInspector {

    private ArtifactInspector() {}

    public static ArtifactDescription local(LocalCatalog catalog, ArtifactReference reference) {
        return local(catalog, reference, catalog.require(reference));
    }

    /** As {@link #local(LocalCatalog, ArtifactReference)}, for an entry already read from {@code index.json}. */
    public static ArtifactDescription local(LocalCatalog catalog, ArtifactReference reference, Descriptor entry) {
        catalog.verify(reference.toString(), entry);
        byte[] root = catalog.readBlob(entry.digest());
        return describe(reference, new Manifest(entry.mediaType(), root, entry.digest()), "catalog \"local\"",
                digest -> catalog.readBlob(digest.digest()), layer -> catalog.readBlob(layer.digest()));
    }

    public static ArtifactDescription remote(RegistryClient client, RemoteCatalog catalog, ArtifactReference reference) {
        String repository = catalog.repository(reference.kind(), reference.name());
        Manifest root = client.fetchManifest(repository, reference.version().toString()).orElseThrow(() ->
                new ArtifactNotFoundException("artifact \"" + reference + "\" not found in catalog \"" + catalog + "\""));
        return describe(reference, root, catalog.registry().host() + "/" + repository,
                child -> client.fetchManifest(repository, child.digest().toString()).orElseThrow(() ->
                        new ArtifactNotFoundException("registry " + catalog.registry() + " lists " + child.digest()
                                + " but does not serve it")).bytes(),
                // only layers of at most MAX_SOLUTION_YAML bytes are asked for, and what arrives is verified
                layer -> client.downloadBlob(repository, layer, TransferListener.NONE, InputStream::readAllBytes));
    }

    /** A solution YAML larger than this is not read for its plugins. */
    public static final long MAX_SOLUTION_YAML = 4L << 20;

    private static ArtifactDescription describe(ArtifactReference reference, Manifest root, String source,
            Function<Descriptor, byte[]> manifests, Function<Descriptor, byte[]> layers) {
        SortedMap<String, String> annotations = new TreeMap<>(Annotations.of(root.bytes(), reference.toString()));
        List<ArtifactDescription.PlatformBinary> platforms = new ArrayList<>();
        if (root.isIndex()) {
            for (ArtifactWalk.Part part : ArtifactWalk.of(root.descriptor(), root.bytes(), manifests::apply).parts()) {
                platforms.add(platform(part.descriptor(), part.manifest(),
                        Optional.ofNullable(part.platform()).orElse("?")));
            }
        } else if (MediaTypes.IMAGE_MANIFEST.equals(root.mediaType()) && reference.kind().isPlugin()) {
            ImageManifest manifest = ImageManifest.parse(root.bytes(), reference.toString());
            platforms.add(platform(root.descriptor(), manifest,
                    manifest.annotations().getOrDefault(Annotations.PLUGIN_PLATFORM, "any")));
        }
        List<String> plugins = new ArrayList<>();
        String requires = annotations.get(Annotations.SOLUTION_REQUIRES);
        if (requires != null && !requires.isBlank()) {
            plugins.addAll(List.of(requires.split(",")));
        } else if (reference.kind() == ArtifactKind.SOLUTION && MediaTypes.isManifest(root.mediaType())) {
            List<Descriptor> solutionLayers = ImageManifest.parse(root.bytes(), reference.toString()).layers();
            if (!solutionLayers.isEmpty() && solutionLayers.get(0).size() <= MAX_SOLUTION_YAML) {
                plugins.addAll(SolutionPlugins.declaredIn(layers.apply(solutionLayers.get(0))));
            }
        }
        return new ArtifactDescription(reference.localRefName(), reference.kind().wireName(), reference.name().value(),
                reference.version().toString(), root.digest().toString(), root.mediaType(),
                annotations.getOrDefault(Annotations.CREATED, ""), source, platforms, annotations, plugins);
    }

    private static ArtifactDescription.PlatformBinary platform(Descriptor manifestDescriptor, ImageManifest manifest, String platform) {
        Descriptor binary = manifest.layers().isEmpty() ? manifest.config() : manifest.layers().get(0);
        return new ArtifactDescription.PlatformBinary(platform, manifestDescriptor.digest().toString(),
                binary.digest().toString(), binary.size());
    }
}
