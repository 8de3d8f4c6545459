package dev.scafctl.catalog.artifact;

import dev.scafctl.catalog.InvalidInputException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An operating system and CPU architecture with Go's names ({@code linux/amd64}). Plugins may only target the
 * platforms scafctl supports; they are ordered as scafctl lists them, which is also the order of the manifests
 * in a plugin's image index.
 */
public record Platform(String os, String architecture) {

    public static final List<Platform> SUPPORTED = List.of(
            new Platform("linux", "amd64"),
            new Platform("linux", "arm64"),
            new Platform("darwin", "amd64"),
            new Platform("darwin", "arm64"),
            new Platform("windows", "amd64"));

    /** Supported platforms first, in scafctl's order; anything else after them, by name. */
    public static final Comparator<Platform> ORDER = Comparator
            .comparingInt((Platform p) -> SUPPORTED.contains(p) ? SUPPORTED.indexOf(p) : SUPPORTED.size())
            .thenComparing(Platform::toString);

    /** Parses {@code os/arch} and refuses anything scafctl does not support, listing what it does. */
    public static Platform parseSupported(String text) {
        String trimmed = text == null ? "" : text.strip();
        for (Platform platform : SUPPORTED) {
            if (platform.toString().equals(trimmed)) {
                return platform;
            }
        }
        throw new InvalidInputException("unsupported platform \"" + trimmed + "\"; supported: "
                + SUPPORTED.stream().map(Platform::toString).collect(Collectors.joining(", ")));
    }

    /** The platform of a JVM from its {@code os.name} and {@code os.arch}, in Go's names. */
    public static Platform ofJvm(String osName, String osArch) {
        String name = osName.toLowerCase(Locale.ROOT);
        String os = name.startsWith("linux") ? "linux"
                : name.startsWith("mac") || name.startsWith("darwin") ? "darwin"
                : name.startsWith("windows") ? "windows" : name.replace(' ', '-');
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64", "x64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> osArch;
        };
        return parseSupported(os + "/" + arch);
    }

    /** The platform this JVM runs on. */
    public static Platform current() {
        return ofJvm(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    /** The platform this JVM runs on, when scafctl supports it. */
    public static Optional<Platform> currentIfSupported() {
        try {
            return Optional.of(current());
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return os + "/" + architecture;
    }
}
