package dev.scafctl.catalog.protocol;

import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.oci.Annotations;
import java.util.List;

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
}
