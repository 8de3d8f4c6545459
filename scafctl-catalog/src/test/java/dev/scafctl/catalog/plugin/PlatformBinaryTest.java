package dev.scafctl.catalog.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.testing.ExternalCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformBinaryTest {

    @TempDir
    Path dir;

    @Test
    void resolvesRelativePathsAndSortsByPlatform() throws Exception {
        Files.writeString(dir.resolve("a"), "a");
        Files.writeString(dir.resolve("b"), "bb");
        List<PlatformBinary> binaries = PlatformBinary.parseAll(List.of(" windows/amd64=b ", "linux/amd64 = a"), dir);
        assertEquals(List.of(Platform.parseSupported("linux/amd64"), Platform.parseSupported("windows/amd64")),
                binaries.stream().map(PlatformBinary::platform).toList());
        assertEquals(dir.resolve("a"), binaries.get(0).file());
        assertEquals(2, binaries.get(1).size());
    }

    @Test
    void refusesAnUnsupportedPlatform() throws Exception {
        Files.writeString(dir.resolve("a"), "a");
        assertMessage("unsupported platform \"linux/riscv64\"; supported: linux/amd64, linux/arm64, darwin/amd64,"
                + " darwin/arm64, windows/amd64", List.of("linux/riscv64=a"));
    }

    @Test
    void refusesAMissingFile() {
        assertMessage("platform \"linux/amd64\": binary not found at " + dir.resolve("missing"),
                List.of("linux/amd64=missing"));
    }

    @Test
    void refusesADirectory() throws Exception {
        Files.createDirectories(dir.resolve("dist"));
        assertMessage("platform \"linux/amd64\": path " + dir.resolve("dist") + " is a directory, not a binary",
                List.of("linux/amd64=dist"));
    }

    @Test
    void refusesASpecialFile() {
        List<String> mkfifo = List.of(ExternalCommand.require("mkfifo", "coreutils").toString(), dir.resolve("pipe").toString());
        ExternalCommand.run(mkfifo, Duration.ofSeconds(10)).requireSuccess(mkfifo);
        assertMessage("platform \"linux/amd64\": " + dir.resolve("pipe") + " is not a regular file",
                List.of("linux/amd64=pipe"));
    }

    @Test
    void refusesAnEmptyFile() throws Exception {
        Files.createFile(dir.resolve("empty"));
        assertMessage("platform \"darwin/arm64\": binary at " + dir.resolve("empty") + " is empty",
                List.of("darwin/arm64=empty"));
    }

    @Test
    void refusesADuplicatePlatform() throws Exception {
        Files.writeString(dir.resolve("a"), "a");
        Files.writeString(dir.resolve("b"), "b");
        assertMessage("platform \"linux/amd64\" is given twice (\"linux/amd64=a\" and \"linux/amd64=b\"); give each"
                + " platform once", List.of("linux/amd64=a", "linux/amd64=b"));
    }

    @Test
    void refusesMalformedSpecifications() {
        assertMessage("\"linux/amd64\" is not of the form os/arch=path (e.g. linux/amd64=dist/my-provider-linux-amd64)",
                List.of("linux/amd64"));
        assertMessage("platform \"linux/amd64\": binary path must not be empty", List.of("linux/amd64="));
        assertMessage("no platform binaries given; name at least one as os/arch=path", List.of());
    }

    private void assertMessage(String expected, List<String> specifications) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> PlatformBinary.parseAll(specifications, dir));
        assertEquals(expected, e.getMessage());
    }

    @Test
    void onlyTheBinaryForThisMachineIsRunnable() throws Exception {
        Path file = Files.writeString(dir.resolve("bin"), "x");
        PlatformBinary darwin = new PlatformBinary(new Platform("darwin", "arm64"), file, 1);
        PlatformBinary here = new PlatformBinary(Platform.current(), file, 1);

        assertEquals(List.of(here), PlatformBinary.runnableHere(List.of(darwin, here)).stream().toList());
        assertTrue(PlatformBinary.runnableHere(List.of(darwin)).isEmpty());
    }
}
