package dev.scafctl.maven;

import dev.scafctl.catalog.InvalidInputException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as parameters take them: a whole number with an optional unit, all binary as {@link
 * dev.scafctl.catalog.ByteCount} shows them: {@code B}, {@code KiB}, {@code MiB}, {@code GiB}. {@code KB}, {@code MB}
 * and {@code GB} are read as the same powers of 1024 (so the default {@code 50MB} is 50 MiB), never as powers of
 * 1000; case does not matter.
 */
final class ByteSizes {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KIB|MIB|GIB|KB|MB|GB)?");

    private ByteSizes() {}

    static long parse(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text.strip().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new InvalidInputException("invalid size \"" + text + "\"; write a whole number of B, KiB, MiB or GiB,"
                    + " e.g. 50MiB, 512KiB or 1GiB");
        }
        long value;
        try {
            value = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("invalid size \"" + text + "\": the number is too large");
        }
        int shift = switch (m.group(2) == null ? "B" : m.group(2)) {
            case "KIB", "KB" -> 10;
            case "MIB", "MB" -> 20;
            case "GIB", "GB" -> 30;
            default -> 0;
        };
        if (value > (Long.MAX_VALUE >> shift)) {
            throw new InvalidInputException("invalid size \"" + text + "\": the number is too large");
        }
        return value << shift;
    }
}
