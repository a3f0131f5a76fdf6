package io.cfsync.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class GiveUpClockTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(1000 * SECOND);
    private final RunControl control = new RunControl();
    private final GiveUpClock clock = new GiveUpClock(Duration.ofSeconds(60), control, now::get);

    private static AttemptResult answer(int status) {
        AttemptResult.Kind kind = status >= 500 || status == 429 ? AttemptResult.Kind.RETRYABLE
                : status >= 400 ? AttemptResult.Kind.PERMANENT : AttemptResult.Kind.OK;
        return AttemptResult.of(kind, status);
    }

    /** {@code n} server failures at the current time. */
    private void failures(int n, int status) {
        for (int i = 0; i < n; i++) {
            clock.heard(answer(status));
        }
    }

    @Test
    void stopsTheRunOnceTheVendorFailedLongerThanAllowedWithNoHealthyAnswer() {
        clock.heard(answer(503));
        now.addAndGet(30 * SECOND);
        failures(GiveUpClock.DOWN_AFTER_FAILURES - 1, 502); // later failures do not restart the clock
        now.addAndGet(30 * SECOND);
        clock.check();
        assertFalse(control.stopping(), "exactly the allowed time is not yet longer than allowed");
        now.addAndGet(1);
        clock.check();
        assertTrue(control.stopping());
        assertEquals(RunControl.Reason.VENDOR_DOWN, control.stopped().reason());
        assertTrue(control.stopped().message().contains("no healthy answer since"), control.stopped().message());
    }

    @Test
    void anyHealthyAnswerResetsTheClock() {
        clock.heard(answer(503));
        now.addAndGet(59 * SECOND);
        clock.heard(answer(400)); // not the server's trouble: the vendor is up
        clock.heard(answer(503));
        now.addAndGet(59 * SECOND);
        clock.check();
        assertFalse(control.stopping());
    }

    @Test
    void throttlingIsNotAnOutage() {
        clock.heard(answer(429));
        now.addAndGet(600 * SECOND);
        clock.check();
        assertFalse(control.stopping());
    }

    @Test
    void aFewFailuresAreNotAnOutageHoweverLongTheWaitBetweenThem() {
        failures(GiveUpClock.DOWN_AFTER_FAILURES - 1, 503);
        now.addAndGet(600 * SECOND);
        clock.check();
        assertFalse(control.stopping(), "a couple of transient faults with a long backoff between them");
        clock.heard(answer(503));
        clock.check();
        assertTrue(control.stopping());
    }

    @Test
    void aClockReadingOfZeroStillStartsIt() {
        now.set(0);
        failures(GiveUpClock.DOWN_AFTER_FAILURES, 500);
        now.addAndGet(61 * SECOND);
        clock.check();
        assertTrue(control.stopping());
    }

    /** What tells an outage from one request's bad luck: answers that settled a request, for anyone. */
    @Test
    void countsOnlyAnswersThatSettledARequest() {
        failures(3, 503);
        clock.heard(answer(429));
        clock.heard(AttemptResult.of(AttemptResult.Kind.RETRYABLE, 207).withProblem("unreadable-response", null));
        assertEquals(0, clock.served());
        clock.heard(answer(200));
        clock.heard(answer(400));
        assertEquals(2, clock.served());
    }
}
