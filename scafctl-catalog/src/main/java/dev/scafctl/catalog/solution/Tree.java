package dev.scafctl.catalog.solution;

import dev.scafctl.catalog.InvalidInputException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reading and changing a solution held as plain values ({@link dev.scafctl.catalog.yaml.YamlNode#toValue()}): a
 * missing field, or one of another shape than asked for, reads as absent, so the spec's many optional parts need no
 * checks at every step. Scalars read as the text YAML would show for them.
 */
final class Tree {

    private Tree() {}

    /** The value at {@code path} of mappings, or {@code null} when a step is missing or no mapping. */
    static Object at(Object root, String... path) {
        Object current = root;
        for (String segment : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(segment);
        }
        return current;
    }

    /** The mapping at {@code path}, or empty. */
    @SuppressWarnings("unchecked")
    static Optional<Map<String, Object>> mapAt(Object root, String... path) {
        return at(root, path) instanceof Map<?, ?> map ? Optional.of((Map<String, Object>) map) : Optional.empty();
    }

    /**
     * The mapping at {@code path}, made where a step is missing or {@code null}; empty when a step is something else
     * (a list, a scalar), which is then left as it is.
     */
    @SuppressWarnings("unchecked")
    static Optional<Map<String, Object>> mapAt(Map<String, Object> root, List<String> path, boolean create) {
        Map<String, Object> current = root;
        for (String segment : path) {
            Object next = current.get(segment);
            if (next instanceof Map<?, ?> map) {
                current = (Map<String, Object>) map;
            } else if (create && next == null) {
                Map<String, Object> made = new LinkedHashMap<>();
                current.put(segment, made);
                current = made;
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(current);
    }

    /** The items of a list, or the values of a mapping, or nothing. */
    static List<Object> items(Object value) {
        if (value instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        if (value instanceof Map<?, ?> map) {
            return new ArrayList<>((Collection<?>) map.values());
        }
        return List.of();
    }

    /** A scalar's text; {@code fallback} for {@code null}, a missing value, a list or a mapping. */
    static String text(Object value, String fallback) {
        if (value == null || value instanceof Map<?, ?> || value instanceof List<?>) {
            return fallback;
        }
        return String.valueOf(value);
    }

    /** The texts of a list's items ({@code null} reads as empty); a list or mapping among them is refused. */
    static List<String> texts(Object value, String field) {
        List<String> texts = new ArrayList<>();
        for (Object item : items(value)) {
            if (item instanceof Map<?, ?> || item instanceof List<?>) {
                throw new InvalidInputException(field + " holds a list or mapping where a single value belongs");
            }
            texts.add(text(item, ""));
        }
        return texts;
    }
}
