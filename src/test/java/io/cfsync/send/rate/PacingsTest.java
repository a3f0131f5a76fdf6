package io.cfsync.send.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.report.RunStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pacing seam: a ceiling and permits from elsewhere (as a budget shared with other workers supplies them) plug
 * in through {@link Pacings#of}, while the vendor's rate headers and the hard ceiling keep pacing locally.
 */
@Timeout(10)
class PacingsTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long MS = 1_000_000L;
    private final AtomicLong nanos = new AtomicLong(100 * SECOND);
    private final Clocks clocks = new Clocks(nanos::get, () -> 1_700_000_000_000L);

    /** A ceiling written from outside, as other workers would lower it. */
    private static final class Written implements Ceiling {
        volatile double rate;
        final List<Boolean> heard = new ArrayList<>();
        int sent;

        Written(double rate) {
            this.rate = rate;
        }

        @Override
        public double rate() {
            return rate;
        }

        @Override
        public void sent() {
            sent++;
        }

        @Override
        public boolean answered(boolean was429) {
            heard.add(was429);
            return was429;
        }

        @Override
        public RunStats.Rate summary() {
            return new RunStats.Rate(10, true, rate, rate, 0);
        }
    }

    /** Permits handed out from a block fetched elsewhere: fixed times, told the rate each time. */
    private static final class Block implements Permits {
        final List<Double> rates = new ArrayList<>();
        long next;

        Block(long first) {
            next = first;
        }

        @Override
        public long take(long earliest, double perSecond) {
            rates.add(perSecond);
            long slot = Math.max(earliest, next);
            next = slot + SECOND;
            return slot;
        }
    }

    @Test
    void theCeilingAndPermitsComeFromOutsideAndTheirRateIsTheOneWrittenNow() {
        Written ceiling = new Written(10);
        Block permits = new Block(nanos.get() + 3 * SECOND);
        Pacing p = Pacings.of(ceiling, permits, 10, null, clocks);
        assertEquals(3 * SECOND, p.reserve(nanos.get()), "the time the permit source handed out");
        ceiling.rate = 4; // another worker saw 429s rise and wrote a lower ceiling
        assertEquals(4 * SECOND, p.reserve(nanos.get()));
        assertEquals(List.of(10.0, 4.0), permits.rates);
        assertEquals(4, p.figures().atEnd());
        assertTrue(p.answered(new Pacing.Answer(429, null, null)), "the ceiling decides whether a 429 pauses");
        assertFalse(p.answered(Pacing.Answer.NONE));
        assertEquals(List.of(true, false), ceiling.heard);
    }

    @Test
    void theVendorsRateHeadersStillPaceOnTopOfSharedPermits() {
        Block permits = new Block(nanos.get());
        Pacing p = Pacings.of(new Written(100), permits, 100, Duration.ofSeconds(60), clocks);
        p.answered(new Pacing.Answer(200, "2", "20")); // 2 left until a reset in 20 s
        assertEquals(0, p.reserve(nanos.get()));
        assertEquals(10 * SECOND, p.reserve(nanos.get()), "what is left, spread up to the reset");
        assertEquals(20 * SECOND, p.reserve(nanos.get()), "used up: not before the reset");
    }

    @Test
    void admittingCountsTheSendAndTheHardCeilingHoldsWhatWouldPassIt() {
        Written ceiling = new Written(2);
        Pacing p = Pacings.of(ceiling, new Block(0), 2, null, clocks);
        long now = nanos.get();
        assertEquals(0, p.admit(now));
        p.answered(new Pacing.Answer(200, null, null));
        assertEquals(0, p.admit(now + 250_000_000L));
        assertTrue(p.admit(now + 300_000_000L) > 0, "a third within one second passes --rate 2");
        assertEquals(2, ceiling.sent, "only what was admitted counts as sent");
    }

    @Test
    void theFirstRequestGoesAloneAndCountsAsSentWhenItsAnswerCame() {
        Pacing p = Pacings.local(2.5, true, null, clocks);
        assertEquals(0, p.admit(nanos.get()));
        nanos.addAndGet(900 * MS); // a cold client: the first request reached the vendor late
        assertTrue(p.admit(nanos.get()) > 0, "nothing else goes before the first answer");
        p.answered(new Pacing.Answer(200, null, null));
        assertEquals(400 * MS, p.admit(nanos.get()), "one spacing after the answer");
        nanos.addAndGet(400 * MS);
        assertEquals(0, p.admit(nanos.get()));
        nanos.addAndGet(400 * MS);
        assertEquals(0, p.admit(nanos.get()));
        assertEquals(400 * MS, p.admit(nanos.get()), "three in 1.2 s, counted from the first answer");
    }
}
