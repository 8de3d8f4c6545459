package dev.scafctl.catalog.solution;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The literal file and solution references of a solution's spec, found the way scafctl's build finds them: the
 * {@code path} input of the {@code file} provider (reads only) and the {@code source} input of the {@code solution}
 * provider, in resolvers ({@code resolve.with}, {@code transform.with}) and in workflow actions and finally actions.
 * Expressions ({@code expr}, {@code tmpl}, {@code rslvr}) are not literals and are left to {@code bundle.include}.
 */
final class References {

    /** One literal: which provider input it is, its text, the field it stands in, and the inputs that hold it. */
    record Reference(String provider, String value, String field, Map<String, Object> inputs) {
        private static final java.util.regex.Pattern CATALOG = java.util.regex.Pattern.compile("[a-z][a-z0-9-]*@[^/\\s]+");
        private static final java.util.regex.Pattern VENDORED = java.util.regex.Pattern.compile(
                "\\.scafctl/vendor/([a-z][a-z0-9-]*@[^/\\s]+)\\.yaml");

        /**
         * The catalog dependency this names, {@code name@version-or-constraint}: written so, or already pointed at a
         * vendored copy ({@code .scafctl/vendor/name@version.yaml}, as in a solution taken from the catalog).
         */
        Optional<String> catalogDependency() {
            if (!provider.equals("solution")) {
                return Optional.empty();
            }
            if (CATALOG.matcher(value).matches()) {
                return Optional.of(value);
            }
            java.util.regex.Matcher vendored = VENDORED.matcher(value);
            return vendored.matches() ? Optional.of(vendored.group(1)) : Optional.empty();
        }

        boolean isLocalFile() {
            return !value.contains("://") && !value.contains("@");
        }
    }

    private References() {}

    static List<Reference> of(Object solution) {
        List<Reference> references = new ArrayList<>();
        Map<String, Object> resolvers = Tree.mapAt(solution, "spec", "resolvers").orElse(Map.of());
        for (Map.Entry<String, Object> resolver : resolvers.entrySet()) {
            String name = resolver.getKey();
            steps(Tree.at(resolver.getValue(), "resolve", "with"), "spec.resolvers." + name + ".resolve.with", true, references);
            steps(Tree.at(resolver.getValue(), "transform", "with"), "spec.resolvers." + name + ".transform.with", false,
                    references);
        }
        for (String section : List.of("actions", "finally")) {
            Map<String, Object> actions = Tree.mapAt(solution, "spec", "workflow", section).orElse(Map.of());
            for (Map.Entry<String, Object> action : actions.entrySet()) {
                step(action.getValue(), "spec.workflow." + section + "." + action.getKey(), true, references);
            }
        }
        return references;
    }

    private static void steps(Object list, String field, boolean checkOperation, List<Reference> references) {
        if (list instanceof List<?> steps) {
            for (int i = 0; i < steps.size(); i++) {
                step(steps.get(i), field + "[" + i + "]", checkOperation, references);
            }
        }
    }

    private static void step(Object step, String field, boolean checkOperation, List<Reference> references) {
        String provider = Tree.text(Tree.at(step, "provider"), "");
        Optional<Map<String, Object>> inputs = Tree.mapAt(step, "inputs");
        if (inputs.isEmpty()) {
            return;
        }
        if (provider.equals("file")) {
            String operation = Tree.text(inputs.get().get("operation"), "read");
            if (inputs.get().get("path") instanceof String path && (!checkOperation || operation.equals("read"))) {
                references.add(new Reference("file", path, field + ".inputs.path", inputs.get()));
            }
        } else if (provider.equals("solution")) {
            if (inputs.get().get("source") instanceof String source) {
                references.add(new Reference("solution", source, field + ".inputs.source", inputs.get()));
            }
        }
    }
}
