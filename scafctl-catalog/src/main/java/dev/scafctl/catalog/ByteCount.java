package dev.scafctl.catalog;

import java.util.Locale;

/**
 * A size in bytes, shown to people in binary units, the one convention of the log, the goals' output and the catalog
 * page: {@code 142.6 MiB} is 142.6 × 1024² bytes.
 */
public record ByteCount(long bytes) {

    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB"};

    @Override
    public String toString() {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
