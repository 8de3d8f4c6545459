package dev.scafctl.catalog.inspect;

import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.oci.CanonicalJson;
import dev.scafctl.catalog.yaml.YamlWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** The output formats of the listing and inspecting goals: a table or text for people, JSON or YAML for scripts. */
public enum Output {
    TEXT, JSON, YAML;

    public static Output parse(String text) {
        String value = text == null ? "text" : text.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "text", "table" -> TEXT;
            case "json" -> JSON;
            case "yaml" -> YAML;
            default -> throw new InvalidInputException("unknown format \"" + text + "\"; use table, json or yaml");
        };
    }

    /** Renders a tree of maps and lists as JSON or YAML. */
    public String render(Map<String, ?> tree) {
        return switch (this) {
            case JSON -> new String(CanonicalJson.write(tree), StandardCharsets.UTF_8);
            case YAML -> YamlWriter.writeString(tree).stripTrailing();
            case TEXT -> throw new IllegalStateException("text is rendered by the caller");
        };
    }
}
