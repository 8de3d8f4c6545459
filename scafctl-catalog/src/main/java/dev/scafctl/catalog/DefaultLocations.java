package dev.scafctl.catalog;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where scafctl keeps its files when nothing else is configured, following the XDG base directory rules on
 * Linux and macOS and {@code %LOCALAPPDATA%} on Windows, exactly as the scafctl CLI does, so that both tools
 * share one catalog and one plugin cache.
 */
public record DefaultLocations(Map<String, String> environment, String osName, Path userHome) {

    /** The locations of the running JVM's user. */
    public static DefaultLocations ofCurrentUser() {
        return new DefaultLocations(System.getenv(), System.getProperty("os.name", ""),
                Path.of(System.getProperty("user.home")));
    }

    /** {@code $XDG_DATA_HOME/scafctl/catalog}, by default {@code ~/.local/share/scafctl/catalog}. */
    public Path catalogDir() {
        return windowsLocalAppData().orElse(xdg("XDG_DATA_HOME", ".local/share")).resolve("scafctl").resolve("catalog");
    }

    /** {@code $XDG_CACHE_HOME/scafctl/plugins}, by default {@code ~/.cache/scafctl/plugins}. */
    public Path pluginCacheDir() {
        return windowsLocalAppData().orElse(xdg("XDG_CACHE_HOME", ".cache")).resolve("scafctl").resolve("plugins");
    }

    /** {@code $XDG_CONFIG_HOME/scafctl}, by default {@code ~/.config/scafctl}. */
    public Path configDir() {
        return windowsAppData().orElse(xdg("XDG_CONFIG_HOME", ".config")).resolve("scafctl");
    }

    private Path xdg(String variable, String fallbackBelowHome) {
        String value = environment.get(variable);
        // The XDG specification says relative values are invalid and must be ignored.
        if (value != null && !value.isBlank() && Path.of(value).isAbsolute()) {
            return Path.of(value);
        }
        return userHome.resolve(fallbackBelowHome);
    }

    private Optional<Path> windowsLocalAppData() {
        return windowsDir("LOCALAPPDATA");
    }

    private Optional<Path> windowsAppData() {
        return windowsDir("APPDATA");
    }

    private Optional<Path> windowsDir(String variable) {
        if (!osName.toLowerCase(Locale.ROOT).startsWith("windows")) {
            return Optional.empty();
        }
        String value = environment.get(variable);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
    }
}
