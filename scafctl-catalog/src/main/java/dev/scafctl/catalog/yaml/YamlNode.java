package dev.scafctl.catalog.yaml;

import dev.scafctl.catalog.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;
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

    /** How deep lists and mappings may nest: far more than any solution, lock or config needs, far less than a stack. */
    public static final int MAX_DEPTH = 200;

    /** How many characters a document may stand for once its aliases are expanded (a billion laughs stops here). */
    public static final long MAX_EXPANDED = 16L << 20;

    /**
     * Reads a YAML file; a syntax error names the file, line and column. An empty file is an empty mapping. Refused,
     * naming the place: nesting deeper than {@link #MAX_DEPTH}, a key twice in one mapping (YAML requires unique keys),
     * and aliases that expand past {@link #MAX_EXPANDED} characters.
     */
    public static YamlNode read(Path file) {
        return parse(file, load(file));
    }

    /**
     * The bytes of a YAML file, for a caller that keeps them beside the parsed document ({@link #parse(Path, byte[])})
     * and so reads the file once. A folder or an unreadable file is refused, naming it.
     */
    public static byte[] load(Path file) {
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(file + " is a folder, not a YAML file");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@link #read} for bytes already at hand, which must be UTF-8, {@code file} naming them in errors. */
    public static YamlNode parse(Path file, byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(file, text);
    }

    /** {@link #read} for text already at hand, {@code file} naming it in errors. */
    public static YamlNode parse(Path file, String text) {
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(file.toString()).setSchema(new CoreSchema()).build();
            int depth = 0;
            for (Event event : new Parse(settings).parseString(text)) {
                if (event instanceof CollectionStartEvent) {
                    if (++depth > MAX_DEPTH) {
                        String where = event.getStartMark().map(m -> ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1)).orElse("");
                        throw new InvalidInputException(file + where + ": nests lists and mappings deeper than "
                                + MAX_DEPTH + " levels; flatten it");
                    }
                } else if (event instanceof CollectionEndEvent) {
                    depth--;
                }
            }
            Optional<Node> root = new Compose(settings).composeString(text);
            YamlNode document = new YamlNode(file, root.orElse(null), "");
            document.check();
            return document;
        } catch (MarkedYamlEngineException e) {
            String where = e.getProblemMark().map(m -> ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1)).orElse("");
            throw new InvalidInputException(file + where + ": malformed YAML: " + e.getProblem());
        } catch (YamlEngineException e) {
            throw new InvalidInputException(file + ": malformed YAML: " + e.getMessage());
        }
    }

    /** Duplicate keys and the expanded size, walked once per distinct node (aliases share their anchor's node). */
    private void check() {
        if (node == null) {
            return;
        }
        long expanded = expandedSize(node, new IdentityHashMap<>());
        if (expanded > MAX_EXPANDED) {
            throw new InvalidInputException(file + ": its aliases expand it to more than " + MAX_EXPANDED
                    + " characters; write the repeated content once");
        }
        checkKeys(this, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static long expandedSize(Node node, IdentityHashMap<Node, Long> known) {
        Long size = known.get(node);
        if (size != null) {
            return size;
        }
        known.put(node, 0L); // a recursive alias counts once
        long total = 1;
        if (node instanceof ScalarNode scalar) {
            total += scalar.getValue().length();
        } else if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                total = Math.min(Long.MAX_VALUE / 2, total + expandedSize(item, known));
            }
        } else if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                total = Math.min(Long.MAX_VALUE / 2, total + expandedSize(tuple.getKeyNode(), known)
                        + expandedSize(tuple.getValueNode(), known));
            }
        }
        known.put(node, total);
        return total;
    }

    private static void checkKeys(YamlNode at, Set<Node> seen) {
        if (!seen.add(at.node)) {
            return;
        }
        if (at.node instanceof MappingNode mapping) {
            Map<String, Node> keys = new HashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    Node first = keys.putIfAbsent(key.getValue(), key);
                    if (first != null) {
                        String line = first.getStartMark().map(m -> " (first at line " + (m.getLine() + 1) + ")").orElse("");
                        throw new YamlNode(at.file, key, at.path.isEmpty() ? key.getValue() : at.path + "." + key.getValue())
                                .fail("appears twice in one mapping" + line + "; YAML requires unique keys, remove one");
                    }
                }
            }
            for (String key : at.keys()) {
                checkKeys(at.get(key), seen);
            }
        } else if (at.node instanceof SequenceNode) {
            for (YamlNode item : at.items()) {
                checkKeys(item, seen);
            }
        }
    }

    /**
     * This node as plain Java values, for code that composes and rewrites: a mapping is a mutable
     * {@link LinkedHashMap} in document order, a sequence a mutable {@link ArrayList}, a plain scalar typed by the
     * YAML 1.2 core schema ({@link Boolean}, {@link Long}, or {@link BigInteger} past a long's range, {@link Double},
     * {@code null}), any other scalar a {@link String}. Aliases are expanded: each is a copy of what its anchor names,
     * so a change through one does not show through another. An absent node is {@code null}.
     */
    public Object toValue() {
        return toValue(node, 0);
    }

    private Object toValue(Node node, int depth) {
        if (depth > 4 * MAX_DEPTH) {
            throw new InvalidInputException(file + ": its aliases nest deeper than " + 4 * MAX_DEPTH
                    + " levels (an alias inside what it names?)");
        }
        if (node == null) {
            return null;
        }
        if (node instanceof MappingNode mapping) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = tuple.getKeyNode() instanceof ScalarNode k ? k.getValue() : String.valueOf(tuple.getKeyNode());
                map.put(key, toValue(tuple.getValueNode(), depth + 1));
            }
            return map;
        }
        if (node instanceof SequenceNode sequence) {
            List<Object> list = new ArrayList<>(sequence.getValue().size());
            sequence.getValue().forEach(item -> list.add(toValue(item, depth + 1)));
            return list;
        }
        ScalarNode scalar = (ScalarNode) node;
        String text = scalar.getValue();
        Tag tag = scalar.getTag();
        try {
            if (tag.equals(Tag.NULL)) {
                return null;
            }
            if (tag.equals(Tag.BOOL)) {
                return text.equalsIgnoreCase("true");
            }
            if (tag.equals(Tag.INT)) {
                String digits = text.startsWith("+") ? text.substring(1) : text;
                BigInteger value = digits.startsWith("0x") ? new BigInteger(digits.substring(2), 16)
                        : digits.startsWith("0o") ? new BigInteger(digits.substring(2), 8) : new BigInteger(digits);
                return value.bitLength() < Long.SIZE ? (Object) value.longValue() : value;
            }
            if (tag.equals(Tag.FLOAT)) {
                String lower = text.toLowerCase(java.util.Locale.ROOT);
                return lower.endsWith(".nan") ? Double.NaN : lower.endsWith(".inf")
                        ? (lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY) : Double.parseDouble(text);
            }
        } catch (NumberFormatException e) {
            return text;
        }
        return text;
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
