package dev.scafctl.catalog.inspect;

import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.oci.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import tools.jackson.dataformat.yaml.YAMLMapper;

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
            case YAML -> YamlWriter.MAPPER.writeValueAsString(tree).replaceFirst("^---\\s*\\n", "").stripTrailing();
            case TEXT -> throw new IllegalStateException("text is rendered by the caller");
        };
    }

    /** Built on first use: the mapper takes a noticeable part of a second to load, and only YAML output needs it. */
    private static final class YamlWriter {
        static final YAMLMapper MAPPER = YAMLMapper.builder().build();
    }
}
