package dev.scafctl.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.ByteCount;
import dev.scafctl.catalog.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizesTest {

    @ParameterizedTest
    @CsvSource({"0, 0", "512, 512", "512B, 512", "1KiB, 1024", "512 KiB, 524288", "50MiB, 52428800",
            "50mib, 52428800", "2GiB, 2147483648", "1KB, 1024", "50MB, 52428800", "1GB, 1073741824"})
    void readsBinaryUnits(String text, long bytes) {
        assertEquals(bytes, ByteSizes.parse(text));
    }

    @Test
    void theLimitShowsAsItWasWritten() {
        assertEquals("50.0 MiB", new ByteCount(ByteSizes.parse("50MiB")).toString());
        assertEquals("50.0 MiB", new ByteCount(ByteSizes.parse("50MB")).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MiB", "1.5MiB", "-1", "10 TB", "5 mb extra", "99999999999999999999", "9999999999999GiB"})
    void refusesWhatIsNotASize(String text) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ByteSizes.parse(text));
        assertTrue(e.getMessage().contains("\"" + text + "\""), e.getMessage());
    }
}
