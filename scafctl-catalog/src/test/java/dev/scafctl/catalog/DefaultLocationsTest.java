package dev.scafctl.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 17, point 5: the folders scafctl uses, by adrg/xdg v0.5.3's rules (paths_unix.go, paths_darwin.go,
 * paths_windows.go, internal/pathutil EnvPath and ExpandHome) and scafctl's pkg/paths (paths.go: catalog under the
 * data home, plugins under the cache home, config.yaml under the config home; paths_darwin.go: the Linux layout on
 * macOS when the variables are empty).
 */
class DefaultLocationsTest {

    /**
     * Each row: the OS name, the environment ({@code NAME=value;NAME=value}), then the catalog, the plugin cache and
     * the config folder. The JVM's home is {@code /jvm/home} (Linux, macOS) or {@code C:\jvm} (Windows), used only
     * when {@code HOME} / {@code USERPROFILE} is unset.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
        Linux      | HOME=/home/dev | /home/dev/.local/share/scafctl/catalog | /home/dev/.cache/scafctl/plugins | /home/dev/.config/scafctl
        Linux      | '' | /jvm/home/.local/share/scafctl/catalog | /jvm/home/.cache/scafctl/plugins | /jvm/home/.config/scafctl
        Linux      | HOME=/h;XDG_DATA_HOME=/data;XDG_CACHE_HOME=/cache/;XDG_CONFIG_HOME=/config | /data/scafctl/catalog | /cache/scafctl/plugins | /config/scafctl
        Linux      | HOME=/h;XDG_DATA_HOME=~/d;XDG_CACHE_HOME=$HOME/c;XDG_CONFIG_HOME=~ | /h/d/scafctl/catalog | /h/c/scafctl/plugins | /h/scafctl
        Linux      | HOME=/h;XDG_DATA_HOME=relative;XDG_CACHE_HOME=./c | /h/.local/share/scafctl/catalog | /h/.cache/scafctl/plugins | /h/.config/scafctl
        FreeBSD    | HOME=/h | /h/.local/share/scafctl/catalog | /h/.cache/scafctl/plugins | /h/.config/scafctl
        Mac OS X   | HOME=/Users/dev | /Users/dev/.local/share/scafctl/catalog | /Users/dev/.cache/scafctl/plugins | /Users/dev/.config/scafctl
        Mac OS X   | HOME=/Users/dev;XDG_DATA_HOME=~/xdg | /Users/dev/xdg/scafctl/catalog | /Users/dev/.cache/scafctl/plugins | /Users/dev/.config/scafctl
        Mac OS X   | HOME=/Users/dev;XDG_DATA_HOME=relative;XDG_CACHE_HOME=rel | /Users/dev/Library/Application Support/scafctl/catalog | /Users/dev/Library/Caches/scafctl/plugins | /Users/dev/.config/scafctl
        Windows 11 | USERPROFILE=C:\\Users\\dev;LOCALAPPDATA=C:\\Users\\dev\\AppData\\Local;APPDATA=C:\\Users\\dev\\AppData\\Roaming | C:\\Users\\dev\\AppData\\Local\\scafctl\\catalog | C:\\Users\\dev\\AppData\\Local\\cache\\scafctl\\plugins | C:\\Users\\dev\\AppData\\Local\\scafctl
        Windows 10 | USERPROFILE=D:\\u | D:\\u\\AppData\\Local\\scafctl\\catalog | D:\\u\\AppData\\Local\\cache\\scafctl\\plugins | D:\\u\\AppData\\Local\\scafctl
        Windows 11 | '' | C:\\jvm\\AppData\\Local\\scafctl\\catalog | C:\\jvm\\AppData\\Local\\cache\\scafctl\\plugins | C:\\jvm\\AppData\\Local\\scafctl
        Windows 11 | USERPROFILE=C:\\u;LOCALAPPDATA=C:\\lad;XDG_DATA_HOME=E:\\xdg\\data;XDG_CACHE_HOME=E:/cache;XDG_CONFIG_HOME=\\\\server\\share\\cfg | E:\\xdg\\data\\scafctl\\catalog | E:\\cache\\scafctl\\plugins | \\\\server\\share\\cfg\\scafctl
        Windows 11 | USERPROFILE=C:\\u;LOCALAPPDATA=C:\\lad;XDG_DATA_HOME=%USERPROFILE%\\xdg;XDG_CACHE_HOME=~\\cache;XDG_CONFIG_HOME=relative | C:\\u\\xdg\\scafctl\\catalog | C:\\lad\\cache\\scafctl\\plugins | C:\\lad\\scafctl
        """)
    void followsAdrgXdgAsScafctlDoes(String osName, String environment, String catalog, String cache, String config) {
        Map<String, String> variables = new HashMap<>();
        for (String pair : environment.split(";")) {
            if (!pair.isBlank()) {
                variables.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        Path jvmHome = Path.of(osName.startsWith("Windows") ? "C:\\jvm" : "/jvm/home");
        DefaultLocations locations = new DefaultLocations(variables, osName, jvmHome);
        assertEquals(catalog, locations.catalogDir().toString());
        assertEquals(cache, locations.pluginCacheDir().toString());
        assertEquals(config, locations.configDir().toString());
    }
}
