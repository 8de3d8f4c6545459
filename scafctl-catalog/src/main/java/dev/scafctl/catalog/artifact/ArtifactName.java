package dev.scafctl.catalog.artifact;

import dev.scafctl.catalog.InvalidInputException;
import java.util.regex.Pattern;

/**
 * The name of a catalog artifact, under scafctl's rules: 1 to 128 characters of lowercase letters, digits and
 * single hyphens, starting with a letter and ending with a letter or digit.
 */
public record ArtifactName(String value) {

    private static final Pattern VALID = Pattern.compile("[a-z](?:[a-z0-9]|-(?!-))*");

    public ArtifactName {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException("name cannot be empty");
        }
        if (value.length() > 128 || !VALID.matcher(value).matches() || value.endsWith("-")) {
            throw new InvalidInputException("invalid name \"" + value
                    + "\": must be 1-128 lowercase letters, digits and single hyphens, starting with a letter and"
                    + " ending with a letter or digit (e.g. 'my-provider')");
        }
    }

    public static ArtifactName of(String value) {
        return new ArtifactName(value);
    }

    /**
     * Written out, not left to the record: a record's own equals and hashCode are linked on their first call through
     * {@code java.lang.runtime.ObjectMethods}, a bootstrap that costs a cold JVM tens of milliseconds, and the lock
     * extension compares these before every build (issue 20). The same contract: equal when the value is.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof ArtifactName that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
