package dev.scafctl.maven.support;

import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactName;
import dev.scafctl.catalog.artifact.Version;
import dev.scafctl.catalog.solution.ReactorPlugin;
import dev.scafctl.catalog.yaml.YamlNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;

/**
 * What a module builds, named once for every goal that needs it: {@code build-plugin} (what it stores), {@code push}
 * (what it publishes by default) and the lock extension (which plugins the build makes, so that no solution of the
 * same build looks them up before they exist).
 */
public final class ModuleArtifacts {

    /** The user property of the artifact version; {@code scafctl.version} is left to the plugin's own version. */
    public static final String ARTIFACT_VERSION = "scafctl.artifactVersion";

    /** A plugin as a {@code build-plugin} execution names it, not yet parsed (parsing errors belong to the goal). */
    public record PluginCoordinates(String kind, String name, String version) {}

    private ModuleArtifacts() {}

    /**
     * The plugin a {@code build-plugin} with these parameters builds in {@code project}: {@code <name>}
     * ({@code scafctl.name}) else the artifactId, {@code <kind>} ({@code scafctl.kind}) else {@code provider},
     * {@code <version>} ({@code scafctl.artifactVersion}) else the project version.
     */
    public static PluginCoordinates plugin(ScafctlParameters parameters, MavenProject project) {
        return new PluginCoordinates(parameters.value("kind", "scafctl.kind").orElse("provider"),
                parameters.value("name", "scafctl.name").orElse(project.getArtifactId()),
                parameters.value("version", ARTIFACT_VERSION).orElse(project.getVersion()));
    }

    /** The plugin the module's first bound {@code build-plugin} execution builds, if it has one. */
    public static Optional<PluginCoordinates> builtPlugin(MavenSession session, MavenProject project) {
        return buildPluginExecutions(project).stream().findFirst()
                .map(e -> plugin(ScafctlParameters.forExecution(session, project, e.getId()), project));
    }

    /**
     * {@code name@version} of the solution the module's first bound {@code build-solution} stores: {@code metadata.name}
     * of its solution, the version {@code <version>} ({@code scafctl.artifactVersion}), else {@code metadata.version},
     * else the project version, as that goal takes them.
     */
    public static Optional<String> builtSolution(MavenSession session, MavenProject project) {
        Optional<PluginExecution> execution = boundExecutions(project, "build-solution").stream().findFirst();
        if (execution.isEmpty()) {
            return Optional.empty();
        }
        ScafctlParameters parameters = ScafctlParameters.forExecution(session, project, execution.get().getId());
        Path solution = parameters.path("solution", "scafctl.solution")
                .orElse(project.getBasedir().toPath().resolve("solution.yaml"));
        if (!Files.isRegularFile(solution)) {
            return Optional.empty();
        }
        YamlNode metadata = YamlNode.read(solution).get("metadata");
        Optional<String> name = metadata.get("name").text();
        String version = parameters.value("version", ARTIFACT_VERSION).or(() -> metadata.get("version").text())
                .orElse(project.getVersion());
        return name.map(n -> n + "@" + version);
    }

    /** Every plugin that a module of this build builds in a bound {@code build-plugin} execution. */
    public static List<ReactorPlugin> reactorPlugins(MavenSession session) {
        List<ReactorPlugin> plugins = new ArrayList<>();
        for (MavenProject project : session.getProjects()) {
            for (PluginExecution execution : buildPluginExecutions(project)) {
                PluginCoordinates coordinates = plugin(ScafctlParameters.forExecution(session, project, execution.getId()), project);
                try {
                    plugins.add(new ReactorPlugin(ArtifactKind.parsePlugin(coordinates.kind()),
                            ArtifactName.of(coordinates.name()), Version.parse(coordinates.version()), project.getArtifactId()));
                } catch (InvalidInputException e) {
                    // build-plugin itself reports the bad parameter, naming it, when the module builds
                }
            }
        }
        return plugins;
    }

    /** The first module of this build that builds {@code plugin}, for ordering the reactor. */
    public static Optional<MavenProject> moduleBuilding(MavenSession session, ReactorPlugin plugin) {
        return session.getProjects().stream().filter(p -> p.getArtifactId().equals(plugin.module())
                && !buildPluginExecutions(p).isEmpty()).findFirst();
    }

    private static List<PluginExecution> buildPluginExecutions(MavenProject project) {
        return boundExecutions(project, "build-plugin");
    }

    /** The module's bound executions of {@code goal} (plugin management binds nothing by itself). */
    private static List<PluginExecution> boundExecutions(MavenProject project, String goal) {
        return Optional.ofNullable(project.getBuild()).map(b -> b.getPluginsAsMap().get(ScafctlParameters.PLUGIN_KEY))
                .map(plugin -> plugin.getExecutions().stream().filter(e -> e.getGoals().contains(goal)).toList())
                .orElse(List.of());
    }
}
