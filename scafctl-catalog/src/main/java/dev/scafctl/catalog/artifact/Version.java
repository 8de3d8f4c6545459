package dev.scafctl.catalog.artifact;

import dev.scafctl.catalog.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version. Parsing is lenient the way scafctl's (Masterminds) is: a leading {@code v} and missing
 * minor or patch numbers are accepted ({@code v1.2} is {@code 1.2.0}); {@link #toString()} is always the
 * normalized form that scafctl writes into tags and annotations. Versions order by SemVer 2.0.0 precedence, as
 * Masterminds compares them: numbers numerically, a pre-release below its release, pre-release identifiers one by
 * one (numeric ones numerically and below alphanumeric ones, which compare in ASCII order), build metadata ignored.
 *
 * <p>Parsed here rather than by a library: a catalog of thousands of tags parses every one of them on each
 * {@code list}, and a cold JVM pays for each object a general-purpose parser builds.
 */
public final class Version implements Comparable<Version> {

    private static final String IDENTIFIERS = "[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*";

    private static final Pattern LENIENT = Pattern.compile(
            "[vV]?(0|[1-9]\\d*)(?:\\.(0|[1-9]\\d*))?(?:\\.(0|[1-9]\\d*))?(?:-(" + IDENTIFIERS + "))?(?:\\+(" + IDENTIFIERS + "))?");

    private static final Pattern TAG = Pattern.compile("(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-" + IDENTIFIERS + ")?");

    private final int major;
    private final int minor;
    private final int patch;
    private final List<String> preRelease;
    private final String normalized;

    private Version(int major, int minor, int patch, List<String> preRelease, String build) {
        this.major = major;
        this.minor = minor;
        this.patch = patch;
        this.preRelease = preRelease;
        StringBuilder text = new StringBuilder().append(major).append('.').append(minor).append('.').append(patch);
        if (!preRelease.isEmpty()) {
            text.append('-').append(String.join(".", preRelease));
        }
        if (build != null) {
            text.append('+').append(build);
        }
        this.normalized = text.toString();
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
        List<String> preRelease = m.group(4) == null ? List.of() : Arrays.asList(m.group(4).split("\\."));
        for (String identifier : preRelease) {
            if (identifier.length() > 1 && identifier.charAt(0) == '0' && isNumeric(identifier)) {
                throw new InvalidInputException("invalid version \"" + text + "\": the pre-release identifier \""
                        + identifier + "\" is a number with a leading zero");
            }
        }
        return new Version(number(m.group(1), text), m.group(2) == null ? 0 : number(m.group(2), text),
                m.group(3) == null ? 0 : number(m.group(3), text), List.copyOf(preRelease), m.group(5));
    }

    /** Parses a version, or returns {@code null} when the text is not one (for tags that may be aliases). */
    public static Version parseOrNull(String text) {
        try {
            return parse(text);
        } catch (InvalidInputException e) {
            return null;
        }
    }

    /**
     * The version a registry tag names, or {@code null} when the tag is an alias: only a full
     * {@code MAJOR.MINOR.PATCH[-pre]} tag (the form a push writes) is a version, so the rolling tags {@code 1} and
     * {@code 1.4} that {@code -Dscafctl.rollingTags=true} moves along are aliases, not versions 1.0.0 and 1.4.0
     * (scafctl itself parses them leniently and lists them as such).
     */
    public static Version ofTag(String tag) {
        return tag != null && TAG.matcher(tag).matches() ? parseOrNull(tag) : null;
    }

    public boolean isPreRelease() {
        return !preRelease.isEmpty();
    }

    /** The pre-release identifiers ({@code [rc, 1]} for {@code 1.0.0-rc.1}); none for a release. */
    public List<String> preRelease() {
        return preRelease;
    }

    /** This version without pre-release and build: {@code 1.2.0} for {@code 1.2.0-rc.1+b5}. */
    public Version release() {
        return preRelease.isEmpty() && normalized.indexOf('+') < 0 ? this : new Version(major, minor, patch, List.of(), null);
    }

    @Override
    public int compareTo(Version other) {
        int c = Integer.compare(major, other.major);
        if (c == 0) {
            c = Integer.compare(minor, other.minor);
        }
        if (c == 0) {
            c = Integer.compare(patch, other.patch);
        }
        if (c != 0 || preRelease.equals(other.preRelease)) {
            return c;
        }
        if (preRelease.isEmpty() || other.preRelease.isEmpty()) {
            return preRelease.isEmpty() ? 1 : -1; // a release is above its pre-releases
        }
        for (int i = 0; i < Math.min(preRelease.size(), other.preRelease.size()); i++) {
            c = compareIdentifiers(preRelease.get(i), other.preRelease.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(preRelease.size(), other.preRelease.size()); // more identifiers, all equal so far: above
    }

    private static int compareIdentifiers(String a, String b) {
        boolean numericA = isNumeric(a);
        boolean numericB = isNumeric(b);
        if (numericA && numericB) {
            // no leading zeros (parse refuses them), so the longer number is the larger one
            return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : Integer.signum(a.compareTo(b));
        }
        if (numericA != numericB) {
            return numericA ? -1 : 1;
        }
        return Integer.signum(a.compareTo(b));
    }

    private static boolean isNumeric(String identifier) {
        for (int i = 0; i < identifier.length(); i++) {
            if (identifier.charAt(i) < '0' || identifier.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** A version number; at most {@link Integer#MAX_VALUE}, the bound constraints have too. */
    private static int number(String digits, String text) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("invalid version \"" + text + "\": the number " + digits
                    + " is too large (at most " + Integer.MAX_VALUE + ")");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version v && normalized.equals(v.normalized);
    }

    @Override
    public int hashCode() {
        return normalized.hashCode();
    }

    @Override
    public String toString() {
        return normalized;
    }
}
