package dev.scafctl.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BuildTimestampTest {

    @ParameterizedTest
    @CsvSource(value = {
        "NULL, 1970-01-01T00:00:00Z",
        "'', 1970-01-01T00:00:00Z",
        "a, 1970-01-01T00:00:00Z",
        "2026-11-21T10:15:30Z, 2026-11-21T10:15:30Z",
        "2026-11-21T10:15:30.987+02:00, 2026-11-21T08:15:30Z",
        "1700000000, 2023-11-14T22:13:20Z",
    }, nullValues = "NULL")
    void followsMavensOutputTimestampRules(String value, String rfc3339) {
        assertEquals(rfc3339, BuildTimestamp.parse(value).rfc3339());
    }

    @ParameterizedTest
    @CsvSource({"yesterday", "2026-11-21", "2026-11-21T10:15:30"})
    void refusesOtherText(String value) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> BuildTimestamp.parse(value));
        assertEquals(true, e.getMessage().contains(value), e.getMessage());
    }
}
