package dev.scafctl.catalog.remote;

import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.yaml.YamlNode;
import dev.scafctl.catalog.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The remote catalogs a build knows, in the order scafctl's chain asks them ({@code pkg/catalog/chain_builder.go}):
 * those of the plugin's {@code <catalogs>} configuration first, then the {@code oci} catalogs of scafctl's own
 * {@code config.yaml} that have a {@code url}, in file order (the reserved names {@code local} and {@code official}
 * skipped there, as scafctl pins them in place), then scafctl's built-in {@code official} catalog
 * ({@value #OFFICIAL_URL}) last, unless {@code settings.disableOfficialCatalog} is set in the file or as
 * {@value #DISABLE_OFFICIAL_ENV}. Keys of the file are matched ignoring case, as viper does. A catalog is asked for
 * by name or given as a URL.
 */
public final class ConfiguredCatalogs {

    /** scafctl's built-in catalog, asked last ({@code pkg/config/defaults.go}); the name cannot be redirected. */
    public static final String OFFICIAL = "official";
    public static final String OFFICIAL_URL = "oci://ghcr.io/oakwood-commons";
    /** scafctl's environment override of {@code settings.disableOfficialCatalog} (viper: prefix SCAFCTL, dots as _). */
    public static final String DISABLE_OFFICIAL_ENV = "SCAFCTL_SETTINGS_DISABLEOFFICIALCATALOG";

    private final List<CatalogDefinition> definitions;
    private final Optional<String> defaultCatalog;
    private final List<String> warnings;

    public ConfiguredCatalogs(List<CatalogDefinition> definitions, Optional<String> defaultCatalog) {
        this(definitions, defaultCatalog, List.of());
    }

    private ConfiguredCatalogs(List<CatalogDefinition> definitions, Optional<String> defaultCatalog, List<String> warnings) {
        this.definitions = List.copyOf(definitions);
        this.defaultCatalog = defaultCatalog;
        this.warnings = List.copyOf(warnings);
    }

    /** As {@link #of(List, Path, Map)} with this process's environment. */
    public static ConfiguredCatalogs of(List<CatalogDefinition> fromPlugin, Path scafctlConfig) {
        return of(fromPlugin, scafctlConfig, System.getenv());
    }

    /**
     * The plugin's own definitions, those of scafctl's config file when it exists, and the official catalog last
     * unless disabled (in the file or by {@value #DISABLE_OFFICIAL_ENV} in {@code environment}). What scafctl does
     * with the file that this plugin cannot (an {@code authProvider}'s tokens come from scafctl's auth-handler plugins)
     * and how an {@code http://} URL there is read are in {@link #warnings()}.
     */
    public static ConfiguredCatalogs of(List<CatalogDefinition> fromPlugin, Path scafctlConfig, Map<String, String> environment) {
        List<CatalogDefinition> all = new ArrayList<>(fromPlugin);
        List<String> warnings = new ArrayList<>();
        Optional<String> defaultCatalog = Optional.empty();
        boolean disableOfficial = false;
        if (scafctlConfig != null && Files.isRegularFile(scafctlConfig)) {
            YamlNode root = YamlNode.read(scafctlConfig);
            for (YamlNode catalog : field(root, "catalogs").items()) {
                String name = field(catalog, "name").text().orElse("");
                String url = field(catalog, "url").text().orElse("");
                if (!"oci".equals(field(catalog, "type").text().orElse("")) || url.isEmpty()
                        || name.equals(LocalCatalog.NAME) || name.equals(OFFICIAL)) {
                    continue; // as scafctl: filesystem catalogs are the local catalog; reserved names keep their place
                }
                if (name.isEmpty()) {
                    throw catalog.fail("of type oci needs a name");
                }
                field(catalog, "authProvider").text().filter(p -> !p.isBlank()).ifPresent(provider -> warnings.add(
                        "catalog \"" + name + "\" in " + scafctlConfig + " gets its token from scafctl's auth handler \""
                                + provider + "\", which this plugin cannot run; it is asked with the credentials of"
                                + " settings.xml, the environment or the docker config instead"));
                if (url.regionMatches(true, 0, "http://", 0, 7)) {
                    warnings.add("catalog \"" + name + "\" in " + scafctlConfig + " is " + url + "; scafctl always speaks"
                            + " TLS and so does this plugin for scafctl's file; configure a plain-HTTP registry in the"
                            + " plugin's <catalogs> instead");
                    url = "oci://" + url.substring(7);
                }
                all.add(new CatalogDefinition(name, url, null, false, null));
            }
            YamlNode settings = field(root, "settings");
            defaultCatalog = field(settings, "defaultCatalog").text().filter(c -> !c.isEmpty());
            disableOfficial = field(settings, "disableOfficialCatalog").text().map(ConfiguredCatalogs::isTrue).orElse(false);
        }
        String override = environment.get(DISABLE_OFFICIAL_ENV);
        if (override != null && !override.isBlank()) {
            disableOfficial = isTrue(override);
        }
        if (!disableOfficial) {
            all.add(new CatalogDefinition(OFFICIAL, OFFICIAL_URL, null, false, null));
        }
        return new ConfiguredCatalogs(all, defaultCatalog, warnings);
    }

    /** Whether {@code catalog} is the official catalog this class adds last (a name scafctl reserves). */
    public static boolean isOfficial(RemoteCatalog catalog) {
        return catalog.name().equals(OFFICIAL);
    }

    /** What this plugin reads differently from scafctl in its config file, one line each, for the build's log. */
    public List<String> warnings() {
        return warnings;
    }

    /** A key of scafctl's file, ignoring case as viper does. */
    private static YamlNode field(YamlNode mapping, String key) {
        return mapping.keys().stream().filter(k -> k.equalsIgnoreCase(key)).findFirst().map(mapping::get)
                .orElseGet(() -> mapping.get(key));
    }

    /** Go's strconv.ParseBool, which viper's bool settings go through: 1, t, T, TRUE, true, True. */
    private static boolean isTrue(String text) {
        return List.of("1", "t", "T", "TRUE", "true", "True").contains(text.strip());
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
