package dev.scafctl.catalog.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.InvalidInputException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

class CanonicalJsonTest {

    /** What catalogs written before this writer existed hold: Jackson with its map entries sorted by key. */
    private static final JsonMapper EARLIER_WRITER = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    @Test
    void writesTheBytesEarlierCatalogsHold() {
        Random random = new Random(20261121L);
        for (int i = 0; i < 2000; i++) {
            Map<String, Object> tree = randomObject(random, 0);
            assertArrayEquals(EARLIER_WRITER.writeValueAsBytes(tree), CanonicalJson.write(tree), tree::toString);
        }
    }

    @Test
    void writesCompactSortedAndEscapedOnlyWhereJsonRequires() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("z", List.of(1, 2L, true));
        tree.put("a", "quote \" backslash \\ tab \t nul \u0000 unit \u001f slash / é 😀 <&>");
        tree.put("m", null);
        assertEquals("{\"a\":\"quote \\\" backslash \\\\ tab \\t nul \\u0000 unit \\u001F slash / é 😀 <&>\",\"m\":null,"
                + "\"z\":[1,2,true]}", new String(CanonicalJson.write(tree), StandardCharsets.UTF_8));
    }

    @Test
    void refusesWhatItCannotWriteCanonically() {
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.write(Map.of("x", 1.5d)));
    }

    @Test
    void readsWhatItWritesBackToTheSameBytes() {
        Random random = new Random(7L);
        for (int i = 0; i < 500; i++) {
            byte[] written = CanonicalJson.write(randomObject(random, 0));
            JsonValue read = CanonicalJson.read(written, "tree");
            @SuppressWarnings("unchecked")
            Map<String, Object> plain = (Map<String, Object>) read.toPlain();
            assertArrayEquals(written, CanonicalJson.write(plain));
            assertArrayEquals(CanonicalJson.write(Map.of("v", plain)), CanonicalJson.write(Map.of("v", read)));
        }
    }

    @Test
    void navigatesWithoutThrowing() {
        JsonValue value = CanonicalJson.read(("\uFEFF { \"s\": \"text\", \"n\": -12, \"big\": 123456789012345678901234567890,"
                + " \"f\": 2.50, \"e\": 4.2E1, \"b\": false, \"nil\": null, \"a\": [1, {\"k\": \"v\"}],"
                + " \"esc\": \"\\u00e9\\ud83d\\ude00\\/\\n\", \"dup\": 1, \"dup\": 2 }\n").getBytes(StandardCharsets.UTF_8), "x");
        assertEquals("text", value.path("s").asString());
        assertTrue(value.path("s").isString());
        assertEquals(-12L, value.path("n").asLong());
        assertTrue(value.path("n").isIntegralNumber());
        assertTrue(value.path("e").isIntegralNumber());
        assertFalse(value.path("f").isIntegralNumber());
        assertEquals("2.50", value.path("f").asString());
        assertEquals(new BigInteger("123456789012345678901234567890"), value.path("big").toPlain());
        assertEquals(new BigDecimal("2.50"), value.path("f").toPlain());
        assertEquals("false", value.path("b").asString());
        assertEquals(Boolean.FALSE, value.path("b").toPlain());
        assertEquals("fallback", value.path("nil").asString("fallback"));
        assertNull(value.path("nil").toPlain());
        assertEquals("é😀/\n", value.path("esc").asString());
        assertEquals(2L, value.path("dup").asLong());
        assertSame(JsonValue.MISSING, value.path("absent").path("deeper"));
        assertNull(value.get("absent"));
        assertNull(value.path("s").get("x"));
        assertEquals("", value.path("absent").asString());
        assertEquals(null, value.path("a").asString(null));
        List<JsonValue> items = new ArrayList<>();
        value.path("a").forEach(items::add);
        assertEquals(2, items.size());
        assertEquals("v", items.get(1).path("k").asString());
        assertFalse(value.path("s").iterator().hasNext());
        assertEquals(List.of("s", "n", "big", "f", "e", "b", "nil", "a", "esc", "dup"),
                value.properties().stream().map(Map.Entry::getKey).toList());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                      | unexpected end of input (line 1, column 1)",
        "[]                      | is not a JSON object",
        "{\"a\":1,}              | expected a member name in double quotes, found '}' (line 1, column 8)",
        "{\"a\" 1}               | expected ':', found '1' (line 1, column 6)",
        "{\"a\":[1 2]}           | expected ',' or ']', found '2' (line 1, column 9)",
        "{\"a\":01}              | expected ',' or '}', found '1' (line 1, column 7)",
        "{\"a\":1.}              | a number needs digits after '.' (line 1, column 8)",
        "{\"a\":-}               | a number needs digits (line 1, column 7)",
        "{\"a\":1e}              | a number needs digits in its exponent (line 1, column 8)",
        "{\"a\":1e999}           | number out of range (line 1, column 6)",
        "{\"a\":tru}             | unexpected 't' (line 1, column 6)",
        "{\"a\":\"\\x\"}         | unknown escape \\x (line 1, column 7)",
        "{\"a\":\"\\u12G4\"}     | bad hexadecimal digit in a \\u escape (line 1, column 9)",
        "{\"a\":\"open}          | unterminated string (line 1, column 12)",
        "{\"a\":1}x              | unexpected 'x' after the value (line 1, column 8)",
        "{'a':1}                 | expected a member name in double quotes, found ''' (line 1, column 2)",
    })
    void namesWhatIsWrongAndWhere(String json, String problem) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> CanonicalJson.read(json.getBytes(StandardCharsets.UTF_8), "blob sha256:1"));
        assertTrue(e.getMessage().startsWith("blob sha256:1 is not"), e.getMessage());
        assertTrue(e.getMessage().endsWith(problem), e.getMessage());
    }

    @Test
    void countsLinesForTheErrorAndRefusesRawControlCharactersAndBadUtf8() {
        InvalidInputException line = assertThrows(InvalidInputException.class,
                () -> CanonicalJson.read("{\n  \"a\": 1,\n  \"b\": ?\n}".getBytes(StandardCharsets.UTF_8), "f"));
        assertEquals("f is not valid JSON: unexpected '?' (line 3, column 8)", line.getMessage());
        InvalidInputException control = assertThrows(InvalidInputException.class,
                () -> CanonicalJson.read("{\"a\":\"x\ty\"}".getBytes(StandardCharsets.UTF_8), "f"));
        assertEquals("f is not valid JSON: control character U+0009 in a string; escape it (line 1, column 8)",
                control.getMessage());
        InvalidInputException utf8 = assertThrows(InvalidInputException.class,
                () -> CanonicalJson.read(new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'}, "f"));
        assertEquals("f is not valid JSON: not UTF-8 (line 1, column 1)", utf8.getMessage());
    }

    @Test
    void refusesNestingDeeperThanTheLimitWithoutOverflowingTheStack() {
        String deep = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> CanonicalJson.read(deep.getBytes(StandardCharsets.UTF_8), "f"));
        assertTrue(e.getMessage().contains("nested deeper than " + JsonParser.MAX_DEPTH + " levels"), e.getMessage());
        String allowed = "{\"a\":" + "[".repeat(JsonParser.MAX_DEPTH - 1) + "]".repeat(JsonParser.MAX_DEPTH - 1) + "}";
        assertTrue(CanonicalJson.read(allowed.getBytes(StandardCharsets.UTF_8), "f").isObject());
    }

    private static Map<String, Object> randomObject(Random random, int depth) {
        Map<String, Object> map = random.nextBoolean() ? new LinkedHashMap<>() : new TreeMap<>();
        int members = random.nextInt(depth == 0 ? 6 : 4);
        for (int i = 0; i < members; i++) {
            map.put(randomString(random), randomValue(random, depth + 1));
        }
        return map;
    }

    private static Object randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 5 : 7);
        return switch (kind) {
            case 0 -> randomString(random);
            case 1 -> random.nextLong();
            case 2 -> random.nextInt(1000);
            case 3 -> random.nextBoolean();
            case 4 -> null;
            case 5 -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(randomValue(random, depth + 1));
                }
                yield list;
            }
            default -> randomObject(random, depth);
        };
    }

    /** Mostly the characters that need care: quotes, backslashes, control characters, non-ASCII, emoji. */
    private static String randomString(Random random) {
        String alphabet = "aZ09 \"\\/\b\f\n\r\t\u0000\u0001\u001f\u007f\u0080é€\u2028😀<>&'-._:@";
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(8); i > 0; i--) {
            int at = random.nextInt(alphabet.length());
            text.append(Character.isHighSurrogate(alphabet.charAt(at)) ? alphabet.substring(at, at + 2)
                    : Character.isLowSurrogate(alphabet.charAt(at)) ? "x" : String.valueOf(alphabet.charAt(at)));
        }
        return text.toString();
    }
}
