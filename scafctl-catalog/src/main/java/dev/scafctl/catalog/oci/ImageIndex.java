package dev.scafctl.catalog.oci;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** An OCI image index: a manifest of manifests, one per platform for a scafctl plugin. */
public record ImageIndex(List<Descriptor> manifests, SortedMap<String, String> annotations) {

    public ImageIndex {
        manifests = List.copyOf(manifests);
        annotations = new TreeMap<>(annotations == null ? Map.of() : annotations);
    }

    /** The canonical bytes of this index: what is stored, pushed and hashed. */
    public byte[] toJson() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("schemaVersion", 2);
        tree.put("mediaType", MediaTypes.IMAGE_INDEX);
        tree.put("manifests", manifests.stream().map(Descriptor::toJsonTree).toList());
        if (!annotations.isEmpty()) {
            tree.put("annotations", annotations);
        }
        return CanonicalJson.write(tree);
    }

    public static ImageIndex parse(byte[] json, String what) {
        JsonValue root = CanonicalJson.read(json, what);
        List<Descriptor> manifests = new ArrayList<>();
        for (JsonValue manifest : root.path("manifests")) {
            manifests.add(Descriptor.fromJson(manifest, what));
        }
        return new ImageIndex(manifests, ImageManifest.annotationsOf(root));
    }
}
