package dev.scafctl.catalog.solution;

import dev.scafctl.catalog.DidYouMean;
import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactName;
import dev.scafctl.catalog.artifact.PluginRequirement;
import dev.scafctl.catalog.artifact.VersionConstraint;
import dev.scafctl.catalog.yaml.YamlNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code bundle.plugins} a scafctl solution declares, checking each entry the way scafctl's build does:
 * a valid name, a plugin kind, a parseable constraint, no plugin twice, at most 50. Errors name file, line, column
 * and field.
 */
public final class SolutionPlugins {

    public static final int MAX_PLUGINS = 50;

    /** The keys scafctl reads (pkg/solution/solution.go): of the document, of {@code bundle}, of a plugin entry. */
    static final List<String> TOP_LEVEL_KEYS = List.of("apiVersion", "kind", "metadata", "catalog", "compose", "bundle", "spec");
    static final List<String> BUNDLE_KEYS = List.of("include", "plugins");
    static final List<String> PLUGIN_KEYS = List.of("name", "kind", "version", "defaults");

    /** Mistakes seen in the wild that spelling alone would not catch. */
    private static final Map<String, String> PLUGIN_KEY_MEANT = Map.of("constraint", "version", "versions", "version",
            "type", "kind");

    private SolutionPlugins() {}

    /** The plugins of a solution's document, which is a mapping or absent (an empty file). */
    static List<PluginRequirement> of(YamlNode root) {
        List<YamlNode> entries = root.get("bundle").get("plugins").items();
        if (entries.size() > MAX_PLUGINS) {
            throw root.get("bundle").get("plugins").fail("declares " + entries.size() + " plugins; at most " + MAX_PLUGINS
                    + " are allowed");
        }
        List<PluginRequirement> requirements = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (YamlNode entry : entries) {
            for (String key : entry.keys()) {
                if (!PLUGIN_KEYS.contains(key)) {
                    throw entry.get(key).fail("is not a key of a plugin entry (" + String.join(", ", PLUGIN_KEYS) + ")"
                            + Optional.ofNullable(PLUGIN_KEY_MEANT.get(key)).or(() -> DidYouMean.nearest(key, PLUGIN_KEYS))
                                    .map(k -> "; did you mean \"" + k + "\"?").orElse(""));
                }
            }
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

    /**
     * The plugins a stored solution's YAML (layer 0) declares in {@code bundle.plugins}, as
     * {@code kind/name@constraint} like the {@code dev.scafctl.solution.requires} annotation this project writes:
     * what a solution scafctl built shows, since scafctl never writes that annotation. Entries without a name are left
     * out; a missing kind is a provider and a missing version {@code latest}, as scafctl reads them.
     */
    public static List<String> declaredIn(byte[] solutionYaml) {
        List<String> declared = new ArrayList<>();
        Object tree = YamlNode.parse(Path.of("the stored solution.yaml"),
                new String(solutionYaml, java.nio.charset.StandardCharsets.UTF_8)).toValue();
        for (Object entry : Tree.items(Tree.at(tree, "bundle", "plugins"))) {
            String name = Tree.text(Tree.at(entry, "name"), "");
            if (!name.isBlank()) {
                declared.add(Tree.text(Tree.at(entry, "kind"), "provider") + "/" + name + "@"
                        + Tree.text(Tree.at(entry, "version"), "latest"));
            }
        }
        return declared;
    }

    /**
     * Keys that are one slip away from a key scafctl reads ({@code bundel:} for {@code bundle:}), with file and line:
     * scafctl ignores unknown keys, so such a slip silently means "no plugins". Warnings, not errors, since a solution
     * may carry keys of its own.
     */
    static List<String> nearMisses(YamlNode root) {
        List<String> warnings = new ArrayList<>();
        nearMisses(root, TOP_LEVEL_KEYS, "top-level key", warnings);
        if (root.get("bundle").isMapping()) {
            nearMisses(root.get("bundle"), BUNDLE_KEYS, "key of bundle", warnings);
        }
        return warnings;
    }

    private static void nearMisses(YamlNode mapping, List<String> known, String what, List<String> warnings) {
        for (String key : mapping.keys()) {
            if (!known.contains(key)) {
                DidYouMean.nearest(key, known).ifPresent(meant -> warnings.add(mapping.get(key).location() + ": \"" + key
                        + "\" is not a " + what + " scafctl reads, so it is ignored; did you mean \"" + meant + "\"?"));
            }
        }
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
