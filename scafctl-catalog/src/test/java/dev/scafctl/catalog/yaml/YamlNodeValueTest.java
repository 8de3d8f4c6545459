package dev.scafctl.catalog.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link YamlNode#toValue()}: the plain values the solution code composes, rewrites and writes back. */
class YamlNodeValueTest {

    private static Object value(String yaml) {
        return YamlNode.parse(Path.of("test.yaml"), yaml).toValue();
    }

    @Test
    void plainScalarsAreTypedByTheCoreSchemaAndQuotedOnesStayText() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("int", 42L);
        expected.put("hex", 31L);
        expected.put("octal", 15L);
        expected.put("big", new BigInteger("123456789012345678901234567890"));
        expected.put("float", 1.5);
        expected.put("nan", Double.NaN);
        expected.put("inf", Double.NEGATIVE_INFINITY);
        expected.put("yes", true);
        expected.put("null", null);
        expected.put("tilde", null);
        expected.put("quoted", "1.0");
        expected.put("word", "yes");
        expected.put("list", Arrays.asList("a", 1L, null));
        expected.put("empty", Map.of());
        assertEquals(expected, value("int: 42\nhex: 0x1F\noctal: 0o17\nbig: 123456789012345678901234567890\nfloat: 1.5\n"
                + "nan: .nan\ninf: -.inf\nyes: true\nnull: null\ntilde: ~\nquoted: \"1.0\"\nword: yes\nlist: [a, 1, ~]\n"
                + "empty: {}\n"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachAliasIsACopySoChangingOneLeavesTheOthers() {
        Map<String, Object> tree = (Map<String, Object>) value("a: &inputs {source: x@1}\nb: *inputs\n");
        ((Map<String, Object>) tree.get("a")).put("source", ".scafctl/vendor/x@1.0.0.yaml");
        assertEquals(Map.of("source", "x@1"), tree.get("b"));
        assertEquals(List.of("a", "b"), List.copyOf(tree.keySet()), "in document order");
    }

    @Test
    void anEmptyDocumentIsNoValue() {
        assertNull(value(""));
    }
}
