package dev.scafctl.catalog.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * {@link YamlWriter} against what earlier versions wrote with Jackson YAML (Jackson is a test dependency only, for
 * this comparison): the stored solution's layer ({@code SolutionDocument}'s mapper: no {@code ---}, every string
 * quoted) and the {@code format=yaml} output of the listing goals (Jackson's default mapper, {@code ---} cut off).
 * The one difference, asserted here and said in the README: the key {@code <<} is quoted.
 */
class YamlWriterTest {

    /** What {@code SolutionDocument.serialize} was. */
    private static final YAMLMapper STORED = YAMLMapper.builder().disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .disable(YAMLWriteFeature.MINIMIZE_QUOTES).build();

    /** What {@code Output.YAML} was. */
    private static final YAMLMapper LISTING = YAMLMapper.builder().build();

    private static final List<String> KEYS = List.of("name", "kind", "apiVersion", "<<", "~", "null", "Null", "yes", "no",
            "on", "off", "y", "n", "true", "FALSE", "", " ", "1", "0x1F", "1.0", "-x", "+x", ".x", "a b", "key: value",
            "a:b", "#comment", "x #y", "?", "? x", "*star", "&anchor", "!tag", "%p", "@at", "`tick", "|pipe", ">fold",
            "'single'", "\"double\"", "back\\slash", "tab\tin", "line\nbreak", "\u0001ctl", "ünïcödé", "日本語", "emoji🎉",
            "- dash", "[flow]", "{flow}", "comma,key", "trailing ", " leading", "k".repeat(130), "spec", "resolvers");

    private static final List<String> STRINGS = List.of("", " ", "plain", "yes", "No", "null", "~", "true", "1", "1.0",
            "0x1F", "0o17", "1e3", ".inf", ".NaN", "-", "- item", ": colon", "a: b", "a:b", "# hash", "a #b", "a#b", "[x]",
            "{x}", "x, y", "'", "\"", "\\", "\\n", "multi\nline\ntext", "trailing newline\n", "\ttab", "cr\rlf",
            "\u0000nul", "\u0007bell", "\u0085nel", "\u2028ls", "\ufeffbom", "ünïcödé", "日本語のテキスト", "emoji 🎉🚀",
            "*alias", "&anchor", "!tag", "%directive", "@reserved", "`backtick", "|literal", ">folded", "---", "...",
            "  leading spaces", "trailing spaces  ", "=", "<<", "${expr}", "{{ tmpl }}");

    @Test
    void writesWhatJacksonWroteForTwoThousandRandomDocuments() {
        Random random = new Random(20261203L);
        for (int i = 0; i < 2000; i++) {
            Map<String, Object> document = map(random, 0);
            // the key << as Jackson would have written a plain key of the quoted one's width, so lines fold alike
            Object stand = withMergeKeysAs(document, STAND_IN);
            String expected = STORED.writeValueAsString(stand).replaceAll("(?m)^([ -]*)" + STAND_IN + ":", "$1\"<<\":");
            String written = YamlWriter.writeString(document);
            assertEquals(expected, written, "document " + i + ": " + document);
            if (!document.isEmpty()) {
                String listing = LISTING.writeValueAsString(stand).replaceFirst("^---\\s*\\n", "").stripTrailing()
                        .replaceAll("(?m)^([ -]*)" + STAND_IN + ":", "$1\"<<\":");
                assertEquals(listing, written.stripTrailing(), "listing " + i);
            }
            assertEquals(document, YamlNode.parse(Path.of("random.yaml"), written).toValue(), "read back " + i);
        }
    }

    @Test
    void theMergeKeyIsQuotedWhereJacksonLeftItPlain() {
        Map<String, Object> document = Map.of("<<", "x");
        assertEquals("<<: \"x\"\n", STORED.writeValueAsString(document));
        assertEquals("\"<<\": \"x\"\n", YamlWriter.writeString(document));
    }

    @Test
    void nonFiniteNumbersAreWrittenTheYamlWay() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("nan", Double.NaN);
        document.put("up", Double.POSITIVE_INFINITY);
        document.put("down", Double.NEGATIVE_INFINITY);
        assertEquals("nan: .nan\nup: .inf\ndown: -.inf\n", YamlWriter.writeString(document));
        assertEquals(STORED.writeValueAsString(document), YamlWriter.writeString(document));
    }

    @Test
    void aValueOfAnotherTypeIsRefusedNamingIt() {
        assertEquals("cannot write a java.lang.Object as YAML", assertThrows(IllegalArgumentException.class,
                () -> YamlWriter.writeString(Map.of("x", new Object()))).getMessage());
    }

    /** A key no document here holds, as wide as {@code "<<"} with its quotes. */
    private static final String STAND_IN = "MRGK";

    private static Object withMergeKeysAs(Object value, String key) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k.equals("<<") ? key : (String) k, withMergeKeysAs(v, key)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(item -> withMergeKeysAs(item, key)).toList();
        }
        return value;
    }

    private static Map<String, Object> map(Random random, int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        int size = depth > 3 ? random.nextInt(2) : random.nextInt(6);
        for (int i = 0; i < size; i++) {
            map.put(KEYS.get(random.nextInt(KEYS.size())), value(random, depth + 1));
        }
        return map;
    }

    private static Object value(Random random, int depth) {
        int choice = random.nextInt(depth > 3 ? 8 : 11);
        return switch (choice) {
            case 0, 1 -> STRINGS.get(random.nextInt(STRINGS.size()));
            case 2 -> randomText(random);
            case 3 -> random.nextLong() >> random.nextInt(64);
            case 4 -> switch (random.nextInt(6)) {
                case 0 -> Double.NaN;
                case 1 -> random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                case 2 -> -0.0;
                case 3 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
                default -> (double) random.nextInt(1000) / 8;
            };
            case 5 -> random.nextBoolean();
            case 6 -> null;
            case 7 -> BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.valueOf(random.nextInt(1000) + 2))
                    .multiply(BigInteger.valueOf(random.nextBoolean() ? 1 : -1));
            case 8 -> random.nextBoolean() ? map(random, depth) : new LinkedHashMap<>();
            default -> {
                List<Object> list = new ArrayList<>();
                int size = random.nextInt(5);
                for (int i = 0; i < size; i++) {
                    list.add(value(random, depth + 1));
                }
                yield list;
            }
        };
    }

    /** Words and odd characters run together, some long enough to be folded at 80 columns. */
    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int words = random.nextInt(30);
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                text.append(random.nextInt(10) == 0 ? "  " : " ");
            }
            text.append(STRINGS.get(random.nextInt(STRINGS.size())));
            if (random.nextInt(8) == 0) {
                text.appendCodePoint(0x20 + random.nextInt(0x2fff));
            }
        }
        return text.toString();
    }
}
