package io.cfsync.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {
    @ParameterizedTest
    @ValueSource(strings = {"2024-03-05T14:20:00.000Z", "2024-03-05T14:20:00Z", "2024-03-05T14:20Z",
        "2024-03-05T16:20:00+02:00", "2024-03-05T16:20:00+0200", "2024-03-05T09:20:00-05:00",
        "2024-03-05t14:20:00z", "2024-03-05T14:20:00.000000000Z", "2020-02-29T14:20:00Z", "1960-01-01T00:00:00Z"})
    void acceptsRealInstants(String s) {
        assertEquals(Instant.parse(javaForm(s)).toEpochMilli(), Timestamps.parseInstant(s), s);
    }

    private static String javaForm(String s) {
        return java.time.OffsetDateTime.parse(s.toUpperCase().replace("+0200", "+02:00")).toInstant().toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not-a-date", "2024-02-30T10:00:00Z", "2023-02-29T10:00:00Z", "2024-13-01T10:00:00Z",
        "2024-03-05T25:61:00Z", "2024-03-05T14:20:60Z", "12/03/2024 10:22", "2024-03-05", "2024-03-05T14:20:00",
        "2024-03-05 14:20:00Z", "2024-03-05T14:20:00.Z", "2024-03-05T14:20:00Zjunk", "2024-03-05T14:20:00+2",
        "2024-3-5T14:20:00Z", "2024-03-05T14:20:00+19:00", "1709648400000"})
    void rejectsAnythingElse(String s) {
        assertEquals(Timestamps.INVALID, Timestamps.parseInstant(s), s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-03-05", "2024-03-05T14:20", "2024-03-05T14:20:00.5"})
    void dateLikeAcceptsDatesAndLocalTimesAsUtc(String s) {
        String full = s.length() == 10 ? s + "T00:00:00Z" : s + (s.length() == 16 ? ":00Z" : "Z");
        assertEquals(Instant.parse(full).toEpochMilli(), Timestamps.parseDateLike(s));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-03-01", "2024-03-01T00:00:00Z"})
    void commandLineBoundsTakeDateOrInstant(String s) {
        assertEquals(Instant.parse("2024-03-01T00:00:00Z").toEpochMilli(), Timestamps.parseDateOrInstant(s));
    }
}
