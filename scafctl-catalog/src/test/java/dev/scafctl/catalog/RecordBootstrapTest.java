package dev.scafctl.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.scafctl.catalog.artifact.ArtifactName;
import dev.scafctl.catalog.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The records the lock extension compares before every build write out equals and hashCode, so that their first call
 * does not link {@code java.lang.runtime.ObjectMethods} (issue 20, a lighter start): their class files name it nowhere.
 */
class RecordBootstrapTest {

    @ParameterizedTest
    @ValueSource(classes = {ArtifactName.class, Digest.class})
    void comparedRecordsDoNotLinkObjectMethods(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            String classFile = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertFalse(classFile.contains("java/lang/runtime/ObjectMethods"), type + " links ObjectMethods");
        }
    }

    @Test
    void namesAreEqualByValue() {
        assertEquals(ArtifactName.of("my-provider"), ArtifactName.of("my-provider"));
        assertEquals(ArtifactName.of("my-provider").hashCode(), ArtifactName.of("my-provider").hashCode());
        assertNotEquals(ArtifactName.of("my-provider"), ArtifactName.of("other"));
        assertNotEquals((Object) ArtifactName.of("my-provider"), "my-provider");
    }

    @Test
    void digestsAreEqualByHex() {
        Digest a = Digest.of("a".getBytes(StandardCharsets.UTF_8));
        assertEquals(a, Digest.parse(a.toString()));
        assertEquals(a.hashCode(), Digest.parse(a.toString()).hashCode());
        assertNotEquals(a, Digest.of("b".getBytes(StandardCharsets.UTF_8)));
        assertNotEquals((Object) a, a.toString());
    }
}
