package dev.scafctl.catalog.remote;

import dev.scafctl.catalog.yaml.YamlNode;
import dev.scafctl.catalog.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The remote catalogs a build knows: those of the plugin's {@code <catalogs>} configuration first, then the
 * {@code oci} catalogs of scafctl's own {@code config.yaml} in file order (the same schema scafctl reads:
 * {@code catalogs: [{name, type, url, authProvider}]}). A catalog is asked for by name or given as a URL.
 */
public final class ConfiguredCatalogs {

    private final List<CatalogDefinition> definitions;
    private final Optional<String> defaultCatalog;

    public ConfiguredCatalogs(List<CatalogDefinition> definitions, Optional<String> defaultCatalog) {
        this.definitions = List.copyOf(definitions);
        this.defaultCatalog = defaultCatalog;
    }

    /** The plugin's own definitions followed by those of scafctl's config file, when it exists. */
    public static ConfiguredCatalogs of(List<CatalogDefinition> fromPlugin, Path scafctlConfig) {
        List<CatalogDefinition> all = new ArrayList<>(fromPlugin);
        Optional<String> defaultCatalog = Optional.empty();
        if (scafctlConfig != null && Files.isRegularFile(scafctlConfig)) {
            YamlNode root = YamlNode.read(scafctlConfig);
            for (YamlNode catalog : root.get("catalogs").items()) {
                if (!"oci".equals(catalog.get("type").text().orElse(""))) {
                    continue; // filesystem catalogs are the local catalog
                }
                String name = catalog.get("name").text().orElse("");
                String url = catalog.get("url").text().orElse("");
                if (name.isEmpty() || url.isEmpty()) {
                    throw catalog.fail("of type oci needs a name and a url");
                }
                all.add(new CatalogDefinition(name, url, null, false, null));
            }
            defaultCatalog = root.get("settings").get("defaultCatalog").text().filter(c -> !c.isEmpty());
        }
        return new ConfiguredCatalogs(all, defaultCatalog);
    }

    /** The remote catalogs in chain order. */
    public List<RemoteCatalog> chain() {
        return definitions.stream().map(CatalogDefinition::toRemoteCatalog).toList();
    }

    /**
     * The catalog named {@code nameOrUrl}, or, when no catalog has that name, the URL itself (with the TLS options of
     * the configured catalog on the same registry, if any).
     */
    public RemoteCatalog resolve(String nameOrUrl) {
        for (CatalogDefinition definition : definitions) {
            if (definition.name().equals(nameOrUrl)) {
                return definition.toRemoteCatalog();
            }
        }
        if (looksLikeAName(nameOrUrl)) {
            String known = definitions.stream().map(CatalogDefinition::name).distinct()
                    .collect(java.util.stream.Collectors.joining(", "));
            throw new InvalidInputException("no catalog named \"" + nameOrUrl + "\"; " + (known.isEmpty()
                    ? "no catalog is configured (<catalogs> in the pom, or scafctl's config.yaml)"
                    : "the configured catalogs are " + known) + "; or give a URL such as oci://registry.example.com/scafctl");
        }
        RemoteCatalog parsed = RemoteCatalog.parse(null, nameOrUrl, false, null);
        return definitions.stream().map(CatalogDefinition::toRemoteCatalog)
                .filter(c -> c.registry().host().equals(parsed.registry().host()))
                .findFirst()
                .map(c -> RemoteCatalog.parse(null, nameOrUrl, c.registry().insecure(), c.registry().caFile()))
                .orElse(parsed);
    }

    /**
     * Whether {@code nameOrUrl} can only be meant as a catalog name: no scheme, and a first segment with no dot or
     * colon that is not {@code localhost} (so it cannot be a registry host, as docker reads image names).
     */
    private static boolean looksLikeAName(String nameOrUrl) {
        String text = nameOrUrl.strip();
        if (text.contains("://")) {
            return false;
        }
        String first = text.split("/", 2)[0];
        return !first.contains(".") && !first.contains(":") && !first.equals("localhost");
    }

    /** The TLS options configured for a registry host, applied to a URL given on the command line. */
    public Registry withConfiguredTls(Registry registry) {
        return definitions.stream().map(CatalogDefinition::toRemoteCatalog).map(RemoteCatalog::registry)
                .filter(r -> r.host().equals(registry.host()) && r.plainHttp() == registry.plainHttp())
                .findFirst().orElse(registry);
    }

    /** scafctl's {@code settings.defaultCatalog}, when set. */
    public Optional<String> defaultCatalog() {
        return defaultCatalog;
    }
}
