package dev.scafctl.maven;

import dev.scafctl.catalog.InvalidInputException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as scafctl's flags take them: a whole number with an optional B, KB, MB or GB (powers of 1024). */
final class ByteSizes {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|MB|GB)?");

    private ByteSizes() {}

    static long parse(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text.strip().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new InvalidInputException("invalid size \"" + text + "\"; write e.g. 50MB, 512KB or 1GB");
        }
        long value = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2);
        return switch (unit) {
            case "KB" -> value << 10;
            case "MB" -> value << 20;
            case "GB" -> value << 30;
            default -> value;
        };
    }
}
