package dev.scafctl.catalog.solution;

import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.artifact.ArtifactName;
import dev.scafctl.catalog.artifact.PluginRequirement;
import dev.scafctl.catalog.yaml.YamlNode;
import dev.scafctl.catalog.yaml.YamlWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scafctl Solution YAML file, read once for the whole goal: its bytes (stored as they are when nothing changes
 * them), a position-aware view for error messages, a tree of plain values to compose and rewrite, the plugins it
 * declares and the keys that look misspelt. {@code spec} stays opaque except for the parts that name files, plugins
 * and dependencies.
 */
public final class SolutionDocument {

    public static final int MAX_INCLUDES = 1000;
    public static final int MAX_COMPOSE = 100;

    private final Path file;
    private final byte[] bytes;
    private final YamlNode positions;
    private final Map<String, Object> tree;
    private final List<PluginRequirement> plugins;
    private final List<String> nearMisses;

    private SolutionDocument(Path file, byte[] bytes, YamlNode positions, Map<String, Object> tree,
            List<PluginRequirement> plugins, List<String> nearMisses) {
        this.file = file;
        this.bytes = bytes;
        this.positions = positions;
        this.tree = tree;
        this.plugins = plugins;
        this.nearMisses = nearMisses;
    }

    /**
     * Reads and validates a solution, as {@code build-solution} needs it: envelope, metadata name, include and compose
     * lists, then the plugins.
     */
    public static SolutionDocument read(Path file) {
        SolutionDocument document = readAny(file);
        document.validate();
        return document.withPlugins();
    }

    /**
     * Reads a solution for the goals that need only its plugins ({@code install-plugins}, {@code verify-lock}, the
     * lock extension): the plugins are checked, the envelope is not (a solution without {@code metadata.name} still
     * installs its plugins).
     */
    public static SolutionDocument readPlugins(Path file) {
        return parse(file, "must be a mapping with apiVersion, kind, metadata and spec").withPlugins();
    }

    /** Reads a YAML file into a document without the checks a root solution gets (a composed part). */
    static SolutionDocument readAny(Path file) {
        return parse(file, "must be a mapping");
    }

    @SuppressWarnings("unchecked")
    private static SolutionDocument parse(Path file, String notAMapping) {
        byte[] bytes = YamlNode.load(file);
        YamlNode positions = YamlNode.parse(file, bytes);
        if (positions.isPresent() && !positions.isMapping()) {
            throw positions.fail(notAMapping);
        }
        // the tree comes from the document just read (one YAML parser): aliases expanded, as the user meant them
        Map<String, Object> tree = positions.toValue() instanceof Map<?, ?> map ? (Map<String, Object>) map : new LinkedHashMap<>();
        return new SolutionDocument(file, bytes, positions, tree, List.of(), List.of());
    }

    private SolutionDocument withPlugins() {
        return new SolutionDocument(file, bytes, positions, tree, SolutionPlugins.of(positions),
                SolutionPlugins.nearMisses(positions));
    }

    private void validate() {
        YamlNode apiVersion = positions.get("apiVersion");
        if (apiVersion.isPresent() && !apiVersion.text().orElse("").equals("scafctl.io/v1")) {
            throw apiVersion.fail("must be scafctl.io/v1");
        }
        YamlNode kind = positions.get("kind");
        if (kind.isPresent() && !kind.text().orElse("").equals("Solution")) {
            throw kind.fail("must be Solution");
        }
        for (String section : java.util.List.of("metadata", "bundle")) {
            YamlNode node = positions.get(section);
            if (node.isPresent() && !node.isMapping()) {
                throw node.fail("must be a mapping, not a single value or a list");
            }
        }
        YamlNode name = positions.get("metadata").get("name");
        String nameText = name.requiredText();
        try {
            ArtifactName.of(nameText);
        } catch (InvalidInputException e) {
            throw name.fail("is invalid: " + e.getMessage());
        }
        YamlNode includes = positions.get("bundle").get("include");
        if (includes.items().size() > MAX_INCLUDES) {
            throw includes.fail("has " + includes.items().size() + " entries; at most " + MAX_INCLUDES + " are allowed");
        }
        includes.items().forEach(YamlNode::requiredText);
        YamlNode compose = positions.get("compose");
        if (compose.items().size() > MAX_COMPOSE) {
            throw compose.fail("has " + compose.items().size() + " entries; at most " + MAX_COMPOSE + " are allowed");
        }
        compose.items().forEach(YamlNode::requiredText);
    }

    public Path file() {
        return file;
    }

    public Path folder() {
        return file.toAbsolutePath().getParent();
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public YamlNode positions() {
        return positions;
    }

    /** The plugins {@code bundle.plugins} declares, checked; empty for a composed part. */
    public List<PluginRequirement> plugins() {
        return plugins;
    }

    /**
     * Warnings, with file and line, for keys one slip away from a key scafctl reads ({@code bundel:} for
     * {@code bundle:}); empty for a composed part.
     */
    public List<String> nearMisses() {
        return nearMisses;
    }

    /** The document tree, plain mutable values; changes to it are what {@link #serialize()} writes. */
    public Map<String, Object> tree() {
        return tree;
    }

    public String name() {
        return metadata("name");
    }

    /** {@code metadata.<key>} as text, or empty. */
    public String metadata(String key) {
        return Tree.text(Tree.at(tree, "metadata", key), "");
    }

    /** The YAML of the (possibly composed or rewritten) tree. */
    public byte[] serialize() {
        return YamlWriter.write(tree);
    }
}
