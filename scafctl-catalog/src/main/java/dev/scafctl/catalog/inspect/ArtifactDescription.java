package dev.scafctl.catalog.inspect;

import dev.scafctl.catalog.ByteCount;
import dev.scafctl.catalog.protocol.PluginMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/** What {@code inspect} shows of one artifact version, read from its manifests only (no layer is downloaded). */
public record ArtifactDescription(String reference, String kind, String name, String version, String digest,
        String mediaType, String created, String source, List<PlatformBinary> platforms, SortedMap<String, String> annotations,
        List<String> plugins) {

    /** One platform of a plugin: its manifest and the size of its binary. */
    public record PlatformBinary(String platform, String manifest, String binary, long size) {}

    public Map<String, Object> toTree() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("reference", reference);
        tree.put("kind", kind);
        tree.put("name", name);
        tree.put("version", version);
        tree.put("digest", digest);
        tree.put("mediaType", mediaType);
        tree.put("created", created);
        tree.put("source", source);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PlatformBinary platform : platforms) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("platform", platform.platform());
            row.put("manifest", platform.manifest());
            row.put("binary", platform.binary());
            row.put("size", platform.size());
            rows.add(row);
        }
        tree.put("platforms", rows);
        tree.put("annotations", annotations);
        if (!plugins.isEmpty()) {
            tree.put("plugins", plugins);
        }
        return tree;
    }

    /** Lines for people. */
    public List<String> toText() {
        List<String> lines = new ArrayList<>();
        lines.add(kind + " " + name + "@" + version + "  (" + source + ")");
        lines.add("  digest:    " + digest);
        lines.add("  created:   " + created);
        List<String> names = PluginMetadata.recordedIn(annotations);
        if (!names.isEmpty()) {
            lines.add("  provides:  " + String.join(",", names));
        }
        for (PlatformBinary platform : platforms) {
            lines.add(String.format("  %-14s %10s  %s", platform.platform(), new ByteCount(platform.size()), platform.binary()));
        }
        plugins.forEach(plugin -> lines.add("  plugin:    " + plugin));
        annotations.forEach((key, value) -> lines.add("  " + key + " = " + value));
        return lines;
    }
}
