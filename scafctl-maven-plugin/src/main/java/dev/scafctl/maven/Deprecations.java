package dev.scafctl.maven;

import java.util.List;
import java.util.function.Consumer;

/** The old spellings of renamed parameters, read for one more release with a warning that names the new one. */
final class Deprecations {

    private Deprecations() {}

    /**
     * {@code current} when it is set; else {@code old}, the value of the deprecated property, with a warning; else
     * empty.
     */
    static List<String> fallBack(List<String> current, List<String> old, String parameter, String property,
            String oldProperty, Consumer<String> warn) {
        if (current != null && !current.isEmpty()) {
            return current;
        }
        if (old == null || old.isEmpty()) {
            return List.of();
        }
        warn.accept("-D" + oldProperty + " is deprecated here and goes in the next release: use -D" + property
                + " (<" + parameter + ">)");
        return old;
    }
}
