package dev.scafctl.catalog.site;

import dev.scafctl.catalog.inspect.ArtifactDescription;
import dev.scafctl.catalog.oci.Annotations;
import dev.scafctl.catalog.oci.Digest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Large catalogs made up in memory, for the page's scale check: {@code name-<i>} for {@code i} below the artifact
 * count, of kind provider, provider, provider, auth-handler, solution in turn, each with {@code versions} versions
 * and two platforms, a description and a capability name {@code cap-<i>}.
 */
final class LargeCatalogs {

    private LargeCatalogs() {}

    static CatalogSite site(int artifacts, int versions) {
        List<SiteArtifact> list = new ArrayList<>();
        for (int i = 0; i < artifacts; i++) {
            String kind = switch (i % 5) {
                case 3 -> "auth-handler";
                case 4 -> "solution";
                default -> "provider";
            };
            List<SiteVersion> versionList = new ArrayList<>();
            for (int v = versions - 1; v >= 0; v--) {
                versionList.add(version(kind, "name-" + i, "1." + v + ".0", "Synthetic artifact number " + i, "cap-" + i));
            }
            list.add(new SiteArtifact(kind, "name-" + i, List.of(), versionList));
        }
        return new CatalogSite("large (made up)", Optional.empty(), Optional.empty(), CatalogSiteTest.PLUGIN, list);
    }

    private static SiteVersion version(String kind, String name, String version, String description, String capability) {
        SortedMap<String, String> annotations = new TreeMap<>();
        annotations.put(Annotations.ARTIFACT_TYPE, kind);
        annotations.put(Annotations.VERSION, version);
        annotations.put(Annotations.CREATED, "2026-11-21T00:00:00Z");
        annotations.put(Annotations.DESCRIPTION, description);
        List<String> plugins = List.of();
        if (kind.equals("provider")) {
            annotations.put(Annotations.PROVIDER_NAMES, capability);
        } else if (kind.equals("auth-handler")) {
            annotations.put(Annotations.AUTH_HANDLER_NAMES, capability);
        } else {
            plugins = List.of("provider/name-0@^1.0.0", "auth-handler/name-3@^1");
        }
        String digest = Digest.of((name + version).getBytes(StandardCharsets.UTF_8)).toString();
        List<ArtifactDescription.PlatformBinary> platforms = kind.equals("solution") ? List.of() : List.of(
                new ArtifactDescription.PlatformBinary("linux/amd64", digest, digest, 12_345_678),
                new ArtifactDescription.PlatformBinary("darwin/arm64", digest, digest, 11_234_567));
        return new SiteVersion(new ArtifactDescription(kind + "/" + name + ":" + version, kind, name, version, digest,
                "application/vnd.oci.image.index.v1+json", "2026-11-21T00:00:00Z", "made up", platforms, annotations, plugins),
                List.of());
    }
}
