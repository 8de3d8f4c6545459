package dev.scafctl.catalog.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.oci.Annotations;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginMetadataTest {

    @Test
    void namesAreReadBackAsTheyAreWritten() {
        PluginMetadata handlers = new PluginMetadata(ArtifactKind.AUTH_HANDLER, List.of("github", "entra", "github"));

        assertEquals("entra,github", handlers.annotationValue());
        assertEquals(List.of("entra", "github"),
                PluginMetadata.recordedIn(Map.of(handlers.annotationKey(), handlers.annotationValue())));
        assertEquals(List.of("echo", "http"), PluginMetadata.recordedIn(Map.of(Annotations.PROVIDER_NAMES, "http,echo")));
        assertEquals(List.of(), PluginMetadata.recordedIn(Map.of(Annotations.ARTIFACT_TYPE, "provider")));
    }
}
