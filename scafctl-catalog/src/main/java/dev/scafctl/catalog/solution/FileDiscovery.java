package dev.scafctl.catalog.solution;

import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.yaml.YamlNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files a solution's bundle holds: those its spec names literally, and those {@code bundle.include} names (globs
 * or explicit paths), less what {@code .scafctlignore} excludes. Absolute paths, paths leaving the solution's folder
 * and symbolic links pointing out of it are refused; an explicit path that does not exist is an error. The result
 * is sorted by path, so the bundle is the same on every machine.
 */
final class FileDiscovery {

    private FileDiscovery() {}

    static List<BundleFile> discover(SolutionDocument solution, IgnoreRules ignore) {
        Path folder = solution.folder();
        Map<String, BundleFile> files = new TreeMap<>();
        for (References.Reference reference : References.of(solution.tree())) {
            if (reference.isLocalFile()) {
                add(folder, reference.value(), ignore, files, problem -> new InvalidInputException(solution.file() + ": "
                        + reference.field() + ": " + problem));
            }
        }
        List<YamlNode> includes = solution.positions().get("bundle").get("include").items();
        List<String> patterns = Tree.texts(Tree.at(solution.tree(), "bundle", "include"), solution.file() + ": bundle.include");
        for (int i = 0; i < patterns.size(); i++) {
            String pattern = patterns.get(i);
            YamlNode at = i < includes.size() && includes.get(i).text().orElse("").equals(pattern) ? includes.get(i) : null;
            Problem fail = problem -> at != null ? at.fail(problem)
                    : new InvalidInputException(solution.file() + ": bundle.include \"" + pattern + "\" (composed): " + problem);
            checkShape(pattern, fail);
            if (Globs.isGlob(pattern)) {
                List<String> matches;
                try {
                    matches = Globs.match(folder, pattern);
                } catch (java.util.regex.PatternSyntaxException e) {
                    throw fail.with("is not a valid glob: " + Globs.describe(e));
                }
                for (String match : matches) {
                    add(folder, match, ignore, files, fail);
                }
            } else {
                add(folder, pattern, ignore, files, fail);
            }
        }
        return List.copyOf(files.values());
    }

    @FunctionalInterface
    private interface Problem {
        InvalidInputException with(String problem);
    }

    private static void checkShape(String path, Problem fail) {
        if (path.startsWith("/") || path.matches("^[A-Za-z]:[\\\\/].*")) {
            throw fail.with("absolute path not allowed in bundle: " + path);
        }
        String normalized = Path.of(path).normalize().toString().replace('\\', '/');
        if (normalized.equals("..") || normalized.startsWith("../")) {
            throw fail.with("path escapes bundle root: " + path);
        }
    }

    private static void add(Path folder, String path, IgnoreRules ignore, Map<String, BundleFile> files, Problem fail) {
        checkShape(path, fail);
        Path file = folder.resolve(path).normalize();
        String relative = folder.relativize(file).toString().replace('\\', '/');
        if (relative.equals(".scafctl/bundle-manifest.json")) {
            throw fail.with("the bundle path .scafctl/bundle-manifest.json is reserved");
        }
        if (ignore.ignores(relative) || files.containsKey(relative)) {
            return;
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw fail.with("file not found: " + path);
        }
        try {
            Path real = file.toRealPath();
            if (!real.startsWith(folder.toRealPath())) {
                throw fail.with("symlink escapes bundle root: " + path + " -> " + real);
            }
            if (Files.isDirectory(real)) {
                return;
            }
            files.put(relative, BundleFile.onDisk(relative, real, Files.size(real), Digest.of(real)));
        } catch (IOException e) {
            throw fail.with("cannot read " + path + ": " + e.getMessage());
        }
    }
}
