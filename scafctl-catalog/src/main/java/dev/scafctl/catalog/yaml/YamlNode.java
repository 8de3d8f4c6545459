package dev.scafctl.catalog.yaml;

import dev.scafctl.catalog.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A node of a YAML document that knows where it stands, so every error can say {@code file:line:column} and the
 * field. Missing fields are absent nodes, not exceptions, until {@link #fail} is called.
 */
public final class YamlNode {

    private final Path file;
    private final Node node;
    private final String path;

    private YamlNode(Path file, Node node, String path) {
        this.file = file;
        this.node = node;
        this.path = path;
    }

    /** Reads a YAML file; a syntax error names the file, line and column. An empty file is an empty mapping. */
    public static YamlNode read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            Optional<Node> root = new Compose(LoadSettings.builder().setLabel(file.toString()).build()).composeString(text);
            return new YamlNode(file, root.orElse(null), "");
        } catch (MarkedYamlEngineException e) {
            String where = e.getProblemMark().map(m -> ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1)).orElse("");
            throw new InvalidInputException(file + where + ": malformed YAML: " + e.getProblem());
        } catch (YamlEngineException e) {
            throw new InvalidInputException(file + ": malformed YAML: " + e.getMessage());
        }
    }

    public boolean isPresent() {
        return node != null;
    }

    public boolean isMapping() {
        return node instanceof MappingNode;
    }

    /** The value of {@code key} in this mapping, or an absent node. */
    public YamlNode get(String key) {
        String childPath = path.isEmpty() ? key : path + "." + key;
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    return new YamlNode(file, tuple.getValueNode(), childPath);
                }
            }
        }
        return new YamlNode(file, null, childPath);
    }

    /** The key {@code key} itself (not its value), for errors about the key: a duplicate name, say. */
    public YamlNode key(String key) {
        String childPath = path.isEmpty() ? key : path + "." + key;
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    return new YamlNode(file, k, childPath);
                }
            }
        }
        return new YamlNode(file, null, childPath);
    }

    /** The items of this sequence; empty when absent; a failure when it is something else. */
    public List<YamlNode> items() {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof SequenceNode sequence)) {
            throw fail("must be a list");
        }
        List<YamlNode> items = new ArrayList<>();
        for (int i = 0; i < sequence.getValue().size(); i++) {
            items.add(new YamlNode(file, sequence.getValue().get(i), path + "[" + i + "]"));
        }
        return items;
    }

    /** The keys of this mapping, in document order. */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode k) {
                    keys.add(k.getValue());
                }
            }
        }
        return keys;
    }

    /** The scalar text, or empty when absent; a failure when it is a list or mapping. */
    public Optional<String> text() {
        if (node == null) {
            return Optional.empty();
        }
        if (!(node instanceof ScalarNode scalar)) {
            throw fail("must be a single value");
        }
        return Optional.of(scalar.getValue());
    }

    /** The scalar text, which must be there. */
    public String requiredText() {
        return text().filter(t -> !t.isBlank()).orElseThrow(() -> fail("is required"));
    }

    /** The dotted path of this node from the document root, e.g. {@code bundle.plugins[2].version}. */
    public String path() {
        return path;
    }

    /** {@code file:line:column} of this node, or of the file when the node is absent. */
    public String location() {
        if (node == null) {
            return file.toString();
        }
        Optional<Mark> mark = node.getStartMark();
        return file + mark.map(m -> ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1)).orElse("");
    }

    /** An error naming the file, line, column and field: {@code solution.yaml:12:16: bundle.plugins[0].kind must …}. */
    public InvalidInputException fail(String problem) {
        return new InvalidInputException(location() + ": " + (path.isEmpty() ? "the document" : path) + " " + problem);
    }
}
