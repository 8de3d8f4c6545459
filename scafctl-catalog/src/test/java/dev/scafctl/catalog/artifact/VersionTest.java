package dev.scafctl.catalog.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionTest {

    @ParameterizedTest
    @CsvSource({
        "1.2.3, 1.2.3",
        "v1.2.3, 1.2.3",
        "V1.2, 1.2.0",
        "1, 1.0.0",
        "1.0.0-SNAPSHOT, 1.0.0-SNAPSHOT",
        "2.0.0-rc.1+build.5, 2.0.0-rc.1+build.5",
        "' 1.4.0 ', 1.4.0",
    })
    void parsesLenientlyAndNormalizes(String text, String normalized) {
        assertEquals(normalized, Version.parse(text).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "latest", "1.2.3.4", "01.2.3", "1.2.x", "1.2.3-", "abc", "1..2"})
    void refusesWhatIsNotSemver(String text) {
        assertThrows(InvalidInputException.class, () -> Version.parse(text));
        assertNull(Version.parseOrNull(text));
    }

    @Test
    void ordersBySemverPrecedence() {
        assertTrue(Version.parse("1.0.0-rc.1").compareTo(Version.parse("1.0.0")) < 0);
        assertTrue(Version.parse("1.10.0").compareTo(Version.parse("1.9.9")) > 0);
        assertEquals(Version.parse("v1.2"), Version.parse("1.2.0"));
        assertTrue(Version.parse("1.0.0-rc.1").isPreRelease());
    }
}
