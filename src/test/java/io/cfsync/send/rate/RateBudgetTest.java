package io.cfsync.send.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Pacing to the budget a vendor announces (x-ratelimit-*), driven by fake clocks. */
@Timeout(10)
class RateBudgetTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long WALL = 1_700_000_000_000L;
    private final AtomicLong nanos = new AtomicLong(100 * SECOND);
    private final AtomicLong millis = new AtomicLong(WALL);
    private final RateBudget budget = new RateBudget(Duration.ofSeconds(60), nanos::get, millis::get);

    private long at(double seconds) {
        return nanos.get() + (long) (seconds * SECOND);
    }

    /** Sending times the pacer hands out for {@code n} requests asked for all at once, in seconds from now. */
    private List<Double> reserve(Pacer pacer, int n) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(pacer.reserve(nanos.get()) / (double) SECOND);
        }
        return out;
    }

    @Test
    void whatIsLeftIsSpreadEvenlyUntilTheResetAndNothingGoesOnceItIsUsedUp() {
        budget.heard("4", "8"); // 4 left, reset in 8 s
        Pacer pacer = new Pacer(new AdaptiveRate(100, true, nanos::get), new EvenPermits(), budget, null, () -> 0L);
        assertEquals(List.of(0.0, 2.0, 4.0, 6.0, 8.0, 8.0101), reserve(pacer, 6),
                "4 requests 2 s apart, then none before the reset; after it only the rate spaces them");
    }

    @Test
    void theRateStillSpacesRequestsWhenTheBudgetIsLarge() {
        budget.heard("1000", "10");
        Pacer pacer = new Pacer(new AdaptiveRate(10, true, nanos::get), new EvenPermits(), budget, null, () -> 0L);
        assertEquals(List.of(0.0, 0.101, 0.202), reserve(pacer, 3));
    }

    @Test
    void anEpochResetIsReadAgainstTheWallClock() {
        budget.heard("0", Long.toString(WALL / 1000 + 30));
        assertEquals(at(30), budget.notBefore(nanos.get()));
    }

    @Test
    void withoutAResetTheBudgetLastsTheDestinationsWindow() {
        budget.heard("0", null);
        assertEquals(at(60), budget.notBefore(nanos.get()));
    }

    @Test
    void withinOneWindowTheLowestCountWinsSoAnOlderAnswerCannotRaiseIt() {
        budget.heard("10", "30");
        for (int i = 0; i < 6; i++) {
            budget.took(nanos.get());
        }
        assertEquals(4, budget.left());
        budget.heard("8", "30"); // answered before the last requests went out
        assertEquals(4, budget.left());
        budget.heard("2", "29");
        assertEquals(2, budget.left());
    }

    @Test
    void aLaterResetStartsANewWindow() {
        budget.heard("0", "5");
        nanos.addAndGet(6 * SECOND);
        assertEquals(-1, budget.left(), "past the reset nothing is known");
        assertEquals(nanos.get(), budget.notBefore(nanos.get()));
        budget.heard("59", "60");
        assertEquals(59, budget.left());
    }

    @Test
    void requestsSentBeforeAnyBudgetWasHeardAreTakenOffTheFirstOne() {
        for (int i = 0; i < 4; i++) {
            budget.took(nanos.get()); // the first requests go out before any answer
        }
        budget.heard("5", "10"); // the answer to the first of them; the other three are not counted yet
        assertEquals(1, budget.left());
    }

    @Test
    void answersWithoutARemainingCountChangeNothing() {
        budget.heard(null, "5");
        budget.heard("many", "5");
        assertEquals(-1, budget.left());
        assertEquals(nanos.get(), budget.notBefore(nanos.get()));
        assertEquals(0, budget.gap(nanos.get()));
    }
}
