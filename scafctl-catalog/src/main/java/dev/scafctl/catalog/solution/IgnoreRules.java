package dev.scafctl.catalog.solution;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code .scafctlignore} subset of gitignore that scafctl supports: {@code #} comments, {@code !} to re-include,
 * a leading {@code /} to anchor at the solution's folder, a trailing {@code /} for folders, {@code *}, {@code ?} and
 * {@code **}; the last matching line wins.
 */
public final class IgnoreRules {

    private record Rule(boolean negated, boolean anchored, boolean directory, String pattern, PathMatcher matcher) {}

    private final List<Rule> rules;

    private IgnoreRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * The rules of {@code <folder>/.scafctlignore}, then {@code extra} lines (a solution's {@code bundle.exclude},
     * which scafctl's documents describe and its code ignores).
     */
    public static IgnoreRules of(Path folder, List<String> extra) {
        Path file = folder.resolve(".scafctlignore");
        List<String> lines = new ArrayList<>();
        try {
            if (Files.isRegularFile(file)) {
                lines.addAll(Files.readAllLines(file));
            }
        } catch (IOException e) {
            throw new dev.scafctl.catalog.InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        int fromFile = lines.size();
        lines.addAll(extra);
        List<Rule> rules = new ArrayList<>();
        for (int number = 0; number < lines.size(); number++) {
            String raw = lines.get(number);
            String where = number < fromFile ? file + ":" + (number + 1) : "bundle.exclude \"" + raw + "\"";
            try {
                addRules(raw, rules);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new dev.scafctl.catalog.InvalidInputException(where + ": not a valid pattern: " + Globs.describe(e));
            }
        }
        return new IgnoreRules(rules);
    }

    private static void addRules(String raw, List<Rule> rules) {
        {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                return;
            }
            boolean negated = line.startsWith("!");
            if (negated) {
                line = line.substring(1);
            }
            boolean anchored = line.startsWith("/");
            if (anchored) {
                line = line.substring(1);
            }
            boolean directory = line.endsWith("/");
            while (line.endsWith("/")) {
                line = line.substring(0, line.length() - 1);
            }
            if (!line.isEmpty()) {
                rules.add(new Rule(negated, anchored, directory, line,
                        FileSystems.getDefault().getPathMatcher("glob:" + line)));
            }
            if (line.startsWith("**/") && line.length() > 3) {
                // "**/x" also matches x at the top: gitignore's leading ** spans zero folders
                String rest = line.substring(3);
                rules.add(new Rule(negated, true, directory, rest, FileSystems.getDefault().getPathMatcher("glob:" + rest)));
            }
        }
    }

    /** Whether {@code relativePath} (forward slashes, relative to the solution folder) is ignored. */
    public boolean ignores(String relativePath) {
        boolean ignored = false;
        for (Rule rule : rules) {
            if (matches(rule, relativePath)) {
                ignored = !rule.negated();
            }
        }
        return ignored;
    }

    private static boolean matches(Rule rule, String path) {
        if (rule.directory()) {
            List<String> folders = folders(path);
            return rule.anchored() ? !folders.isEmpty() && glob(rule, prefixUpTo(path, rule.pattern()))
                    : folders.stream().anyMatch(folder -> glob(rule, folder));
        }
        if (rule.anchored() || rule.pattern().contains("/")) {
            return glob(rule, path) || ancestors(path).stream().anyMatch(a -> glob(rule, a));
        }
        for (String segment : path.split("/")) {
            if (glob(rule, segment)) {
                return true;
            }
        }
        return false;
    }

    private static boolean glob(Rule rule, String candidate) {
        return !candidate.isEmpty() && rule.matcher().matches(Path.of(candidate));
    }

    /** The folder names of a path: {@code a/b/c.txt} gives {@code a}, {@code b}. */
    private static List<String> folders(String path) {
        String[] parts = path.split("/");
        return List.of(parts).subList(0, parts.length - 1);
    }

    /** The leading folders of a path as long as the pattern's depth: for {@code a/b/c.txt} and {@code a/b}, {@code a/b}. */
    private static String prefixUpTo(String path, String pattern) {
        int depth = pattern.split("/").length;
        String[] parts = path.split("/");
        if (parts.length <= depth) {
            return "";
        }
        return String.join("/", List.of(parts).subList(0, depth));
    }

    private static List<String> ancestors(String path) {
        List<String> ancestors = new ArrayList<>();
        int slash = path.indexOf('/');
        while (slash > 0) {
            ancestors.add(path.substring(0, slash));
            slash = path.indexOf('/', slash + 1);
        }
        return ancestors;
    }
}
