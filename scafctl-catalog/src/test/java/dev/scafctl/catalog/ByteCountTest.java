package dev.scafctl.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteCountTest {

    @ParameterizedTest
    @CsvSource({"0, 0 B", "999, 999 B", "1000, 1.0 kB", "12300000, 12.3 MB", "1500000000, 1.5 GB"})
    void showsDecimalUnits(long bytes, String shown) {
        assertEquals(shown, new ByteCount(bytes).toString());
    }
}
