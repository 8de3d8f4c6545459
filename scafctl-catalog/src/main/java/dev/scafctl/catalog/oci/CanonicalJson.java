package dev.scafctl.catalog.oci;

import dev.scafctl.catalog.InvalidInputException;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place JSON is written and read. Output is canonical: compact, UTF-8, object keys sorted, so the same
 * value always gives the same bytes and therefore the same digest, whatever JVM or machine writes it.
 */
public final class CanonicalJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private CanonicalJson() {}

    /** Serializes a tree of maps, lists, strings and numbers. */
    public static byte[] write(Map<String, ?> value) {
        return MAPPER.writeValueAsBytes(value);
    }

    /** Parses JSON, naming {@code what} (a file, a blob) in the error. */
    public static JsonNode read(byte[] json, String what) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || !node.isObject()) {
                throw new InvalidInputException(what + " is not a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new InvalidInputException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Turns a parsed node back into plain maps and lists, so that {@link #write} sorts its keys too. */
    public static Object toTree(JsonNode node) {
        return MAPPER.treeToValue(node, Object.class);
    }
}
