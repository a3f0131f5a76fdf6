package io.cfsync.send.rate;

import io.cfsync.report.RunStats;
import java.util.function.LongSupplier;

/**
 * The {@link Pacing} made of four parts: a {@link Ceiling} (the rate allowed now), {@link Permits} (sending times at
 * that rate), the vendor's announced budget ({@link RateBudget}: never faster than what is left of it spread up to
 * its reset, and not at all once it is used up) and the hard ceiling at the instant of sending
 * ({@link SendWindow}). The budget and the window are always local (a vendor's rate headers are already
 * workspace-wide); the ceiling and the permits are what a shared budget replaces. Under a ceiling, the first
 * request of a run goes alone ({@link #admit}). Thread-safe.
 */
final class Pacer implements Pacing {
    /** How often a request held behind the first one looks again whether that one was answered. */
    static final long FIRST_ANSWER_POLL_NANOS = 20_000_000L;

    private final Ceiling ceiling;
    private final Permits permits;
    private final RateBudget budget;
    private final SendWindow window;
    private final LongSupplier nanoTime;
    /** The earliest time the vendor's budget allows the next request. */
    private long budgetNext;
    private boolean started;
    /** Whether the first request was admitted, and whether any answer came since (see {@link #admit}). */
    private boolean firstAdmitted;
    private boolean firstAnswered;

    /**
     * @param budget the vendor's announced budget, or null when the destination announces none
     * @param window the hard ceiling, or null when there is none (no {@code --rate} limit)
     */
    Pacer(Ceiling ceiling, Permits permits, RateBudget budget, SendWindow window, LongSupplier nanoTime) {
        this.ceiling = ceiling;
        this.permits = permits;
        this.budget = budget;
        this.window = window;
        this.nanoTime = nanoTime;
    }

    @Override
    public synchronized long reserve(long now) {
        if (budget == null) {
            return permits.take(now, ceiling.rate()) - now;
        }
        long earliest = budget.notBefore(started && budgetNext - now > 0 ? budgetNext : now);
        long slot = permits.take(earliest, ceiling.rate());
        started = true;
        budgetNext = slot + budget.gap(slot);
        budget.took(slot);
        return slot - now;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Under a ceiling, the first request goes alone: until an answer came, no other is admitted, and the first
     * counts in the window as sent when its answer came. A cold client (a new JVM, first connections) can hold the
     * first request back for a second or more after it was admitted, and the requests admitted meanwhile would
     * then reach the vendor together with it, above the ceiling.
     */
    @Override
    public long admit(long now) {
        if (window == null) {
            ceiling.sent();
            return 0;
        }
        synchronized (this) {
            if (firstAdmitted && !firstAnswered) {
                return FIRST_ANSWER_POLL_NANOS;
            }
            long full = window.tryTake(now);
            if (full > 0) {
                return full;
            }
            firstAdmitted = true;
        }
        ceiling.sent();
        return 0;
    }

    @Override
    public boolean answered(Answer answer) {
        if (window != null) {
            synchronized (this) {
                if (!firstAnswered) {
                    firstAnswered = true;
                    window.restampLast(nanoTime.getAsLong());
                }
            }
        }
        if (budget != null && answer.status() != 0) {
            budget.heard(answer.remaining(), answer.reset());
        }
        return ceiling.answered(answer.throttled());
    }

    @Override
    public RunStats.Rate figures() {
        return ceiling.summary();
    }
}
