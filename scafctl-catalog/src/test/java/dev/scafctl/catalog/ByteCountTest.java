package dev.scafctl.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteCountTest {

    @ParameterizedTest
    @CsvSource({"0, 0 B", "1023, 1023 B", "1024, 1.0 KiB", "1000000, 976.6 KiB", "149527757, 142.6 MiB",
            "1610612736, 1.5 GiB", "1649267441664, 1.5 TiB"})
    void showsBinaryUnits(long bytes, String shown) {
        assertEquals(shown, new ByteCount(bytes).toString());
    }
}
