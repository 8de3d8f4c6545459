package dev.scafctl.catalog.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.scafctl.catalog.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArtifactNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "my-provider", "aws-provider2", "x1-y2-z3"})
    void acceptsScafctlNames(String name) {
        assertEquals(name, ArtifactName.of(name).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "My-Provider", "1provider", "-provider", "provider-", "my--provider", "my_provider",
            "my.provider", "my provider"})
    void refusesOtherNames(String name) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ArtifactName.of(name));
        assertEquals(true, e.getMessage().contains("name"), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void refusesNamesLongerThan128() {
        assertEquals(128, ArtifactName.of("a".repeat(128)).value().length());
        assertThrows(InvalidInputException.class, () -> ArtifactName.of("a".repeat(129)));
    }
}
