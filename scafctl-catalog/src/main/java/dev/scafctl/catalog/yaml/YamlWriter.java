package dev.scafctl.catalog.yaml;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.StreamDataWriter;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.emitter.Emitter;
import org.snakeyaml.engine.v2.events.DocumentEndEvent;
import org.snakeyaml.engine.v2.events.DocumentStartEvent;
import org.snakeyaml.engine.v2.events.ImplicitTuple;
import org.snakeyaml.engine.v2.events.MappingEndEvent;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.events.SequenceEndEvent;
import org.snakeyaml.engine.v2.events.SequenceStartEvent;
import org.snakeyaml.engine.v2.events.StreamEndEvent;
import org.snakeyaml.engine.v2.events.StreamStartEvent;

/**
 * Writes plain Java values (what {@link YamlNode#toValue()} gives: maps, lists, strings, numbers, booleans,
 * {@code null}) as a YAML document, through snakeyaml-engine's emitter. The layout is the one solutions stored by
 * earlier versions of this plugin have, so a rebuild gives the same layer digest: block style, every string value in
 * double quotes (a plain {@code 1.0} or {@code 0x1F} would be read back as a number), keys plain unless they would
 * be read as something else, no {@code ---} marker, lines folded at 80 columns.
 *
 * <p>One difference from that older output (Jackson YAML's): the key {@code <<} is quoted, since plain it is a merge
 * key to YAML 1.1 readers such as scafctl's. NaN and the infinities are {@code .nan}, {@code .inf}, {@code -.inf}
 * in both. {@code YamlWriterTest} compares the two on random documents.
 */
public final class YamlWriter {

    /** Words a YAML 1.1 reader takes for a boolean or null when plain; a key spelt so is quoted. */
    private static final Set<String> RESERVED = Set.of("false", "False", "FALSE", "n", "N", "no", "No", "NO", "null",
            "Null", "NULL", "on", "On", "ON", "off", "Off", "OFF", "true", "True", "TRUE", "y", "Y", "yes", "Yes", "YES");

    private static final ImplicitTuple UNTAGGED = new ImplicitTuple(true, true);

    private static final DumpSettings SETTINGS = DumpSettings.builder().setCanonical(false)
            .setDefaultFlowStyle(FlowStyle.BLOCK).setSplitLines(true).build();

    private YamlWriter() {}

    /** {@code value} as one YAML document, UTF-8. */
    public static byte[] write(Object value) {
        return writeString(value).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code value} as one YAML document. */
    public static String writeString(Object value) {
        StringBuilder out = new StringBuilder(1024);
        Emitter emitter = new Emitter(SETTINGS, new StreamDataWriter() {
            @Override
            public void write(String text) {
                out.append(text);
            }

            @Override
            public void write(String text, int offset, int length) {
                out.append(text, offset, offset + length);
            }
        });
        emitter.emit(new StreamStartEvent());
        emitter.emit(new DocumentStartEvent(false, Optional.empty(), Map.of()));
        emit(emitter, value);
        emitter.emit(new DocumentEndEvent(false));
        emitter.emit(new StreamEndEvent());
        return out.toString();
    }

    private static void emit(Emitter emitter, Object value) {
        if (value == null) {
            scalar(emitter, "null", ScalarStyle.PLAIN);
        } else if (value instanceof Map<?, ?> map) {
            emitter.emit(new MappingStartEvent(Optional.empty(), Optional.empty(), true, FlowStyle.BLOCK));
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                scalar(emitter, key, keyNeedsQuotes(key) ? ScalarStyle.DOUBLE_QUOTED : ScalarStyle.PLAIN);
                emit(emitter, entry.getValue());
            }
            emitter.emit(new MappingEndEvent());
        } else if (value instanceof Iterable<?> items) {
            emitter.emit(new SequenceStartEvent(Optional.empty(), Optional.empty(), true, FlowStyle.BLOCK));
            for (Object item : items) {
                emit(emitter, item);
            }
            emitter.emit(new SequenceEndEvent());
        } else if (value instanceof CharSequence text) {
            scalar(emitter, text.toString(), ScalarStyle.DOUBLE_QUOTED);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger || value instanceof BigDecimal) {
            scalar(emitter, value.toString(), ScalarStyle.PLAIN);
        } else if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            scalar(emitter, Double.isNaN(number) ? ".nan" : Double.isInfinite(number) ? (number > 0 ? ".inf" : "-.inf")
                    : value.toString(), ScalarStyle.PLAIN);
        } else if (value instanceof Enum<?> constant) {
            scalar(emitter, constant.name(), ScalarStyle.DOUBLE_QUOTED);
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as YAML");
        }
    }

    private static void scalar(Emitter emitter, String text, ScalarStyle style) {
        emitter.emit(new ScalarEvent(Optional.empty(), Optional.empty(), UNTAGGED, text, style));
    }

    /**
     * A key is quoted when plain it would be read as another type or break the line: empty, a YAML 1.1 boolean or
     * null word, starting with {@code ~} or like a number ({@code 0-9 - + .}), holding a control character, or the
     * merge key {@code <<}. Otherwise the emitter writes it plain, or quotes it itself where plain is not allowed.
     */
    private static boolean keyNeedsQuotes(String key) {
        if (key.isEmpty() || RESERVED.contains(key) || key.equals("<<")) {
            return true;
        }
        char first = key.charAt(0);
        if (first == '~' || first == '-' || first == '+' || first == '.' || (first >= '0' && first <= '9')) {
            return true;
        }
        return key.chars().anyMatch(c -> c < 0x20);
    }
}
