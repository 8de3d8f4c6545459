package dev.scafctl.catalog.site;

import dev.scafctl.catalog.inspect.ArtifactDescription;
import dev.scafctl.catalog.oci.Annotations;
import dev.scafctl.catalog.protocol.PluginMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One version of an artifact as the catalog page shows it: what {@code inspect} describes, plus, for a solution, the
 * solutions vendored into it ({@code name@version}), and its signatures.
 */
public record SiteVersion(ArtifactDescription description, List<String> vendored, SiteSignatures signatures) {

    public SiteVersion {
        vendored = List.copyOf(vendored);
    }

    /** A version whose signatures were not read. */
    public SiteVersion(ArtifactDescription description, List<String> vendored) {
        this(description, vendored, SiteSignatures.NONE);
    }

    /** The provider names (of a provider) or auth-handler names (of an auth handler) its annotations record. */
    public List<String> provides() {
        return PluginMetadata.recordedIn(description.annotations());
    }

    /** What a solution's lock pins: {@code kind/name@version=digest}, from its pins annotation. */
    public List<String> pins() {
        return split(description.annotations().get(Annotations.SOLUTION_PINS));
    }

    static List<String> split(String commaJoined) {
        if (commaJoined == null || commaJoined.isBlank()) {
            return List.of();
        }
        return List.of(commaJoined.split(",")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    Map<String, Object> toTree() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("version", description.version());
        tree.put("digest", description.digest());
        tree.put("mediaType", description.mediaType());
        tree.put("created", description.created());
        List<Map<String, Object>> platforms = new ArrayList<>();
        for (ArtifactDescription.PlatformBinary platform : description.platforms()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("platform", platform.platform());
            row.put("size", platform.size());
            row.put("binary", platform.binary());
            platforms.add(row);
        }
        tree.put("platforms", platforms);
        tree.put("annotations", description.annotations());
        tree.put("provides", provides());
        tree.put("plugins", description.plugins());
        tree.put("pins", pins());
        tree.put("vendored", vendored);
        tree.put("signatures", signatures.toTree());
        return tree;
    }
}
