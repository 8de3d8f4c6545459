package dev.scafctl.catalog.site;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the catalog page shows: the catalog's name, a note when the listing is incomplete (a registry that refuses
 * {@code _catalog}), where to pull from, the plugin coordinates for the copy-ready snippets, and every artifact.
 *
 * @param catalog how the catalog is named on the page
 * @param pullFrom for a remote catalog, the reference prefix {@code pull} takes ({@code host/prefix}, or
 *        {@code http://host/prefix} for a plain-HTTP registry); empty for the local catalog
 * @param plugin {@code groupId:artifactId:version} of the Maven plugin the snippets use
 */
public record CatalogSite(String catalog, Optional<String> note, Optional<String> pullFrom, String plugin,
        List<SiteArtifact> artifacts) {

    public CatalogSite {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(plugin, "plugin");
        artifacts = artifacts.stream()
                .sorted(Comparator.comparing(SiteArtifact::name).thenComparing(SiteArtifact::kind)).toList();
    }

    /** How many artifact versions the page lists. */
    public int versionCount() {
        return artifacts.stream().mapToInt(a -> a.versions().size()).sum();
    }

    Map<String, Object> toTree() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("catalog", catalog);
        note.ifPresent(n -> tree.put("note", n));
        pullFrom.ifPresent(p -> tree.put("pullFrom", p));
        tree.put("plugin", plugin);
        tree.put("artifacts", artifacts.stream().map(SiteArtifact::toTree).toList());
        return tree;
    }
}
