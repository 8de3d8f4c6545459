package dev.scafctl.catalog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where scafctl keeps its files when nothing else is configured, by the rules of the adrg/xdg library scafctl
 * resolves them with ({@code pkg/paths/paths.go}), so that both tools share one catalog, one plugin cache and one
 * {@code config.yaml}:
 *
 * <ul>
 *   <li>an {@code XDG_DATA_HOME}, {@code XDG_CACHE_HOME} or {@code XDG_CONFIG_HOME} that is absolute once a leading
 *       home is expanded wins on every system, Windows too ({@code ~} and {@code $HOME} on Linux and macOS,
 *       {@code %USERPROFILE%} on Windows); a relative one is ignored;
 *   <li>Linux: {@code ~/.local/share}, {@code ~/.cache}, {@code ~/.config}, the home being {@code $HOME};
 *   <li>macOS: the same (scafctl's {@code paths_darwin.go} sets them when the variable is empty; a relative value
 *       falls back to adrg/xdg's own {@code ~/Library/Application Support} and {@code ~/Library/Caches});
 *   <li>Windows: {@code %LOCALAPPDATA%} for data and config, {@code %LOCALAPPDATA%\cache} for the cache
 *       ({@code %USERPROFILE%\AppData\Local} when the variable is unset; adrg/xdg asks Windows' known-folder API
 *       first, which gives the same folder unless it was redirected).
 * </ul>
 */
public record DefaultLocations(Map<String, String> environment, String osName, Path userHome) {

    private enum System {
        LINUX, MAC, WINDOWS
    }

    /** The locations of the running JVM's user. */
    public static DefaultLocations ofCurrentUser() {
        return new DefaultLocations(java.lang.System.getenv(), java.lang.System.getProperty("os.name", ""),
                Path.of(java.lang.System.getProperty("user.home")));
    }

    /** {@code $XDG_DATA_HOME/scafctl/catalog}, by default {@code ~/.local/share/scafctl/catalog}. */
    public Path catalogDir() {
        return Path.of(join(dataHome(), "scafctl", "catalog"));
    }

    /** {@code $XDG_CACHE_HOME/scafctl/plugins}, by default {@code ~/.cache/scafctl/plugins}. */
    public Path pluginCacheDir() {
        return Path.of(join(base("XDG_CACHE_HOME", List.of(".cache"), List.of("Library", "Caches"), "cache"),
                "scafctl", "plugins"));
    }

    /** {@code $XDG_CONFIG_HOME/scafctl}, by default {@code ~/.config/scafctl}. */
    public Path configDir() {
        return Path.of(join(base("XDG_CONFIG_HOME", List.of(".config"), List.of("Library", "Application Support"), null),
                "scafctl"));
    }

    private String dataHome() {
        return base("XDG_DATA_HOME", List.of(".local", "share"), List.of("Library", "Application Support"), null);
    }

    /**
     * One base folder: the variable when absolute after home expansion, else the system's default ({@code belowHome}
     * on Linux, and on macOS when the variable is empty; {@code macFallback} on macOS when it is set but relative;
     * {@code %LOCALAPPDATA%} with {@code belowLocalAppData} on Windows).
     */
    private String base(String variable, List<String> belowHome, List<String> macFallback, String belowLocalAppData) {
        String value = environment.getOrDefault(variable, "");
        String expanded = expandHome(value);
        if (!expanded.isEmpty() && isAbsolute(expanded)) {
            return expanded;
        }
        return switch (system()) {
            case WINDOWS -> belowLocalAppData == null ? localAppData() : join(localAppData(), belowLocalAppData);
            case MAC -> value.isEmpty() ? join(home(), belowHome.toArray(String[]::new))
                    : join(home(), macFallback.toArray(String[]::new));
            case LINUX -> join(home(), belowHome.toArray(String[]::new));
        };
    }

    private String localAppData() {
        String value = environment.getOrDefault("LOCALAPPDATA", "");
        return value.isEmpty() ? join(home(), "AppData", "Local") : value;
    }

    /** adrg/xdg's home: {@code $HOME} (Linux, macOS), {@code %USERPROFILE%} (Windows), else the JVM's. */
    private String home() {
        String value = environment.getOrDefault(system() == System.WINDOWS ? "USERPROFILE" : "HOME", "");
        return value.isEmpty() ? userHome.toString() : value;
    }

    private String expandHome(String path) {
        if (path.isEmpty()) {
            return path;
        }
        if (system() == System.WINDOWS) {
            return path.startsWith("%USERPROFILE%") ? join(home(), path.substring(13)) : path;
        }
        if (path.startsWith("~")) {
            return join(home(), path.substring(1));
        }
        return path.startsWith("$HOME") ? join(home(), path.substring(5)) : path;
    }

    private boolean isAbsolute(String path) {
        if (system() == System.WINDOWS) {
            return path.matches("(?s)[A-Za-z]:[\\\\/].*") || path.matches("(?s)[\\\\/]{2}[^\\\\/].*");
        }
        return path.startsWith("/");
    }

    /** Go's filepath.Join for this system: the parts joined by its separator, empty parts and doubled separators dropped. */
    private String join(String first, String... more) {
        boolean windows = system() == System.WINDOWS;
        String separator = windows ? "\\" : "/";
        List<String> parts = new ArrayList<>();
        parts.add(first);
        parts.addAll(List.of(more));
        StringBuilder joined = new StringBuilder();
        for (String part : parts) {
            String clean = windows ? part.replace('/', '\\') : part;
            if (clean.isEmpty()) {
                continue;
            }
            if (joined.length() == 0) {
                joined.append(clean);
            } else {
                String left = joined.toString().endsWith(separator) ? "" : separator;
                joined.append(left).append(clean.startsWith(separator) ? clean.substring(1) : clean);
            }
        }
        String result = joined.toString();
        while (result.length() > 1 && result.endsWith(separator) && !(windows && result.matches("[A-Za-z]:\\\\"))) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }

    private System system() {
        String name = osName.toLowerCase(Locale.ROOT);
        return name.startsWith("windows") ? System.WINDOWS : name.startsWith("mac") || name.startsWith("darwin") ? System.MAC
                : System.LINUX;
    }
}
