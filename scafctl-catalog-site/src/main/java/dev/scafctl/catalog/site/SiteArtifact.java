package dev.scafctl.catalog.site;

import dev.scafctl.catalog.oci.Annotations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One artifact of the catalog page: its kind and name, its aliases, and its versions newest first. */
public record SiteArtifact(String kind, String name, List<String> aliases, List<SiteVersion> versions) {

    static final String TAGS = Annotations.SOLUTION_TAGS;

    public SiteArtifact {
        aliases = List.copyOf(aliases);
        versions = List.copyOf(versions);
    }

    /** The newest version's description, or nothing. */
    public String description() {
        return newest(Annotations.DESCRIPTION);
    }

    /** The newest version's tags. */
    public List<String> tags() {
        return SiteVersion.split(newest(TAGS));
    }

    /** The provider and auth-handler names of every version, sorted: what a search by capability finds. */
    public List<String> provides() {
        return versions.stream().flatMap(v -> v.provides().stream()).distinct().sorted().toList();
    }

    private String newest(String annotation) {
        return versions.isEmpty() ? "" : versions.get(0).description().annotations().getOrDefault(annotation, "");
    }

    Map<String, Object> toTree() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("kind", kind);
        tree.put("name", name);
        tree.put("description", description());
        tree.put("tags", tags());
        tree.put("provides", provides());
        tree.put("aliases", aliases);
        tree.put("versions", versions.stream().map(SiteVersion::toTree).toList());
        return tree;
    }
}
