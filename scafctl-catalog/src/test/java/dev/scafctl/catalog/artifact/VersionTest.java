package dev.scafctl.catalog.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.InvalidInputException;
import java.util.List;
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
    @ValueSource(strings = {"", "latest", "1.2.3.4", "01.2.3", "1.2.x", "1.2.3-", "abc", "1..2", "1.0.0-rc.01",
        "99999999999999999999.0.0"})
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

    @Test
    void ordersAsTheSemverSpecificationsExample() {
        List<String> ascending = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
                "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0", "10.0.0");
        for (int i = 0; i < ascending.size(); i++) {
            for (int j = 0; j < ascending.size(); j++) {
                int expected = Integer.compare(i, j);
                assertEquals(expected, Integer.signum(Version.parse(ascending.get(i)).compareTo(Version.parse(ascending.get(j)))),
                        ascending.get(i) + " against " + ascending.get(j));
            }
        }
    }

    @Test
    void comparesAlphanumericIdentifiersInAsciiOrderAsMastermindsDoes() {
        // scafctl picks "latest" with Masterminds: rc10 sorts below rc9 there, as the specification says
        assertTrue(Version.parse("1.0.0-rc10").compareTo(Version.parse("1.0.0-rc9")) < 0);
        assertTrue(Version.parse("1.0.0-RC.1").compareTo(Version.parse("1.0.0-rc.1")) < 0);
        assertTrue(Version.parse("1.0.0-123456789012345678901234567890").compareTo(Version.parse("1.0.0-99")) > 0);
    }

    @Test
    void ignoresBuildMetadataWhenOrderingButKeepsIt() {
        Version built = Version.parse("1.2.0-rc.1+build.7");
        assertEquals(0, built.compareTo(Version.parse("1.2.0-rc.1+other")));
        assertEquals("1.2.0-rc.1+build.7", built.toString());
        assertEquals(List.of("rc", "1"), built.preRelease());
        assertEquals("1.2.0", built.release().toString());
        assertFalse(built.release().isPreRelease());
    }

    @Test
    void tagsThatAreNotFullVersionsAreAliases() {
        assertEquals("1.4.0", Version.ofTag("1.4.0").toString());
        assertNull(Version.ofTag("1.4"));
        assertNull(Version.ofTag("v1.4.0"));
        assertNull(Version.ofTag("1.0.0-rc.01"));
        assertNull(Version.ofTag("latest"));
    }
}
