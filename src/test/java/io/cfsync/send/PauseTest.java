package io.cfsync.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class PauseTest {
    private static final Duration CAP = Duration.ofMinutes(15);

    @Test
    void aNamedWaitWinsOverTheDestinationsDefault() {
        Pause p = new Pause(Duration.ofSeconds(10), CAP);
        assertEquals(Duration.ofSeconds(3), p.throttled(Duration.ofSeconds(3)));
        assertFalse(p.left().isZero());
        assertTrue(p.left().compareTo(Duration.ofSeconds(3)) <= 0);
    }

    @Test
    void withoutANamedWaitTheDestinationsDefaultIsHonoured() {
        assertEquals(Duration.ofSeconds(10), new Pause(Duration.ofSeconds(10), CAP).throttled(null));
    }

    @Test
    void noWaitAnywhereMeansBackoffWhileTheDestinationStillPausesBriefly() {
        Pause p = new Pause(null, CAP);
        assertNull(p.throttled(null));
        assertFalse(p.left().isZero());
        assertTrue(p.left().compareTo(Pause.FALLBACK) <= 0);
    }

    @Test
    void noPauseOutlastsTheEventTime() {
        Pause p = new Pause(null, Duration.ofSeconds(2));
        assertEquals(Duration.ofSeconds(2), p.throttled(Duration.ofHours(1)));
        assertTrue(p.left().compareTo(Duration.ofSeconds(2)) <= 0);
    }

    @Test
    void aShorterPauseNeverCutsALongerOneShort() {
        Pause p = new Pause(null, CAP);
        p.throttled(Duration.ofSeconds(60));
        p.throttled(Duration.ofSeconds(1));
        assertTrue(p.left().compareTo(Duration.ofSeconds(30)) > 0);
    }
}
