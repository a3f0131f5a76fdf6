package io.cfsync.send.rate;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Any positive {@code --rate}, whole or not, is reached within 2% over a minute and never passed: at most
 * {@code ceil(rate)} requests in any one-second window and {@code rate * k + 1} in any window of k seconds. On a
 * fake clock, through the local pacing as the sender uses it.
 */
@Timeout(30)
class FractionalRateTest {
    private static final int MINUTE = 60;

    @ParameterizedTest(name = "--rate {0}")
    @ValueSource(doubles = {0.2, 1.0 / 3, 1.5, 5.0 / 3, 2.5, 100})
    void onTimeSendsReachTheRateAndNeverPassIt(double rate) {
        assertReachedAndNeverPassed(rate, Paced.sends(rate, MINUTE, 8, 0, 1));
    }

    /** A busy scheduler sends up to 30 ms late: the hard ceiling holds some requests, which wait in place. */
    @ParameterizedTest(name = "--rate {0}")
    @ValueSource(doubles = {0.2, 1.0 / 3, 1.5, 5.0 / 3, 2.5, 100})
    void lateSendsStillReachTheRateAndNeverPassIt(double rate) {
        assertReachedAndNeverPassed(rate, Paced.sends(rate, MINUTE, 8, 30_000_000L, 7));
    }

    /** A request that asks again the moment it is held, for ten seconds: the ceiling alone keeps the rate. */
    @ParameterizedTest(name = "--rate {0}")
    @ValueSource(doubles = {0.5, 1.5, 2.5, 100})
    void theHardCeilingAloneLetsTheRateThroughAndNoMore(double rate) {
        Pacing p = Pacings.local(rate, true, null, new Clocks(() -> Paced.SECOND, () -> 0L));
        List<Long> sends = new ArrayList<>();
        for (long t = Paced.SECOND; t < 11 * Paced.SECOND; ) {
            long wait = p.admit(t);
            if (wait == 0) {
                sends.add(t);
                p.answered(new Pacing.Answer(200, null, null));
            }
            t += Math.max(1, wait);
        }
        assertNull(Paced.overCeiling(sends, rate, 10));
        assertTrue(sends.size() >= rate * 10 - 1, sends.size() + " sends in 10 s at --rate " + rate);
    }

    private static void assertReachedAndNeverPassed(double rate, List<Long> sends) {
        double achieved = Paced.achieved(sends);
        assertTrue(achieved >= rate * 0.98, "achieved " + achieved + "/s at --rate " + rate);
        assertTrue(achieved <= rate, "achieved " + achieved + "/s at --rate " + rate);
        assertNull(Paced.overCeiling(sends, rate, MINUTE));
    }
}
