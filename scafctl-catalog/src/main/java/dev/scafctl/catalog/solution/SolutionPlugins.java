package dev.scafctl.catalog.solution;

import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactName;
import dev.scafctl.catalog.artifact.VersionConstraint;
import dev.scafctl.catalog.yaml.YamlNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the {@code bundle.plugins} a scafctl solution declares, checking each entry the way scafctl's build does:
 * a valid name, a plugin kind, a parseable constraint, no plugin twice, at most 50. Errors name file, line, column
 * and field.
 */
public final class SolutionPlugins {

    public static final int MAX_PLUGINS = 50;

    private SolutionPlugins() {}

    public static List<PluginRequirement> read(Path solutionFile) {
        YamlNode root = YamlNode.read(solutionFile);
        if (root.isPresent() && !root.isMapping()) {
            throw root.fail("must be a mapping with apiVersion, kind, metadata and spec");
        }
        List<YamlNode> entries = root.get("bundle").get("plugins").items();
        if (entries.size() > MAX_PLUGINS) {
            throw root.get("bundle").get("plugins").fail("declares " + entries.size() + " plugins; at most " + MAX_PLUGINS
                    + " are allowed");
        }
        List<PluginRequirement> requirements = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (YamlNode entry : entries) {
            YamlNode name = entry.get("name");
            YamlNode kind = entry.get("kind");
            YamlNode version = entry.get("version");
            PluginRequirement requirement = new PluginRequirement(
                    field(name, () -> ArtifactName.of(name.requiredText())),
                    field(kind, () -> ArtifactKind.parsePlugin(kind.requiredText())),
                    field(version, () -> VersionConstraint.parse(version.text().orElse("latest"))));
            if (!seen.add(requirement.kind() + "/" + requirement.name())) {
                throw name.fail("declares " + requirement.kind() + " \"" + requirement.name() + "\" a second time");
            }
            requirements.add(requirement);
        }
        return List.copyOf(requirements);
    }

    private interface Parse<T> {
        T get();
    }

    private static <T> T field(YamlNode node, Parse<T> parse) {
        try {
            return parse.get();
        } catch (InvalidInputException e) {
            if (e.getMessage().startsWith(node.location())) {
                throw e;
            }
            throw node.fail("is invalid: " + e.getMessage());
        }
    }
}
