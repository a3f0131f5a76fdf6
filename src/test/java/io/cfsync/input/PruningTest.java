package io.cfsync.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class PruningTest {
    private static final long MAR_1 = Instant.parse("2024-03-01T00:00:00Z").toEpochMilli();
    private static final long MAR_2 = MAR_1 + PathTimes.DAY;
    private static final long MAR_5 = MAR_1 + 4 * PathTimes.DAY;

    @Test
    void segmentDayFoldersProveTheirDay() {
        assertEquals(new PathTimes.Span(MAR_1, MAR_2),
                PathTimes.of("/data/bucket/segment-logs/AbC123/" + MAR_1 + "/1709253412345.gz"));
        assertNull(PathTimes.of("/data/bucket/segment-logs/AbC123/" + MAR_1), "a folder alone, not a file in it");
    }

    @Test
    void rudderStackFoldersAndFileNamesProveTheirHourOrSpan() {
        long h10 = MAR_1 + 10 * PathTimes.HOUR;
        assertEquals(new PathTimes.Span(h10, h10 + PathTimes.HOUR),
                PathTimes.of("b/src-2/gw/2024-03-01/10/x/events.json.gz"));
        assertEquals(new PathTimes.Span(h10 + 60_000, h10 + 120_000),
                PathTimes.of("b/src-2/gw/2024-03-01/10/" + (h10 / 1000 + 60) + "_" + (h10 / 1000 + 119)
                        + "_ws1_5f2c.json.gz"), "the file's seconds narrow the hour");
        assertEquals(new PathTimes.Span(h10, h10 + 5001),
                PathTimes.of("b/rudder/gw_jobs_12.100.200." + h10 + "." + (h10 + 5000) + ".gz"));
    }

    @Test
    void pathsWithoutAKnownLayoutProveNothing() {
        assertNull(PathTimes.of("/archive/2024-03/day.ndjson.gz"));
        assertNull(PathTimes.of("/archive/gw/not-a-date/1/a.json"));
        assertFalse(new Pruning(MAR_5, null, Duration.ofDays(1)).outside("/archive/2024-03/day.ndjson.gz"));
    }

    @Test
    void filesAreOutsideOnlyBeyondTheSlack() {
        String mar1 = "s/segment-logs/src/" + MAR_1 + "/1.gz";
        long mar2noon = MAR_2 + 12 * PathTimes.HOUR;
        assertFalse(new Pruning(mar2noon, null, Duration.ofDays(1)).outside(mar1),
                "received on Mar 1, timestamps up to a day later may fall after Mar 2, noon: kept");
        assertTrue(new Pruning(mar2noon, null, Duration.ofHours(11)).outside(mar1));
        assertTrue(new Pruning(MAR_2 + PathTimes.DAY, null, Duration.ofDays(1)).outside(mar1),
                "received by the end of Mar 1, a day of slack reaches the end of Mar 2 at most");
        assertTrue(new Pruning(MAR_5, null, Duration.ofDays(1)).outside(mar1));
        assertFalse(new Pruning(null, MAR_1, Duration.ofDays(1)).outside(mar1), "until Mar 1 plus a day of slack");
        assertTrue(new Pruning(null, MAR_1, Duration.ZERO).outside(mar1), "until is exclusive");
        assertFalse(new Pruning(MAR_1, MAR_2, Duration.ZERO).outside(mar1));
        assertFalse(new Pruning(MAR_5, null, null).outside(mar1), "no slack: pruning is off");
        assertFalse(Pruning.NONE.outside(mar1));
    }
}
