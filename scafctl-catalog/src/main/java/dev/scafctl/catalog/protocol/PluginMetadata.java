package dev.scafctl.catalog.protocol;

import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.oci.Annotations;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/** What a plugin binary said it provides: its provider or auth-handler names, sorted and without repeats. */
public record PluginMetadata(ArtifactKind kind, List<String> names) {

    public PluginMetadata {
        names = names.stream().distinct().sorted().toList();
    }

    /** {@code dev.scafctl.provider.names} or {@code dev.scafctl.auth-handler.names}. */
    public String annotationKey() {
        return kind == ArtifactKind.AUTH_HANDLER ? Annotations.AUTH_HANDLER_NAMES : Annotations.PROVIDER_NAMES;
    }

    /** The names, comma-joined, as the annotation holds them. */
    public String annotationValue() {
        return String.join(",", names);
    }

    /**
     * The provider or auth-handler names that {@code annotations} (of a plugin's index or manifest) record, read
     * back the way {@link #annotationValue()} writes them; empty where the plugin check did not run.
     */
    public static List<String> recordedIn(Map<String, String> annotations) {
        return Stream.of(Annotations.PROVIDER_NAMES, Annotations.AUTH_HANDLER_NAMES)
                .map(annotations::get)
                .filter(Objects::nonNull)
                .flatMap(value -> Stream.of(value.split(",")))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .distinct().sorted().toList();
    }
}
