package dev.scafctl.catalog.oci;

import dev.scafctl.catalog.InvalidInputException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one place JSON is written and read. Output is canonical: compact, UTF-8, object keys sorted by their UTF-16
 * code units, strings escaped only where JSON requires it ({@code "}, {@code \}, control characters), so the same
 * value always gives the same bytes and therefore the same digest, whatever JVM or machine writes it. These are the
 * bytes catalogs written by earlier versions hold (Jackson with sorted map keys), so rebuilding stays unchanged.
 */
public final class CanonicalJson {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private CanonicalJson() {}

    /**
     * Serializes a tree of maps, lists (any {@code Iterable}), strings, numbers, booleans, {@code null}s and
     * {@link JsonValue}s.
     */
    public static byte[] write(Map<String, ?> value) {
        StringBuilder out = new StringBuilder(256);
        writeValue(out, value);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses JSON, which must be an object, naming {@code what} (a file, a blob) in the error. */
    public static JsonValue read(byte[] json, String what) {
        JsonValue value;
        try {
            value = JsonParser.parse(json);
        } catch (JsonParser.Problem e) {
            throw new InvalidInputException(what + " is not valid JSON: " + e.getMessage() + " (line " + e.line
                    + ", column " + e.column + ")");
        }
        if (!value.isObject()) {
            throw new InvalidInputException(what + " is not a JSON object");
        }
        return value;
    }

    private static void writeValue(StringBuilder out, Object value) {
        if (value == null || value instanceof JsonValue.NullValue) {
            out.append("null");
        } else if (value instanceof JsonValue json) {
            writeValue(out, json.toPlain());
        } else if (value instanceof CharSequence text) {
            writeString(out, text);
        } else if (value instanceof Boolean bool) {
            out.append(bool.booleanValue());
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            out.append(value);
        } else if (value instanceof BigDecimal decimal) {
            out.append(decimal);
        } else if (value instanceof Map<?, ?> map) {
            writeObject(out, map);
        } else if (value instanceof Iterable<?> items) {
            out.append('[');
            boolean first = true;
            for (Object item : items) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeValue(out, item);
            }
            out.append(']');
        } else if (value instanceof Enum<?> constant) {
            writeString(out, constant.name());
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    private static void writeObject(StringBuilder out, Map<?, ?> map) {
        Map<String, Object> sorted = new TreeMap<>();
        map.forEach((key, member) -> sorted.put(String.valueOf(key), member));
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> member : sorted.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(out, member.getKey());
            out.append(':');
            writeValue(out, member.getValue());
        }
        out.append('}');
    }

    private static void writeString(StringBuilder out, CharSequence text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
