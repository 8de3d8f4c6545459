package dev.scafctl.catalog.solution;

import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.artifact.ArtifactName;
import dev.scafctl.catalog.yaml.YamlNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * A scafctl Solution YAML file: its bytes, a position-aware view for error messages, and a tree to compose and
 * rewrite. {@code spec} stays opaque except for the parts that name files, plugins and dependencies.
 */
public final class SolutionDocument {

    public static final int MAX_INCLUDES = 1000;
    public static final int MAX_COMPOSE = 100;

    static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            // every string quoted: the writer's guess of which strings need quotes misses some ("0x1F", "1.0"
            // with numbers unquoted), and an unquoted one would mean a number in the stored solution
            .disable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .build();

    private final Path file;
    private final byte[] bytes;
    private final YamlNode positions;
    private final ObjectNode tree;

    private SolutionDocument(Path file, byte[] bytes, YamlNode positions, ObjectNode tree) {
        this.file = file;
        this.bytes = bytes;
        this.positions = positions;
        this.tree = tree;
    }

    /** Reads and validates a solution: envelope, metadata name, plugins, include and compose lists. */
    public static SolutionDocument read(Path file) {
        SolutionDocument document = readAny(file);
        document.validate();
        return document;
    }

    /** Reads a YAML file into a document without the checks a root solution gets (a composed part). */
    static SolutionDocument readAny(Path file) {
        YamlNode positions = YamlNode.read(file);
        if (positions.isPresent() && !positions.isMapping()) {
            throw positions.fail("must be a mapping");
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            // the tree comes from the document just read (one YAML parser): aliases expanded, as the user meant them
            JsonNode node = positions.toTree();
            ObjectNode tree = node instanceof ObjectNode object ? object : YAML.createObjectNode();
            return new SolutionDocument(file, bytes, positions, tree);
        } catch (JacksonException e) {
            throw new InvalidInputException(file + ": malformed YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
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
        SolutionPlugins.read(file);
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

    /** The document tree; changes to it are what {@link #serialize()} writes. */
    public ObjectNode tree() {
        return tree;
    }

    public String name() {
        return tree.path("metadata").path("name").asString("");
    }

    /** {@code metadata.<key>} as text, or empty. */
    public String metadata(String key) {
        return tree.path("metadata").path(key).asString("");
    }

    /** The YAML of the (possibly composed or rewritten) tree. */
    public byte[] serialize() {
        return YAML.writeValueAsBytes(tree);
    }
}
