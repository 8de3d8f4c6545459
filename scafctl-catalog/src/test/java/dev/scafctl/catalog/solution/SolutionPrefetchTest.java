package dev.scafctl.catalog.solution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock extension reads the top project's solution once: ahead, on a spare thread, and the check takes that. */
class SolutionPrefetchTest {

    private static final String SOLUTION = "metadata:\n  name: ahead\nbundle:\n  plugins:\n"
            + "    - {name: echo, kind: provider, version: ^1}\n";

    @TempDir
    Path work;

    @Test
    void theCheckTakesTheSolutionReadAheadWithoutReadingTheFileAgain() throws Exception {
        Path file = Files.writeString(work.resolve("solution.yaml"), SOLUTION);
        SolutionPrefetch prefetch = SolutionPrefetch.start(file);
        SolutionDocument ahead = prefetch.read().orElseThrow();
        Files.writeString(file, "bundle: [broken\n");
        assertSame(ahead, prefetch.take(work.resolve("./solution.yaml")), "the same file, however it is named");
        assertEquals("echo", ahead.plugins().get(0).name().value());
    }

    @Test
    void anotherSolutionIsReadWhenTaken() throws Exception {
        SolutionPrefetch prefetch = SolutionPrefetch.start(Files.writeString(work.resolve("solution.yaml"), SOLUTION));
        Path other = Files.writeString(Files.createDirectories(work.resolve("module")).resolve("solution.yaml"),
                "metadata:\n  name: other\n");
        assertEquals(other, prefetch.take(other).file());
        assertEquals(other, SolutionPrefetch.none().take(other).file());
    }

    @Test
    void aSolutionThatCouldNotBeReadAheadIsReadAgainAndItsProblemReported() throws Exception {
        Path file = Files.writeString(work.resolve("solution.yaml"), "bundle: [broken\n");
        SolutionPrefetch prefetch = SolutionPrefetch.start(file);
        assertTrue(prefetch.read().isEmpty());
        String message = assertThrows(InvalidInputException.class, () -> prefetch.take(file)).getMessage();
        assertTrue(message.startsWith(file + ":2:1: malformed YAML"), message);
        Files.writeString(file, SOLUTION);
        assertEquals(1, prefetch.take(file).plugins().size(), "read now, as it is now");
    }
}
