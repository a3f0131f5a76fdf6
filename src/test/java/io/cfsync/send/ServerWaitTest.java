package io.cfsync.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServerWaitTest {
    private static final long NOW = 1_700_000_000_000L; // 2023-11-14T22:13:20Z

    @Test
    void retryAfterInSeconds() {
        assertEquals(Duration.ofSeconds(2), ServerWait.of("2", null, NOW));
        assertEquals(Duration.ofSeconds(120), ServerWait.of(" 120 ", null, NOW));
    }

    @Test
    void retryAfterAsHttpDate() {
        assertEquals(Duration.ofSeconds(40), ServerWait.of("Tue, 14 Nov 2023 22:14:00 GMT", null, NOW));
        assertEquals(Duration.ZERO, ServerWait.of("Tue, 14 Nov 2023 22:00:00 GMT", null, NOW), "past date: no wait");
    }

    @Test
    void retryAfterWinsOverReset() {
        assertEquals(Duration.ofSeconds(3), ServerWait.of("3", "50", NOW));
    }

    @Test
    void resetAsSecondsOrEpochSeconds() {
        assertEquals(Duration.ofSeconds(50), ServerWait.of(null, "50", NOW));
        assertEquals(Duration.ofSeconds(30), ServerWait.of(null, Long.toString(NOW / 1000 + 30), NOW));
        assertEquals(Duration.ZERO, ServerWait.of(null, Long.toString(NOW / 1000 - 30), NOW));
    }

    @Test
    void garbageCountsAsAbsent() {
        assertNull(ServerWait.of("soon", "later", NOW));
        assertNull(ServerWait.of("-5", "1.5", NOW));
        assertNull(ServerWait.of("", null, NOW));
        assertEquals(Duration.ofSeconds(7), ServerWait.of("soon", "7", NOW));
    }
}
