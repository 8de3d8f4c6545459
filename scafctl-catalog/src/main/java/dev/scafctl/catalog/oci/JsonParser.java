package dev.scafctl.catalog.oci;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 reader: one value, UTF-8, nothing after it but white space. A problem is reported as a
 * {@link Problem} with its line and column. Nesting is limited so that hostile input cannot exhaust the stack.
 */
final class JsonParser {

    static final int MAX_DEPTH = 500;
    /** Exponents beyond this are refused, so that no number costs more than a few hundred digits to use. */
    static final int MAX_SCALE = 400;

    /** What is wrong and where, 1-based. */
    static final class Problem extends Exception {
        final int line;
        final int column;

        Problem(String message, int line, int column) {
            super(message, null, false, false);
            this.line = line;
            this.column = column;
        }
    }

    private final String text;
    private int position;

    private JsonParser(String text) {
        this.text = text;
    }

    static JsonValue parse(byte[] json) throws Problem {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(json)).toString();
        } catch (CharacterCodingException e) {
            throw new Problem("not UTF-8", 1, 1);
        }
        JsonParser parser = new JsonParser(text);
        if (text.startsWith("\uFEFF")) {
            parser.position = 1;
        }
        parser.skipWhitespace();
        JsonValue value = parser.value(0);
        parser.skipWhitespace();
        if (parser.position < text.length()) {
            throw parser.problem("unexpected " + parser.describeNext() + " after the value");
        }
        return value;
    }

    private JsonValue value(int depth) throws Problem {
        if (position >= text.length()) {
            throw problem("unexpected end of input");
        }
        char c = text.charAt(position);
        return switch (c) {
            case '{' -> object(depth + 1);
            case '[' -> array(depth + 1);
            case '"' -> new JsonValue.StringValue(string());
            case 't' -> literal("true", new JsonValue.BooleanValue(true));
            case 'f' -> literal("false", new JsonValue.BooleanValue(false));
            case 'n' -> literal("null", new JsonValue.NullValue());
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw problem("unexpected " + describeNext());
            }
        };
    }

    private JsonValue object(int depth) throws Problem {
        checkDepth(depth);
        position++; // {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            position++;
            return new JsonValue.ObjectValue(members);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw problem("expected a member name in double quotes, found " + describeNext());
            }
            String name = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            members.put(name, value(depth));
            skipWhitespace();
            if (peek() == ',') {
                position++;
            } else if (peek() == '}') {
                position++;
                return new JsonValue.ObjectValue(members);
            } else {
                throw problem("expected ',' or '}', found " + describeNext());
            }
        }
    }

    private JsonValue array(int depth) throws Problem {
        checkDepth(depth);
        position++; // [
        List<JsonValue> items = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            position++;
            return new JsonValue.ArrayValue(items);
        }
        while (true) {
            skipWhitespace();
            items.add(value(depth));
            skipWhitespace();
            if (peek() == ',') {
                position++;
            } else if (peek() == ']') {
                position++;
                return new JsonValue.ArrayValue(items);
            } else {
                throw problem("expected ',' or ']', found " + describeNext());
            }
        }
    }

    private String string() throws Problem {
        int start = ++position; // opening quote
        StringBuilder decoded = null;
        while (true) {
            if (position >= text.length()) {
                throw problem("unterminated string");
            }
            char c = text.charAt(position);
            if (c == '"') {
                String value = decoded == null ? text.substring(start, position)
                        : decoded.append(text, start, position).toString();
                position++;
                return value;
            }
            if (c < 0x20) {
                throw problem("control character U+%04X in a string; escape it".formatted((int) c));
            }
            if (c == '\\') {
                if (decoded == null) {
                    decoded = new StringBuilder();
                }
                decoded.append(text, start, position);
                decoded.append(escape());
                start = position;
            } else {
                position++;
            }
        }
    }

    /** Reads the escape at {@code position} (the backslash) and leaves {@code position} after it. */
    private char escape() throws Problem {
        if (position + 1 >= text.length()) {
            throw problem("unterminated string");
        }
        char kind = text.charAt(position + 1);
        position += 2;
        return switch (kind) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> {
                if (position + 4 > text.length()) {
                    throw problem("incomplete \\u escape");
                }
                int code = 0;
                for (int i = 0; i < 4; i++) {
                    int digit = Character.digit(text.charAt(position + i), 16);
                    if (digit < 0) {
                        throw problem("bad hexadecimal digit in a \\u escape");
                    }
                    code = code * 16 + digit;
                }
                position += 4;
                yield (char) code;
            }
            default -> {
                position -= 2;
                throw problem("unknown escape \\" + kind);
            }
        };
    }

    private JsonValue number() throws Problem {
        int start = position;
        if (peek() == '-') {
            position++;
        }
        if (peek() == '0') {
            position++;
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw problem("a number needs digits");
        }
        if (peek() == '.') {
            position++;
            if (!isDigit(peek())) {
                throw problem("a number needs digits after '.'");
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            position++;
            if (peek() == '+' || peek() == '-') {
                position++;
            }
            if (!isDigit(peek())) {
                throw problem("a number needs digits in its exponent");
            }
            digits();
        }
        try {
            BigDecimal value = new BigDecimal(text.substring(start, position));
            if (Math.abs(value.scale()) <= MAX_SCALE) {
                return new JsonValue.NumberValue(value);
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below
        }
        position = start;
        throw problem("number out of range");
    }

    private void digits() {
        while (isDigit(peek())) {
            position++;
        }
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private JsonValue literal(String word, JsonValue value) throws Problem {
        if (!text.startsWith(word, position)) {
            throw problem("unexpected " + describeNext());
        }
        position += word.length();
        return value;
    }

    private void expect(char c) throws Problem {
        if (peek() != c) {
            throw problem("expected '" + c + "', found " + describeNext());
        }
        position++;
    }

    private void checkDepth(int depth) throws Problem {
        if (depth > MAX_DEPTH) {
            throw problem("nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    private int peek() {
        return position < text.length() ? text.charAt(position) : -1;
    }

    private void skipWhitespace() {
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            position++;
        }
    }

    private String describeNext() {
        if (position >= text.length()) {
            return "end of input";
        }
        char c = text.charAt(position);
        return c < 0x20 || c == 0x7f ? "character U+%04X".formatted((int) c) : "'" + c + "'";
    }

    private Problem problem(String message) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < Math.min(position, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Problem(message, line, position - lineStart + 1);
    }
}
