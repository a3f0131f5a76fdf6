package io.cfsync.send.rate;

import io.cfsync.report.RunStats;
import java.time.Duration;

/** Builds {@link Pacing}s. Stateless. */
public final class Pacings {
    private Pacings() {
    }

    /**
     * One process pacing itself: evenly spaced times at {@code --rate}, adapted to 429s unless fixed.
     *
     * @param ceiling       {@code --rate}, or {@link Pacing#UNLIMITED}
     * @param adaptive      false for a fixed rate where every 429 pauses the destination
     * @param headersWindow the vendor's budget window when it announces its budget in rate headers, else null
     */
    public static Pacing local(double ceiling, boolean adaptive, Duration headersWindow, Clocks clocks) {
        return of(new AdaptiveRate(ceiling, adaptive, clocks.nanoTime()), new EvenPermits(), ceiling, headersWindow,
                clocks);
    }

    /**
     * Pacing from a given ceiling and permit source (a budget shared with other workers), still paced locally by
     * the vendor's rate headers and held to {@code hardCeiling} at the instant of sending.
     *
     * @param hardCeiling requests per second never to pass in this process, or {@link Pacing#UNLIMITED}
     */
    public static Pacing of(Ceiling ceiling, Permits permits, double hardCeiling, Duration headersWindow,
                            Clocks clocks) {
        RateBudget budget = headersWindow == null ? null
                : new RateBudget(headersWindow, clocks.nanoTime(), clocks.wallMillis());
        SendWindow window = hardCeiling == Pacing.UNLIMITED ? null
                : new SendWindow(hardCeiling, clocks.nanoTime().getAsLong());
        return new Pacer(ceiling, permits, budget, window, clocks.nanoTime());
    }

    /** For the progress line: {@code ", rate 320/s (lowered by 429s)"}, or empty while the rate is the ceiling. */
    public static String note(RunStats.Rate r) {
        return r.atEnd() < r.ceiling() ? ", rate " + RunStats.Rate.perSecond(r.atEnd()) + " (lowered by 429s)" : "";
    }
}
