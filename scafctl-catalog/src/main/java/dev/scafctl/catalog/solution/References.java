package dev.scafctl.catalog.solution;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The literal file and solution references of a solution's spec, found the way scafctl's build finds them: the
 * {@code path} input of the {@code file} provider (reads only) and the {@code source} input of the {@code solution}
 * provider, in resolvers ({@code resolve.with}, {@code transform.with}) and in workflow actions and finally actions.
 * Expressions ({@code expr}, {@code tmpl}, {@code rslvr}) are not literals and are left to {@code bundle.include}.
 */
final class References {

    /** One literal: which provider input it is, its text, and the field it stands in. */
    record Reference(String provider, String value, String field, JsonNode inputs) {
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

    static List<Reference> of(JsonNode solution) {
        List<Reference> references = new ArrayList<>();
        JsonNode resolvers = solution.path("spec").path("resolvers");
        for (String name : resolvers.propertyNames()) {
            JsonNode resolver = resolvers.get(name);
            steps(resolver.path("resolve").path("with"), "spec.resolvers." + name + ".resolve.with", true, references);
            steps(resolver.path("transform").path("with"), "spec.resolvers." + name + ".transform.with", false, references);
        }
        for (String section : List.of("actions", "finally")) {
            JsonNode actions = solution.path("spec").path("workflow").path(section);
            for (String name : actions.propertyNames()) {
                step(actions.get(name), "spec.workflow." + section + "." + name, true, references);
            }
        }
        return references;
    }

    private static void steps(JsonNode list, String field, boolean checkOperation, List<Reference> references) {
        for (int i = 0; i < list.size(); i++) {
            step(list.get(i), field + "[" + i + "]", checkOperation, references);
        }
    }

    private static void step(JsonNode step, String field, boolean checkOperation, List<Reference> references) {
        String provider = step.path("provider").asString("");
        JsonNode inputs = step.path("inputs");
        if (provider.equals("file")) {
            String operation = inputs.path("operation").asString("read");
            JsonNode path = inputs.get("path");
            if (path != null && path.isString() && (!checkOperation || operation.equals("read"))) {
                references.add(new Reference("file", path.asString(), field + ".inputs.path", inputs));
            }
        } else if (provider.equals("solution")) {
            JsonNode source = inputs.get("source");
            if (source != null && source.isString()) {
                references.add(new Reference("solution", source.asString(), field + ".inputs.source", inputs));
            }
        }
    }
}
