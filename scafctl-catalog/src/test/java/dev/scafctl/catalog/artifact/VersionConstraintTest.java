package dev.scafctl.catalog.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.scafctl.catalog.InvalidInputException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every rule of the wire-format page's constraint list, as Masterminds semver v3 (scafctl's library) applies it. */
class VersionConstraintTest {

    @ParameterizedTest(name = "{0} accepts {1}: {2}")
    @CsvSource({
        // caret: ^1.2.3 = >=1.2.3 <2.0.0
        "^1.2.3, 1.2.3, true", "^1.2.3, 1.9.9, true", "^1.2.3, 2.0.0, false", "^1.2.3, 1.2.2, false",
        // ^0.2.3 = >=0.2.3 <0.3.0 ; ^0.0.3 = >=0.0.3 <0.0.4
        "^0.2.3, 0.2.9, true", "^0.2.3, 0.3.0, false", "^0.2.3, 0.2.2, false",
        "^0.0.3, 0.0.3, true", "^0.0.3, 0.0.4, false",
        "^1.2, 1.9.0, true", "^1.2, 1.1.9, false", "^0, 0.9.9, true", "^0, 1.0.0, false", "^1.x, 1.5.0, true",
        // tilde: ~1.2.3 = >=1.2.3 <1.3.0
        "~1.2.3, 1.2.9, true", "~1.2.3, 1.3.0, false", "~1.2.3, 1.2.2, false", "~1, 1.9.0, true", "~1, 2.0.0, false",
        "~>1.2, 1.2.5, true",
        // comparisons
        ">=1.0.0, 1.0.0, true", ">=1.0.0, 0.9.9, false", ">1.0.0, 1.0.0, false", ">1.0.0, 1.0.1, true",
        "<2.0.0, 1.9.9, true", "<2.0.0, 2.0.0, false", "<=2.0.0, 2.0.0, true", "=1.2.3, 1.2.3, true",
        "!=1.2.3, 1.2.3, false", "!=1.2.3, 1.2.4, true", "'>= 1.2', 1.2.0, true", "=>1.2.0, 1.3.0, true",
        "1.2.3, 1.2.3, true", "1.2.3, 1.2.4, false", "v1.2.3, 1.2.3, true",
        // AND by comma or space, OR by ||
        "'>=1.2.0, <1.4.0', 1.3.0, true", "'>=1.2.0, <1.4.0', 1.4.0, false", "'>=1.2.0 <1.4.0', 1.1.0, false",
        "'^1.0.0 || ^3.0.0', 3.1.0, true", "'^1.0.0 || ^3.0.0', 2.1.0, false",
        // wildcards and partial versions
        "1.2.x, 1.2.7, true", "1.2.x, 1.3.0, false", "1.x, 1.9.0, true", "1.X, 2.0.0, false", "1.*, 1.0.1, true",
        "*, 9.9.9, true", "x, 0.0.1, true", "1.2, 1.2.9, true", "1, 1.5.0, true", "1, 2.0.0, false",
        ">1.2, 1.2.9, false", ">1.2, 1.3.0, true", "<=1.2, 1.2.9, true", "<=1.2, 1.3.0, false", "!=1.2, 1.2.5, false",
        "!=1.2, 1.3.0, true",
        // hyphen ranges
        "1.2 - 1.4.5, 1.4.5, true", "1.2 - 1.4.5, 1.4.6, false", "1.2 - 1.4.5, 1.2.0, true", "1.2.3 - 2, 2.9.0, true",
        "1.2.3 - 2, 3.0.0, false",
        // latest = any
        "latest, 0.0.1, true", "LATEST, 12.0.0, true",
        // pre-releases only when the constraint names one
        "^1.0.0, 1.1.0-rc.1, false", ">=1.0.0-0, 1.1.0-rc.1, true", "^1.0.0-beta, 1.0.0-rc.1, true",
        "*, 1.0.0-rc.1, false", "latest, 1.0.0-rc.1, true",
    })
    void followsMastermindsSemantics(String constraint, String version, boolean satisfied) {
        assertEquals(satisfied, VersionConstraint.parse(constraint).isSatisfiedBy(Version.parse(version)));
    }

    @Test
    void highestPrefersStableVersionsAndIgnoresWhatDoesNotMatch() {
        List<Version> versions = List.of(Version.parse("1.0.0"), Version.parse("1.4.2"), Version.parse("2.0.0"),
                Version.parse("1.5.0-rc.1"));
        assertEquals(Optional.of(Version.parse("1.4.2")), VersionConstraint.parse("^1.0.0").highest(versions));
        assertEquals(Optional.of(Version.parse("2.0.0")), VersionConstraint.parse("latest").highest(versions));
        assertEquals(Optional.empty(), VersionConstraint.parse("^3").highest(versions));
        assertEquals(Optional.of(Version.parse("1.5.0-rc.1")),
                VersionConstraint.parse("latest").highest(List.of(Version.parse("1.5.0-rc.1"))),
                "a pre-release is the latest when no stable version exists");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "^", "1.2.3.4", ">=1.2.3 ||", "1.x.3", "~>", "=> latest"})
    void refusesWhatIsNotAConstraint(String text) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> VersionConstraint.parse(text));
        assertEquals(true, e.getMessage().contains("constraint"), e.getMessage());
    }
}
