package dev.scafctl.catalog.solution;

import dev.scafctl.catalog.InvalidInputException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Stream;

/**
 * Glob patterns over a solution's folder as doublestar reads them: {@code *} stays in one folder, {@code **} spans
 * any number of folders (none included), {@code {a,b}} and {@code [..]} work; paths are relative, with forward
 * slashes; symbolic links to folders are not followed; the result is sorted.
 */
final class Globs {

    private Globs() {}

    static boolean isGlob(String pattern) {
        return pattern.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    /** What is wrong with a glob, in words: {@code missing ']' in "configs/[a.yaml" (at character 9)}. */
    static String describe(java.util.regex.PatternSyntaxException e) {
        String description = e.getDescription().replace("Missing", "missing");
        if (description.chars().filter(c -> c == '\'').count() == 1) {
            description += "'"; // the JDK says "Missing ']"
        }
        return description + " in \"" + e.getPattern().replaceFirst("^glob:", "") + "\""
                + (e.getIndex() >= 0 ? " (at character " + (e.getIndex() + 1) + ")" : "");
    }

    /** The files below {@code folder} that {@code pattern} matches; a pattern that is no glob throws PatternSyntaxException. */
    static List<String> match(Path folder, String pattern) {
        String cleaned = pattern.startsWith("./") ? pattern.substring(2) : pattern;
        List<PathMatcher> matchers = Stream.of(cleaned, cleaned.replace("/**/", "/"), cleaned.startsWith("**/") ? cleaned.substring(3) : cleaned)
                .distinct().map(p -> FileSystems.getDefault().getPathMatcher("glob:" + p)).toList();
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .map(f -> folder.relativize(f).toString().replace('\\', '/'))
                    .filter(relative -> matchers.stream().anyMatch(m -> m.matches(Path.of(relative))))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new InvalidInputException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }
}
