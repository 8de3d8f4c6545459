package dev.scafctl.catalog.remote;

import dev.scafctl.catalog.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The remote catalogs a build knows: those of the plugin's {@code <catalogs>} configuration first, then the
 * {@code oci} catalogs of scafctl's own {@code config.yaml} in file order (the same schema scafctl reads:
 * {@code catalogs: [{name, type, url, authProvider}]}). A catalog is asked for by name or given as a URL.
 */
public final class ConfiguredCatalogs {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

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
            JsonNode root = readYaml(scafctlConfig);
            int index = 0;
            for (JsonNode catalog : root.path("catalogs")) {
                index++;
                if (!"oci".equals(catalog.path("type").asString(""))) {
                    continue; // filesystem catalogs are the local catalog
                }
                String name = catalog.path("name").asString("");
                String url = catalog.path("url").asString("");
                if (name.isEmpty() || url.isEmpty()) {
                    throw new InvalidInputException(scafctlConfig + ": catalogs[" + (index - 1)
                            + "] of type oci needs a name and a url");
                }
                all.add(new CatalogDefinition(name, url, null, false, null));
            }
            String configured = root.path("settings").path("defaultCatalog").asString("");
            defaultCatalog = configured.isEmpty() ? Optional.empty() : Optional.of(configured);
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
        RemoteCatalog parsed = RemoteCatalog.parse(null, nameOrUrl, false, null);
        return definitions.stream().map(CatalogDefinition::toRemoteCatalog)
                .filter(c -> c.registry().host().equals(parsed.registry().host()))
                .findFirst()
                .map(c -> RemoteCatalog.parse(null, nameOrUrl, c.registry().insecure(), c.registry().caFile()))
                .orElse(parsed);
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

    private static JsonNode readYaml(Path file) {
        try {
            JsonNode node = YAML.readTree(Files.readString(file));
            return node == null ? YAML.createObjectNode() : node;
        } catch (JacksonException e) {
            TokenStreamLocation where = e.getLocation();
            throw new InvalidInputException(file + (where == null ? "" : ":" + where.getLineNr() + ":" + where.getColumnNr())
                    + ": not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
