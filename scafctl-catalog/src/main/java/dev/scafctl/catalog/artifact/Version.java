package dev.scafctl.catalog.artifact;

import dev.scafctl.catalog.InvalidInputException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.semver4j.Semver;
import org.semver4j.SemverException;

/**
 * A semantic version. Parsing is lenient the way scafctl's (Masterminds) is: a leading {@code v} and missing
 * minor or patch numbers are accepted ({@code v1.2} is {@code 1.2.0}); {@link #toString()} is always the
 * normalized form that scafctl writes into tags and annotations.
 */
public final class Version implements Comparable<Version> {

    private static final Pattern LENIENT = Pattern.compile(
            "[vV]?(0|[1-9]\\d*)(?:\\.(0|[1-9]\\d*))?(?:\\.(0|[1-9]\\d*))?"
                    + "(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?");

    private final Semver semver;

    private Version(Semver semver) {
        this.semver = semver;
    }

    /** Parses a version leniently, or fails naming the text. */
    public static Version parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("version cannot be empty");
        }
        Matcher m = LENIENT.matcher(text.strip());
        if (!m.matches()) {
            throw new InvalidInputException("invalid version \"" + text + "\": not a semantic version (e.g. 1.2.3)");
        }
        StringBuilder normalized = new StringBuilder()
                .append(m.group(1)).append('.')
                .append(m.group(2) == null ? "0" : m.group(2)).append('.')
                .append(m.group(3) == null ? "0" : m.group(3));
        if (m.group(4) != null) {
            normalized.append('-').append(m.group(4));
        }
        if (m.group(5) != null) {
            normalized.append('+').append(m.group(5));
        }
        try {
            return new Version(new Semver(normalized.toString()));
        } catch (SemverException e) {
            throw new InvalidInputException("invalid version \"" + text + "\": " + e.getMessage(), e);
        }
    }

    /** Parses a version, or returns {@code null} when the text is not one (for tags that may be aliases). */
    public static Version parseOrNull(String text) {
        try {
            return parse(text);
        } catch (InvalidInputException e) {
            return null;
        }
    }

    private static final Pattern TAG = Pattern.compile(
            "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");

    /**
     * The version a registry tag names, or {@code null} when the tag is an alias: only a full
     * {@code MAJOR.MINOR.PATCH[-pre]} tag (the form a push writes) is a version, so the rolling tags {@code 1} and
     * {@code 1.4} that {@code -Dscafctl.rollingTags=true} moves along are aliases, not versions 1.0.0 and 1.4.0
     * (scafctl itself parses them leniently and lists them as such).
     */
    public static Version ofTag(String tag) {
        return tag != null && TAG.matcher(tag).matches() ? parse(tag) : null;
    }

    public boolean isPreRelease() {
        return !semver.getPreRelease().isEmpty();
    }

    public List<String> preRelease() {
        return semver.getPreRelease();
    }

    /** The underlying semver4j value, for constraint checks. */
    public Semver semver() {
        return semver;
    }

    @Override
    public int compareTo(Version other) {
        return semver.compareTo(other.semver);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version v && semver.getVersion().equals(v.semver.getVersion());
    }

    @Override
    public int hashCode() {
        return semver.getVersion().hashCode();
    }

    @Override
    public String toString() {
        return semver.getVersion();
    }
}
