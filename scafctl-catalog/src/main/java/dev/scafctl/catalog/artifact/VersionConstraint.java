package dev.scafctl.catalog.artifact;

import dev.scafctl.catalog.InvalidInputException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version constraint with the semantics of Masterminds semver v3, which scafctl uses: {@code ^1.2.3},
 * {@code ~1.2.3}, comparisons ({@code >=}, {@code >}, {@code <=}, {@code <}, {@code =}, {@code !=}), AND by comma
 * or space, OR by {@code ||}, {@code x}/{@code X}/{@code *} wildcards and partial versions ({@code 1.2} is
 * {@code 1.2.x}), hyphen ranges ({@code 1.2 - 1.4.5}), and {@code latest} for any version. A pre-release version
 * satisfies a constraint only when the constraint itself names a pre-release.
 *
 * <p>General-purpose range parsers (semver4j's among them) differ from Masterminds in the caret and tilde rules
 * for {@code 0.x} and in their pre-release handling, so the ranges are built here on {@link Version}'s order.
 */
public final class VersionConstraint {

    private static final Pattern TERM = Pattern.compile(
            "(!=|>=|=>|<=|=<|~>|[=<>~^])?\\s*[vV]?(\\*|[xX]|\\d+)(?:\\.(\\*|[xX]|\\d+))?(?:\\.(\\*|[xX]|\\d+))?"
                    + "(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");
    private static final Pattern HYPHEN = Pattern.compile("(\\S+)\\s+-\\s+(\\S+)");

    private final String text;
    private final List<List<Comparator>> alternatives;

    private VersionConstraint(String text, List<List<Comparator>> alternatives) {
        this.text = text;
        this.alternatives = alternatives;
    }

    /** Parses a constraint, naming the text and what is wrong with it. */
    public static VersionConstraint parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("version constraint cannot be empty");
        }
        String trimmed = text.strip();
        if (trimmed.equalsIgnoreCase("latest")) {
            return new VersionConstraint(trimmed, List.of(List.of(Comparator.LATEST)));
        }
        List<List<Comparator>> alternatives = new ArrayList<>();
        for (String alternative : trimmed.split("\\|\\|", -1)) {
            alternatives.add(parseGroup(alternative, trimmed));
        }
        return new VersionConstraint(trimmed, List.copyOf(alternatives));
    }

    private static List<Comparator> parseGroup(String group, String whole) {
        String expanded = group.strip();
        Matcher hyphen = HYPHEN.matcher(expanded);
        StringBuilder rewritten = new StringBuilder();
        while (hyphen.find()) {
            hyphen.appendReplacement(rewritten, Matcher.quoteReplacement(">=" + hyphen.group(1) + " <=" + hyphen.group(2)));
        }
        hyphen.appendTail(rewritten);
        // Operators may stand apart from their version (">= 1.2"); join them before splitting on spaces and commas.
        String joined = rewritten.toString().replaceAll("(!=|>=|=>|<=|=<|~>|[=<>~^])\\s+", "$1");
        List<Comparator> comparators = new ArrayList<>();
        for (String term : joined.split("[,\\s]+")) {
            if (term.isEmpty()) {
                continue;
            }
            Matcher m = TERM.matcher(term);
            if (!m.matches()) {
                throw new InvalidInputException("invalid version constraint \"" + whole + "\": cannot parse \"" + term
                        + "\" (expected e.g. ^1.2.3, ~1.2, >=1.0.0 <2.0.0, 1.x, 1.2 - 1.4, latest)");
            }
            comparators.addAll(Comparator.of(m, whole));
        }
        if (comparators.isEmpty()) {
            throw new InvalidInputException("invalid version constraint \"" + whole + "\": an alternative of || is empty");
        }
        return List.copyOf(comparators);
    }

    /** Whether {@code version} satisfies the constraint. */
    public boolean isSatisfiedBy(Version version) {
        for (List<Comparator> group : alternatives) {
            boolean namesPreRelease = group.stream().anyMatch(Comparator::namesPreRelease);
            if (version.isPreRelease() && !namesPreRelease) {
                continue;
            }
            if (group.stream().allMatch(c -> c.test(version))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The highest version that satisfies the constraint: stable versions first, pre-releases only when no stable
     * version does (and the constraint admits them).
     */
    public Optional<Version> highest(Collection<Version> versions) {
        Optional<Version> stable = versions.stream().filter(v -> !v.isPreRelease()).filter(this::isSatisfiedBy)
                .max(Version::compareTo);
        return stable.isPresent() ? stable : versions.stream().filter(this::isSatisfiedBy).max(Version::compareTo);
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * One bound of a range: an operator and a version; wildcards are expanded into bounds when parsed. The one
     * two-sided case, {@code != 1.2} (nothing of 1.2.x), is {@code outside} with an exclusive {@code upper}.
     */
    private record Comparator(String operator, Version version, Version upper) {

        static final Comparator ANY = new Comparator("*", null, null);
        /** scafctl's {@code latest}: any version, pre-releases included (the caller prefers stable ones). */
        static final Comparator LATEST = new Comparator("latest", null, null);

        Comparator(String operator, Version version) {
            this(operator, version, null);
        }

        boolean namesPreRelease() {
            return this == LATEST || version != null && version.isPreRelease();
        }

        boolean test(Version candidate) {
            if (version == null) {
                return true;
            }
            int c = candidate.compareTo(version);
            return switch (operator) {
                case ">=" -> c >= 0;
                case ">" -> c > 0;
                case "<=" -> c <= 0;
                case "<" -> c < 0;
                case "!=" -> c != 0;
                case "outside" -> c < 0 || candidate.compareTo(upper) >= 0;
                default -> c == 0;
            };
        }

        /** Expands one {@code op version} term into plain comparisons, following Masterminds' rules. */
        static List<Comparator> of(Matcher m, String whole) {
            String op = normalize(m.group(1));
            Integer major = number(m.group(2));
            Integer minor = number(m.group(3));
            Integer patch = number(m.group(4));
            String pre = m.group(5);
            if (major == null) {
                // "*", "x", ">= *": any version
                return op.equals("!=") || op.equals("<") || op.equals(">")
                        ? List.of(new Comparator("<", Version.parse("0.0.0-0")))
                        : List.of(ANY);
            }
            if (minor == null && patch != null) {
                throw new InvalidInputException("invalid version constraint \"" + whole + "\": \"" + m.group()
                        + "\" has a patch number after a wildcard");
            }
            boolean partial = minor == null || patch == null;
            Version floor = version(major, minor == null ? 0 : minor, patch == null ? 0 : patch, pre);
            Version nextOfGiven = partial
                    ? (minor == null ? version(major + 1, 0, 0, null) : version(major, minor + 1, 0, null))
                    : null;
            return switch (op) {
                case "^" -> List.of(new Comparator(">=", floor), new Comparator("<", caretCeiling(major, minor, patch)));
                case "~" -> List.of(new Comparator(">=", floor), new Comparator("<",
                        minor == null ? version(major + 1, 0, 0, null) : version(major, minor + 1, 0, null)));
                case ">=" -> List.of(new Comparator(">=", floor));
                case "<" -> List.of(new Comparator("<", floor));
                case ">" -> List.of(partial ? new Comparator(">=", nextOfGiven) : new Comparator(">", floor));
                case "<=" -> List.of(partial ? new Comparator("<", nextOfGiven) : new Comparator("<=", floor));
                case "!=" -> partial
                        ? List.of(new Comparator("outside", floor, nextOfGiven))
                        : List.of(new Comparator("!=", floor));
                default -> partial
                        ? List.of(new Comparator(">=", floor), new Comparator("<", nextOfGiven))
                        : List.of(new Comparator("=", floor));
            };
        }

        private static Version caretCeiling(int major, Integer minor, Integer patch) {
            if (major > 0 || minor == null) {
                return version(major + 1, 0, 0, null);
            }
            if (minor > 0 || patch == null) {
                return version(0, minor + 1, 0, null);
            }
            return version(0, 0, patch + 1, null);
        }

        private static String normalize(String op) {
            if (op == null || op.equals("=")) {
                return "=";
            }
            return switch (op) {
                case "=>" -> ">=";
                case "=<" -> "<=";
                case "~>" -> "~";
                default -> op;
            };
        }

        private static Integer number(String part) {
            if (part == null || part.equals("*") || part.equalsIgnoreCase("x")) {
                return null;
            }
            try {
                return Integer.valueOf(part);
            } catch (NumberFormatException e) {
                throw new InvalidInputException("the version number " + part + " in a constraint is too large (at most "
                        + Integer.MAX_VALUE + ")");
            }
        }

        private static Version version(int major, int minor, int patch, String pre) {
            return Version.parse(major + "." + minor + "." + patch + (pre == null ? "" : "-" + pre));
        }
    }
}
