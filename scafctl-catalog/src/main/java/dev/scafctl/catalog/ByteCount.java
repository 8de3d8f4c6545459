package dev.scafctl.catalog;

import java.util.Locale;

/** A size in bytes, shown to people in decimal units as scafctl does ({@code 12.3 MB}). */
public record ByteCount(long bytes) {

    private static final String[] UNITS = {"kB", "MB", "GB", "TB"};

    @Override
    public String toString() {
        if (bytes < 1000) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
