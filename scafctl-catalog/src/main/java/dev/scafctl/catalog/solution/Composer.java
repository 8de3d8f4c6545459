package dev.scafctl.catalog.solution;

import dev.scafctl.catalog.yaml.YamlNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * scafctl's {@code compose}: partial YAML files (paths or globs relative to the solution, matches sorted) merged into
 * one solution. Resolvers, workflow actions and finally actions, and test cases are added by name, a name defined
 * twice is an error naming both files; {@code bundle.include} lists are joined. The composed solution no longer has
 * a {@code compose} list.
 */
final class Composer {

    private static final List<List<String>> MERGED = List.of(
            List.of("spec", "resolvers"), List.of("spec", "workflow", "actions"), List.of("spec", "workflow", "finally"),
            List.of("spec", "testing", "cases"));
    private static final Map<String, String> SINGULAR = Map.of("resolvers", "resolver", "actions", "action",
            "finally", "finally action", "cases", "test");

    private Composer() {}

    /** Merges the parts into {@code root} and returns the part files, in order. */
    static List<Path> compose(SolutionDocument root) {
        List<Path> parts = new ArrayList<>();
        Map<String, String> origin = new HashMap<>();
        for (List<String> section : MERGED) {
            Tree.mapAt(root.tree(), section, false).ifPresent(map -> map.keySet()
                    .forEach(name -> origin.put(String.join(".", section) + "/" + name, root.file().getFileName().toString())));
        }
        for (YamlNode entry : root.positions().get("compose").items()) {
            String pattern = entry.requiredText();
            List<String> matches;
            try {
                matches = Globs.isGlob(pattern) ? Globs.match(root.folder(), pattern) : List.of(pattern);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw entry.fail("is not a valid glob: " + Globs.describe(e));
            }
            if (matches.isEmpty()) {
                throw entry.fail("matches no file: " + pattern);
            }
            for (String match : matches) {
                Path file = root.folder().resolve(match).normalize();
                if (!file.startsWith(root.folder())) {
                    throw entry.fail("leaves the solution's folder: " + pattern);
                }
                if (!Files.isRegularFile(file)) {
                    throw entry.fail("names no file: " + match);
                }
                if (parts.contains(file)) {
                    throw entry.fail("names " + match + " a second time");
                }
                parts.add(file);
                merge(root, SolutionDocument.readAny(file), origin);
            }
        }
        root.tree().remove("compose");
        return parts;
    }

    private static void merge(SolutionDocument root, SolutionDocument part, Map<String, String> origin) {
        String partName = root.folder().relativize(part.file()).toString();
        for (List<String> section : MERGED) {
            var from = Tree.mapAt(part.tree(), section, false);
            if (from.isEmpty()) {
                continue;
            }
            Map<String, Object> into = Tree.mapAt(root.tree(), section, true).orElseThrow();
            for (String name : from.get().keySet()) {
                String key = String.join(".", section) + "/" + name;
                if (origin.containsKey(key)) {
                    YamlNode where = part.positions();
                    for (String segment : section) {
                        where = where.get(segment);
                    }
                    throw where.key(name).fail("duplicate " + SINGULAR.get(section.get(section.size() - 1)) + " \"" + name
                            + "\": defined in both " + origin.get(key) + " and " + partName);
                }
                origin.put(key, partName);
                into.put(name, from.get().get(name));
            }
        }
        Object includes = Tree.at(part.tree(), "bundle", "include");
        if (includes instanceof List<?> list && !list.isEmpty()) {
            Map<String, Object> bundle = Tree.mapAt(root.tree(), List.of("bundle"), true).orElseThrow();
            Set<String> joined = new LinkedHashSet<>();
            joined.addAll(Tree.texts(bundle.get("include"), root.file() + ": bundle.include"));
            joined.addAll(Tree.texts(includes, part.file() + ": bundle.include"));
            bundle.put("include", new ArrayList<Object>(joined));
        }
    }
}
