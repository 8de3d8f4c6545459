package dev.scafctl.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefaultLocationsTest {

    private static final Path HOME = Path.of("/home/dev");

    @Test
    void followsXdgWhenSet() {
        DefaultLocations locations = new DefaultLocations(
                Map.of("XDG_DATA_HOME", "/data", "XDG_CACHE_HOME", "/cache", "XDG_CONFIG_HOME", "/config"), "Linux", HOME);
        assertEquals(Path.of("/data/scafctl/catalog"), locations.catalogDir());
        assertEquals(Path.of("/cache/scafctl/plugins"), locations.pluginCacheDir());
        assertEquals(Path.of("/config/scafctl"), locations.configDir());
    }

    @Test
    void fallsBackToHomeAndIgnoresRelativeXdgValues() {
        DefaultLocations locations = new DefaultLocations(Map.of("XDG_DATA_HOME", "relative"), "Mac OS X", HOME);
        assertEquals(HOME.resolve(".local/share/scafctl/catalog"), locations.catalogDir());
        assertEquals(HOME.resolve(".cache/scafctl/plugins"), locations.pluginCacheDir());
    }

    @Test
    void usesLocalAppDataOnWindows() {
        DefaultLocations locations = new DefaultLocations(Map.of("LOCALAPPDATA", "/lad"), "Windows 11", HOME);
        assertEquals(Path.of("/lad/scafctl/catalog"), locations.catalogDir());
        assertEquals(Path.of("/lad/scafctl/plugins"), locations.pluginCacheDir());
    }
}
