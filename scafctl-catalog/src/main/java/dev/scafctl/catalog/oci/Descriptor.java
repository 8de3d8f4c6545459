package dev.scafctl.catalog.oci;

import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.artifact.Platform;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/** An OCI content descriptor: what a blob is, its digest and size, and optionally its annotations and platform. */
public record Descriptor(String mediaType, Digest digest, long size, SortedMap<String, String> annotations,
        Platform platform) {

    public Descriptor {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
        annotations = Collections.unmodifiableSortedMap(new TreeMap<>(annotations == null ? Map.of() : annotations));
    }

    public static Descriptor of(String mediaType, Digest digest, long size) {
        return new Descriptor(mediaType, digest, size, null, null);
    }

    public Descriptor withAnnotations(Map<String, String> newAnnotations) {
        return new Descriptor(mediaType, digest, size, new TreeMap<>(newAnnotations), platform);
    }

    public Descriptor withPlatform(Platform newPlatform) {
        return new Descriptor(mediaType, digest, size, annotations, newPlatform);
    }

    public String annotation(String key) {
        return annotations.get(key);
    }

    /** The JSON object form; keys are sorted on output by {@link CanonicalJson}. */
    public Map<String, Object> toJsonTree() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("mediaType", mediaType);
        tree.put("digest", digest.toString());
        tree.put("size", size);
        if (!annotations.isEmpty()) {
            tree.put("annotations", annotations);
        }
        if (platform != null) {
            tree.put("platform", Map.of("os", platform.os(), "architecture", platform.architecture()));
        }
        return tree;
    }

    /** Reads a descriptor object, ignoring fields this project does not use. */
    public static Descriptor fromJson(JsonValue node, String what) {
        JsonValue mediaType = node.get("mediaType");
        JsonValue digest = node.get("digest");
        JsonValue size = node.get("size");
        if (mediaType == null || !mediaType.isString() || digest == null || !digest.isString()
                || size == null || !size.isIntegralNumber()) {
            throw new InvalidInputException(what + ": a descriptor needs mediaType, digest and size");
        }
        SortedMap<String, String> annotations = new TreeMap<>();
        JsonValue annotationNode = node.get("annotations");
        if (annotationNode != null && annotationNode.isObject()) {
            annotationNode.properties().forEach(e -> annotations.put(e.getKey(), e.getValue().asString()));
        }
        Platform platform = null;
        JsonValue platformNode = node.get("platform");
        if (platformNode != null && platformNode.isObject()) {
            platform = new Platform(platformNode.path("os").asString(""),
                    platformNode.path("architecture").asString(""));
        }
        return new Descriptor(mediaType.asString(), Digest.parse(digest.asString()), size.asLong(), annotations,
                platform);
    }
}
