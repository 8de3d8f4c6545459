package dev.scafctl.maven.support;

import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.remote.CatalogDefinition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Build;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * The scafctl plugin's parameters of one project as Maven would give them to a goal, read from the same places by
 * the goals and by the lock extension (which runs before any goal, so Maven cannot inject them there): the plugin's
 * {@code <configuration>} in the pom (the execution's over the plugin-level one), else the user property
 * ({@code -D}), else the project's {@code <properties>}. A value configured in the pom wins over a property, as it
 * does for every Maven plugin. Relative paths are resolved against the project folder.
 */
public final class ScafctlParameters {

    /** The plugin whose configuration this reads. */
    public static final String PLUGIN_KEY = "dev.scafctl:scafctl-maven-plugin";

    /** The goals whose catalog settings the lock extension follows: those that resolve plugins. */
    public static final Set<String> RESOLVING_GOALS = Set.of("install-plugins", "build-solution", "verify-lock");

    private final Properties userProperties;
    private final Properties projectProperties;
    private final List<Xpp3Dom> configurations;
    private final Path basedir;

    /**
     * @param configurations the plugin configurations that apply, most specific first (an execution's, then the
     *     plugin-level one)
     */
    public ScafctlParameters(Properties userProperties, Properties projectProperties, List<Xpp3Dom> configurations,
            Path basedir) {
        this.userProperties = userProperties;
        this.projectProperties = projectProperties;
        this.configurations = List.copyOf(configurations);
        this.basedir = basedir;
    }

    /** The parameters of the goal execution {@code executionId} ({@code default-cli} from the command line). */
    public static ScafctlParameters forExecution(MavenSession session, MavenProject project, String executionId) {
        List<Xpp3Dom> configurations = new ArrayList<>();
        pluginOf(project).ifPresent(plugin -> {
            plugin.getExecutions().stream().filter(e -> e.getId().equals(executionId)).findFirst()
                    .map(PluginExecution::getConfiguration).ifPresent(c -> add(configurations, c));
            add(configurations, plugin.getConfiguration());
        });
        return of(session, project, configurations);
    }

    /**
     * The parameters the lock extension uses: those of the project's first execution of a goal that resolves
     * plugins ({@link #RESOLVING_GOALS}), over the plugin-level configuration, so that the lock is made from the same
     * catalog chain that {@code install-plugins} and {@code build-solution} of the same pom use.
     */
    public static ScafctlParameters forResolvingGoals(MavenSession session, MavenProject project) {
        List<Xpp3Dom> configurations = new ArrayList<>();
        pluginOf(project).ifPresent(plugin -> {
            plugin.getExecutions().stream().filter(e -> e.getGoals().stream().anyMatch(RESOLVING_GOALS::contains))
                    .findFirst().map(PluginExecution::getConfiguration).ifPresent(c -> add(configurations, c));
            add(configurations, plugin.getConfiguration());
        });
        return of(session, project, configurations);
    }

    /** The scafctl plugin as the project's build declares it, else as its plugin management does. */
    public static Optional<Plugin> pluginOf(MavenProject project) {
        Build build = project.getBuild();
        if (build == null) {
            return Optional.empty();
        }
        Plugin plugin = build.getPluginsAsMap().get(PLUGIN_KEY);
        if (plugin == null && build.getPluginManagement() != null) {
            plugin = build.getPluginManagement().getPluginsAsMap().get(PLUGIN_KEY);
        }
        return Optional.ofNullable(plugin);
    }

    private static ScafctlParameters of(MavenSession session, MavenProject project, List<Xpp3Dom> configurations) {
        Path basedir = project.getBasedir() != null ? project.getBasedir().toPath() : Path.of("");
        return new ScafctlParameters(session.getUserProperties(), project.getProperties(), configurations,
                basedir.toAbsolutePath());
    }

    private static void add(List<Xpp3Dom> configurations, Object configuration) {
        if (configuration instanceof Xpp3Dom dom) {
            configurations.add(dom);
        }
    }

    /** The value of parameter {@code name}, whose user property is {@code property}; blank counts as unset. */
    public Optional<String> value(String name, String property) {
        for (Xpp3Dom configuration : configurations) {
            Xpp3Dom child = configuration.getChild(name);
            if (child != null && child.getValue() != null && !child.getValue().isBlank()) {
                return Optional.of(child.getValue().strip());
            }
        }
        return property(property);
    }

    /** A property alone: {@code -D} over the project's {@code <properties>}. */
    public Optional<String> property(String property) {
        return nonBlank(userProperties.getProperty(property)).or(() -> nonBlank(projectProperties.getProperty(property)));
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** A boolean parameter, {@code false} when unset. */
    public boolean flag(String name, String property) {
        return value(name, property).map(Boolean::parseBoolean).orElse(false);
    }

    /** A path parameter, resolved against the project folder. */
    public Optional<Path> path(String name, String property) {
        return value(name, property).map(basedir::resolve).map(Path::normalize);
    }

    /**
     * A list of paths: the children of {@code <name>} in the most specific configuration that has it, else the
     * property's comma-separated value; each resolved against the project folder.
     */
    public List<Path> paths(String name, String property) {
        List<String> values = new ArrayList<>();
        for (Xpp3Dom configuration : configurations) {
            Xpp3Dom list = configuration.getChild(name);
            if (list != null && list.getChildCount() > 0) {
                for (Xpp3Dom item : list.getChildren()) {
                    if (item.getValue() != null && !item.getValue().isBlank()) {
                        values.add(item.getValue().strip());
                    }
                }
                break;
            }
            if (list != null && list.getValue() != null && !list.getValue().isBlank()) {
                values.addAll(List.of(list.getValue().split(",")));
                break;
            }
        }
        if (values.isEmpty()) {
            property(property).ifPresent(text -> values.addAll(List.of(text.split(","))));
        }
        return values.stream().map(String::strip).filter(v -> !v.isEmpty()).map(basedir::resolve).map(Path::normalize).toList();
    }

    /** The {@code <catalogs>} of the most specific configuration that has them, in order. */
    public List<CatalogDefinition> catalogs() {
        for (Xpp3Dom configuration : configurations) {
            Xpp3Dom catalogs = configuration.getChild("catalogs");
            if (catalogs != null) {
                List<CatalogDefinition> definitions = new ArrayList<>();
                for (Xpp3Dom catalog : catalogs.getChildren()) {
                    definitions.add(definition(catalog));
                }
                return definitions;
            }
        }
        return List.of();
    }

    private CatalogDefinition definition(Xpp3Dom catalog) {
        Optional<String> caFile = text(catalog, "caFile");
        try {
            return new CatalogDefinition(text(catalog, "name").orElse(null), text(catalog, "url").orElse(null),
                    text(catalog, "pushUrl").orElse(null), text(catalog, "insecure").map(Boolean::parseBoolean).orElse(false),
                    caFile.map(basedir::resolve).map(Path::normalize).orElse(null));
        } catch (InvalidInputException e) {
            throw new InvalidInputException("<catalogs>: " + e.getMessage());
        }
    }

    private static Optional<String> text(Xpp3Dom parent, String name) {
        Xpp3Dom child = parent.getChild(name);
        return child == null || child.getValue() == null || child.getValue().isBlank() ? Optional.empty()
                : Optional.of(child.getValue().strip());
    }
}
