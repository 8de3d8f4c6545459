package dev.scafctl.catalog.solution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.artifact.Version;
import dev.scafctl.catalog.artifact.VersionConstraint;
import dev.scafctl.catalog.local.LocalCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input that used to escape as an internal error (PatternSyntaxException, NumberFormatException) or pass silently. */
class BadInputTest {

    @TempDir
    Path work;

    private static final String HEAD = "apiVersion: scafctl.io/v1\nkind: Solution\nmetadata:\n  name: bad\n";

    private Path solution(String body) throws Exception {
        Files.createDirectories(work.resolve("app"));
        return Files.writeString(work.resolve("app/solution.yaml"), HEAD + body);
    }

    @Test
    void aBadGlobInBundleIncludeNamesFileLineAndField() throws Exception {
        Path file = solution("bundle:\n  include:\n    - \"configs/[a.yaml\"\n");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> SolutionBuild.prepare(SolutionDocument.read(file), LocalCatalog.open(work.resolve("catalog"))));
        assertTrue(e.getMessage().startsWith(file + ":7:7: bundle.include[0] is not a valid glob: missing ']'"), e.getMessage());
    }

    @Test
    void aBadGlobInComposeNamesFileLineAndField() throws Exception {
        Path file = solution("compose:\n  - \"parts/[a.yaml\"\n");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> SolutionBuild.prepare(SolutionDocument.read(file), LocalCatalog.open(work.resolve("catalog"))));
        assertTrue(e.getMessage().startsWith(file + ":6:5: compose[0] is not a valid glob: missing ']'"), e.getMessage());
    }

    @Test
    void aBadPatternInScafctlignoreNamesItsLine() throws Exception {
        Path file = solution("");
        Files.writeString(work.resolve("app/.scafctlignore"), "# fine\n*.tmp\nsecret[.yaml\n");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> SolutionBuild.prepare(SolutionDocument.read(file), LocalCatalog.open(work.resolve("catalog"))));
        assertTrue(e.getMessage().startsWith(work.resolve("app/.scafctlignore") + ":3: not a valid pattern: missing ']'"),
                e.getMessage());
    }

    @Test
    void numbersPastTheirRangeInConstraintsAndVersionsAreCleanErrors() {
        for (String constraint : new String[] {"^99999999999", "~2147483648", "99999999999999999999.0.0"}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> VersionConstraint.parse(constraint),
                    constraint);
            assertTrue(e.getMessage().contains("too large"), constraint + ": " + e.getMessage());
        }
        String version = assertThrows(InvalidInputException.class, () -> Version.parse("99999999999999999999.0.0"))
                .getMessage();
        assertTrue(version.contains("the number 99999999999999999999 is too large"), version);
    }

    @Test
    void bundleAsAStringIsAnError() throws Exception {
        Path file = solution("bundle: \"a string\"\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SolutionDocument.read(file));
        assertEquals(file + ":5:9: bundle must be a mapping, not a single value or a list", e.getMessage());
    }
}
