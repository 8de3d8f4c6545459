package dev.scafctl.catalog.plugin;

import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.artifact.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One plugin binary and the platform it runs on, from a {@code os/arch=path} specification. */
public record PlatformBinary(Platform platform, Path file, long size) {

    /**
     * Parses {@code os/arch=path} specifications, resolving relative paths against {@code baseDir}, checking
     * that each names a readable, non-empty regular file and that no platform appears twice. The result is in
     * {@link Platform#ORDER}, whatever order the specifications came in.
     */
    public static List<PlatformBinary> parseAll(List<String> specifications, Path baseDir) {
        if (specifications == null || specifications.isEmpty()) {
            throw new InvalidInputException("no platform binaries given; name at least one as os/arch=path");
        }
        Map<Platform, String> seen = new HashMap<>();
        List<PlatformBinary> binaries = new ArrayList<>();
        for (String specification : specifications) {
            PlatformBinary binary = parse(specification, baseDir);
            String earlier = seen.putIfAbsent(binary.platform(), specification.strip());
            if (earlier != null) {
                throw new InvalidInputException("platform \"" + binary.platform() + "\" is given twice (\"" + earlier
                        + "\" and \"" + specification.strip() + "\"); give each platform once");
            }
            binaries.add(binary);
        }
        binaries.sort((a, b) -> Platform.ORDER.compare(a.platform(), b.platform()));
        return List.copyOf(binaries);
    }

    /** The binary among {@code binaries} that can run on this machine, if any. */
    public static Optional<PlatformBinary> runnableHere(List<PlatformBinary> binaries) {
        return Platform.currentIfSupported()
                .flatMap(here -> binaries.stream().filter(b -> b.platform().equals(here)).findFirst());
    }

    /** Parses and checks one {@code os/arch=path} specification. */
    public static PlatformBinary parse(String specification, Path baseDir) {
        String text = specification == null ? "" : specification.strip();
        int equals = text.indexOf('=');
        if (equals < 0) {
            throw new InvalidInputException("\"" + text + "\" is not of the form os/arch=path (e.g. linux/amd64=dist/my-provider-linux-amd64)");
        }
        Platform platform = Platform.parseSupported(text.substring(0, equals));
        String pathText = text.substring(equals + 1).strip();
        if (pathText.isEmpty()) {
            throw new InvalidInputException("platform \"" + platform + "\": binary path must not be empty");
        }
        Path file = baseDir.resolve(pathText).toAbsolutePath().normalize();
        return new PlatformBinary(platform, file, checkedSize(platform, file));
    }

    private static long checkedSize(Platform platform, Path file) {
        if (!Files.exists(file)) {
            throw new InvalidInputException("platform \"" + platform + "\": binary not found at " + file);
        }
        if (Files.isDirectory(file)) {
            throw new InvalidInputException("platform \"" + platform + "\": path " + file + " is a directory, not a binary");
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("platform \"" + platform + "\": " + file + " is not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new InvalidInputException("platform \"" + platform + "\": binary " + file + " is not readable");
        }
        try {
            long size = Files.size(file);
            if (size == 0) {
                throw new InvalidInputException("platform \"" + platform + "\": binary at " + file + " is empty");
            }
            return size;
        } catch (IOException e) {
            throw new InvalidInputException("platform \"" + platform + "\": cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
