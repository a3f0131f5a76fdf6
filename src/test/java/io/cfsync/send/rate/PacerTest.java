package io.cfsync.send.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Sending times from the pacer, on a fake clock: evenly spaced at the rate allowed now, never saved up. */
@Timeout(10)
class PacerTest {
    private static final long MS = 1_000_000L;
    private final AtomicLong now = new AtomicLong(1_000_000 * MS);

    @Test
    void requestsAskedForTogetherAreSpacedAtTheRateWithOnePercentSlack() {
        Pacer p = new Pacer(new AdaptiveRate(100, true, now::get), new EvenPermits(), null, null, () -> 0L);
        assertEquals(0, p.reserve(now.get()));
        assertEquals(10_100_000, p.reserve(now.get()));
        assertEquals(20_200_000, p.reserve(now.get()));
    }

    @Test
    void idleTimeIsNotSavedUpForABurst() {
        Pacer p = new Pacer(new AdaptiveRate(100, true, now::get), new EvenPermits(), null, null, () -> 0L);
        p.reserve(now.get());
        now.addAndGet(5000 * MS);
        assertEquals(0, p.reserve(now.get()));
        assertEquals(10_100_000, p.reserve(now.get()), "the second after an idle spell waits its turn");
    }

    @Test
    void aCutRateWidensTheGapsThatFollow() {
        AdaptiveRate rate = new AdaptiveRate(100, true, now::get);
        Pacer p = new Pacer(rate, new EvenPermits(), null, null, () -> 0L);
        p.reserve(now.get());
        for (int i = 0; i < 40; i++) { // a second of answers, half of them 429s, sent at 40/s
            rate.sent();
        }
        for (int i = 0; i < 40; i++) {
            now.addAndGet(25 * MS);
            rate.answered(i % 2 == 0);
        }
        assertEquals(28, rate.rate(), 1e-9, "70% of the 40/s that were sent");
        p.reserve(now.get());
        assertEquals((long) Math.ceil(1e9 / 28 * EvenPermits.RATE_SLACK), p.reserve(now.get()));
    }

    @Test
    void noLimitMeansNoWait() {
        Pacer p = new Pacer(new AdaptiveRate(Pacing.UNLIMITED, true, now::get), new EvenPermits(), null, null, () -> 0L);
        for (int i = 0; i < 5; i++) {
            assertEquals(0, p.reserve(now.get()));
        }
    }
}
