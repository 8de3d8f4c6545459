package dev.scafctl.catalog.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.scafctl.catalog.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlatformTest {

    @ParameterizedTest
    @ValueSource(strings = {"linux/amd64", "linux/arm64", "darwin/amd64", "darwin/arm64", "windows/amd64"})
    void acceptsTheFiveSupportedPlatforms(String text) {
        assertEquals(text, Platform.parseSupported(text).toString());
    }

    @Test
    void refusesOthersWithScafctlsText() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Platform.parseSupported("freebsd/amd64"));
        assertEquals("unsupported platform \"freebsd/amd64\"; supported: linux/amd64, linux/arm64, darwin/amd64,"
                + " darwin/arm64, windows/amd64", e.getMessage());
    }

    @Test
    void ordersAsScafctlListsThem() {
        List<Platform> shuffled = new ArrayList<>(List.of(Platform.SUPPORTED.get(4), Platform.SUPPORTED.get(2),
                Platform.SUPPORTED.get(0), Platform.SUPPORTED.get(3), Platform.SUPPORTED.get(1)));
        shuffled.sort(Platform.ORDER);
        assertEquals(Platform.SUPPORTED, shuffled);
    }
}
