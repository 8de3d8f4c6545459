package dev.scafctl.catalog.oci;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed JSON value, read by {@link CanonicalJson#read}. Navigation never throws: {@link #path} of something that
 * is not there is {@link #MISSING}, and reading a missing value as text gives the default. Objects keep their member
 * order; a repeated member keeps its last value.
 */
public sealed interface JsonValue extends Iterable<JsonValue> {

    /** What {@link #path} gives for a member or value that is not there. */
    JsonValue MISSING = new Missing();

    /** A JSON object. */
    record ObjectValue(Map<String, JsonValue> members) implements JsonValue {
        public ObjectValue {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }
    }

    /** A JSON array. */
    record ArrayValue(List<JsonValue> items) implements JsonValue {
        public ArrayValue {
            items = List.copyOf(items);
        }
    }

    /** A JSON string. */
    record StringValue(String value) implements JsonValue {}

    /** A JSON number, exactly as written. */
    record NumberValue(BigDecimal value) implements JsonValue {}

    /** {@code true} or {@code false}. */
    record BooleanValue(boolean value) implements JsonValue {}

    /** {@code null}. */
    record NullValue() implements JsonValue {}

    /** Not there at all: the member an object lacks, the child of a string. */
    record Missing() implements JsonValue {}

    /** The member {@code name} of this object, or {@code null} when this is not an object or has no such member. */
    default JsonValue get(String name) {
        return this instanceof ObjectValue object ? object.members().get(name) : null;
    }

    /** The member {@code name} of this object, or {@link #MISSING}. */
    default JsonValue path(String name) {
        JsonValue member = get(name);
        return member == null ? MISSING : member;
    }

    /** The members of an object in document order; none for anything else. */
    default Set<Map.Entry<String, JsonValue>> properties() {
        return this instanceof ObjectValue object ? object.members().entrySet() : Set.of();
    }

    /** The items of an array; none for anything else. */
    @Override
    default Iterator<JsonValue> iterator() {
        return this instanceof ArrayValue array ? array.items().iterator() : Collections.emptyIterator();
    }

    default boolean isObject() {
        return this instanceof ObjectValue;
    }

    default boolean isString() {
        return this instanceof StringValue;
    }

    /** A number without a fraction or exponent that changes it: {@code 42}, {@code 4.2e1}. */
    default boolean isIntegralNumber() {
        if (!(this instanceof NumberValue number)) {
            return false;
        }
        BigDecimal value = number.value();
        return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
    }

    /** A number as a {@code long}; 0 for anything else. */
    default long asLong() {
        return this instanceof NumberValue number ? number.value().longValue() : 0L;
    }

    /** A string's value, or a number or boolean as written; {@code fallback} for anything else. */
    default String asString(String fallback) {
        if (this instanceof StringValue string) {
            return string.value();
        }
        if (this instanceof NumberValue number) {
            return number.value().toString();
        }
        if (this instanceof BooleanValue bool) {
            return Boolean.toString(bool.value());
        }
        return fallback;
    }

    /** {@link #asString(String)} with an empty fallback. */
    default String asString() {
        return asString("");
    }

    /**
     * This value as plain Java values, ready for {@link CanonicalJson#write}: maps, lists, strings, booleans,
     * {@code null}, and numbers as {@code Long} (or {@code BigInteger}) when integral, else {@code BigDecimal}.
     */
    default Object toPlain() {
        if (this instanceof ObjectValue object) {
            Map<String, Object> map = new LinkedHashMap<>();
            object.members().forEach((name, value) -> map.put(name, value.toPlain()));
            return map;
        }
        if (this instanceof ArrayValue array) {
            List<Object> list = new ArrayList<>();
            array.items().forEach(item -> list.add(item.toPlain()));
            return list;
        }
        if (this instanceof NumberValue number) {
            if (!isIntegralNumber()) {
                return number.value();
            }
            BigInteger integer = number.value().toBigIntegerExact();
            return integer.bitLength() < 64 ? (Object) integer.longValue() : integer;
        }
        if (this instanceof StringValue string) {
            return string.value();
        }
        if (this instanceof BooleanValue bool) {
            return bool.value();
        }
        return null;
    }
}
