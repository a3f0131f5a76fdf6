package io.cfsync.send.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The AIMD rate, driven by a fake clock: windows of answers, cuts, steps back up, and when a 429 pauses it all. */
@Timeout(10)
class AdaptiveRateTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(5 * SECOND);

    /**
     * One second of traffic: {@code sent} requests sent, then their answers, {@code throttled} of them 429s, spread
     * over the second so that the window closes on its last answer.
     *
     * @return how many of the 429s asked for a destination-wide pause
     */
    private int second(AdaptiveRate r, int sent, int throttled) {
        for (int i = 0; i < sent; i++) {
            r.sent();
        }
        int pauses = 0;
        long step = (SECOND + sent - 1) / sent; // rounded up: the last answer closes the window
        for (int i = 0; i < sent; i++) {
            now.addAndGet(step);
            // Spread the 429s evenly, as a vendor throttling a share of requests would.
            boolean was429 = throttled > 0 && i % (sent / throttled) == 0 && i / (sent / throttled) < throttled;
            if (r.answered(was429)) {
                pauses++;
            }
        }
        return pauses;
    }

    @Test
    void startsAtTheCeilingAndStaysThereWhileTheVendorIsHappy() {
        AdaptiveRate r = new AdaptiveRate(100, true, now::get);
        for (int i = 0; i < 5; i++) {
            second(r, 100, 0);
        }
        assertEquals(100, r.rate());
        assertEquals(0, r.cuts());
        assertEquals("", r.note());
    }

    @Test
    void aTrickleOf429sNeitherCutsTheRateNorPausesTheDestination() {
        AdaptiveRate r = new AdaptiveRate(100, true, now::get);
        int pauses = 0;
        for (int i = 0; i < 10; i++) {
            pauses += second(r, 100, 5);
        }
        assertEquals(100, r.rate(), "5% of 429s is a trickle");
        assertEquals(0, pauses);
    }

    @Test
    void moreThanATrickleCutsTheRateMultiplicativelyFromWhatWasSent() {
        AdaptiveRate r = new AdaptiveRate(1000, true, now::get);
        second(r, 400, 100); // sending 400/s, a quarter throttled: cut from 400, not from the unused 1000
        assertEquals(280, r.rate(), 1e-9);
        assertEquals(1, r.cuts());
        assertEquals(", rate 280/s (lowered by 429s)", r.note());
    }

    @Test
    void theWindowAfterACutIsNotJudgedThenCleanWindowsStepBackUpToTheCeilingButNeverAbove() {
        AdaptiveRate r = new AdaptiveRate(100, true, now::get);
        second(r, 100, 50);
        assertEquals(70, r.rate(), 1e-9);
        second(r, 70, 35); // answers to requests sent before the cut took effect
        assertEquals(70, r.rate(), 1e-9, "the window after a cut is not judged");
        second(r, 70, 0);
        assertEquals(75, r.rate(), 1e-9, "a clean window adds 5% of the ceiling");
        for (int i = 0; i < 10; i++) {
            second(r, 75, 0);
        }
        assertEquals(100, r.rate(), 1e-9);
        assertEquals(70, r.lowest(), 1e-9);
    }

    @Test
    void theRateNeverFallsBelowTheFloor() {
        AdaptiveRate r = new AdaptiveRate(100, true, now::get);
        for (int i = 0; i < 40; i++) {
            second(r, 20, 20);
        }
        assertEquals(AdaptiveRate.FLOOR, r.rate(), 1e-9);
    }

    @Test
    void aFewAnswersMakeAWindowOnlyOnceItIsLongEnough() {
        AdaptiveRate r = new AdaptiveRate(5, true, now::get);
        for (int i = 0; i < 6; i++) {
            r.sent();
        }
        now.addAndGet(2 * SECOND);
        for (int i = 0; i < 5; i++) {
            r.answered(true);
        }
        assertEquals(5, r.rate(), "five answers are too few to judge after 2 s");
        now.addAndGet(AdaptiveRate.MAX_WINDOW_NANOS);
        r.answered(false);
        assertTrue(r.rate() < 5, "judged after the longest window: " + r.rate());
    }

    @Test
    void aFewScattered429sAreNoSignalEvenWhenTheirShareLooksLarge() {
        AdaptiveRate r = new AdaptiveRate(20, true, now::get);
        for (int i = 0; i < 10; i++) {
            second(r, 20, 4); // 20%, but only four 429s a window
        }
        assertEquals(20, r.rate());
    }

    @Test
    void onlyAStormOf429sPausesTheWholeDestinationAndEachStormOnce() {
        AdaptiveRate r = new AdaptiveRate(100, true, now::get);
        for (int i = 1; i < AdaptiveRate.STORM; i++) {
            assertFalse(r.answered(true), "429 number " + i + " of a run");
        }
        assertTrue(r.answered(true), "the " + AdaptiveRate.STORM + "th 429 in the last " + AdaptiveRate.RECENT);
        assertFalse(r.answered(true), "the pause answers the storm; the next one is counted anew");
        assertFalse(r.answered(false), "other answers never pause");
    }

    @Test
    void withoutACeilingTheFirstCutStartsFromWhatWasSentAndStepsFromThere() {
        AdaptiveRate r = new AdaptiveRate(Pacing.UNLIMITED, true, now::get);
        assertEquals(Pacing.UNLIMITED, r.rate());
        second(r, 200, 100);
        assertEquals(140, r.rate(), 1e-9);
        second(r, 140, 0);
        second(r, 140, 0);
        assertEquals(150, r.rate(), 1e-9, "steps of 5% of what was sent at the cut, 200");
    }

    @Test
    void aFixedRateNeverMovesAndEvery429PausesTheDestination() {
        AdaptiveRate r = new AdaptiveRate(100, false, now::get);
        assertTrue(r.answered(true));
        assertFalse(r.answered(false));
        second(r, 100, 100);
        assertEquals(100, r.rate());
        assertEquals(0, r.cuts());
        assertFalse(r.summary().adaptive());
    }
}
