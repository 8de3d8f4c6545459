package dev.scafctl.catalog;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The single instant written into every {@code created} field of a build, so that the same inputs give the same
 * bytes. It follows Maven's {@code project.build.outputTimestamp} conventions: an ISO-8601 date-time with an
 * offset, or whole seconds since the epoch; unset (or a single character, Maven's "disabled" marker) gives the
 * fixed epoch {@code 1970-01-01T00:00:00Z}.
 */
public record BuildTimestamp(Instant instant) {

    public static final BuildTimestamp EPOCH = new BuildTimestamp(Instant.EPOCH);

    public BuildTimestamp {
        instant = instant.truncatedTo(ChronoUnit.SECONDS);
    }

    public static BuildTimestamp parse(String value) {
        if (value == null || value.isBlank() || value.strip().length() == 1) {
            return EPOCH;
        }
        String text = value.strip();
        if (text.chars().allMatch(Character::isDigit)) {
            try {
                return new BuildTimestamp(Instant.ofEpochSecond(Long.parseLong(text)));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("timestamp \"" + text + "\" is out of range", e);
            }
        }
        try {
            return new BuildTimestamp(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("timestamp \"" + text
                    + "\" is neither an ISO-8601 date-time with offset (2026-01-01T00:00:00Z) nor seconds since the epoch",
                    e);
        }
    }

    /** RFC 3339, UTC, whole seconds: {@code 2026-01-01T00:00:00Z}. */
    public String rfc3339() {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    @Override
    public String toString() {
        return rfc3339();
    }
}
