package io.cfsync.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(10)
class DurationsTest {
    @Test
    void readsTheShapesPeopleWrite() {
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
        assertEquals(Duration.ofMinutes(15), Durations.parse("15m"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("1.5h"));
        assertEquals(Duration.ofDays(2), Durations.parse("2d"));
        assertEquals(Duration.ofHours(36), Durations.parse("1d12h"));
        assertEquals(Duration.ofHours(36), Durations.parse(" 1D12H "));
        assertEquals(Duration.ofMinutes(15), Durations.parse("PT15M"));
    }

    @Test
    void aBareNumberIsSeconds() {
        assertEquals(Duration.ofSeconds(90), Durations.parse("90"));
        assertEquals(Duration.ofMillis(2500), Durations.parse("2.5"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5x", "m5", "-3s", "0s", "0", "1h 30m", "s", "d", "2days", "P"})
    void refusesAnythingElseSayingWhatItTakes(String bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(bad));
        assertTrue(e.getMessage().contains("500ms, 30s, 15m, 1h30m or 2d (a bare number is seconds)"),
                e.getMessage());
    }

    @Test
    void printsThemAsPeopleWriteThem() {
        assertEquals("250ms", Durations.format(Duration.ofMillis(250)));
        assertEquals("3s", Durations.format(Duration.ofSeconds(3)));
        assertEquals("2.5s", Durations.format(Duration.ofMillis(2500)));
        assertEquals("1m30s", Durations.format(Duration.ofSeconds(90)));
        assertEquals("15m", Durations.format(Duration.ofMinutes(15)));
        assertEquals("2h", Durations.format(Duration.ofHours(2)));
        assertEquals("1d6h", Durations.format(Duration.ofHours(30)));
        assertFalse(Durations.format(Duration.ofSeconds(3)).startsWith("PT"));
    }

    @Test
    void whatIsPrintedReadsBackTheSame() {
        for (Duration d : new Duration[] {Duration.ofMillis(250), Duration.ofSeconds(3), Duration.ofSeconds(90),
            Duration.ofHours(2), Duration.ofHours(30), Duration.ofMinutes(61)}) {
            assertEquals(d, Durations.parse(Durations.format(d)), d.toString());
        }
    }
}
