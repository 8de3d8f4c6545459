package dev.scafctl.catalog.oci;

import dev.scafctl.catalog.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** An OCI image manifest: one config blob and its layers. */
public record ImageManifest(Descriptor config, List<Descriptor> layers, SortedMap<String, String> annotations) {

    public ImageManifest {
        layers = List.copyOf(layers);
        annotations = new TreeMap<>(annotations == null ? Map.of() : annotations);
    }

    /** The canonical bytes of this manifest: what is stored, pushed and hashed. */
    public byte[] toJson() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("schemaVersion", 2);
        tree.put("mediaType", MediaTypes.IMAGE_MANIFEST);
        tree.put("config", config.toJsonTree());
        tree.put("layers", layers.stream().map(Descriptor::toJsonTree).toList());
        if (!annotations.isEmpty()) {
            tree.put("annotations", annotations);
        }
        return CanonicalJson.write(tree);
    }

    public static ImageManifest parse(byte[] json, String what) {
        JsonValue root = CanonicalJson.read(json, what);
        JsonValue config = root.get("config");
        if (config == null || !config.isObject()) {
            throw new InvalidInputException(what + " is not an image manifest: it has no config");
        }
        List<Descriptor> layers = new ArrayList<>();
        for (JsonValue layer : root.path("layers")) {
            layers.add(Descriptor.fromJson(layer, what));
        }
        return new ImageManifest(Descriptor.fromJson(config, what), layers, annotationsOf(root));
    }

    static SortedMap<String, String> annotationsOf(JsonValue root) {
        SortedMap<String, String> annotations = new TreeMap<>();
        JsonValue node = root.get("annotations");
        if (node != null && node.isObject()) {
            node.properties().forEach(e -> annotations.put(e.getKey(), e.getValue().asString()));
        }
        return annotations;
    }
}
