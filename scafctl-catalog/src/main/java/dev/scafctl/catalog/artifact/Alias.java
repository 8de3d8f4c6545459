package dev.scafctl.catalog.artifact;

import dev.scafctl.catalog.InvalidInputException;
import java.util.regex.Pattern;

/**
 * A user's alias for an artifact version ({@code stable}, {@code prod}), under scafctl's rules: letters, digits,
 * {@code _ . -}, not starting with {@code .} or {@code -}; not {@code latest}, not purely numeric and not a
 * semantic version, so an alias can never be mistaken for a version.
 */
public record Alias(String value) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    public Alias {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new InvalidInputException("invalid alias \"" + value + "\": use letters, digits, '_', '.' and '-',"
                    + " not starting with '.' or '-' (at most 128 characters)");
        }
        if (value.equalsIgnoreCase("latest")) {
            throw new InvalidInputException("invalid alias \"latest\": it is reserved for the highest version");
        }
        if (value.chars().allMatch(Character::isDigit) || Version.parseOrNull(value) != null) {
            throw new InvalidInputException("invalid alias \"" + value + "\": it reads as a version; pick a name such as 'stable'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
