package io.cfsync.send.rate;

import io.cfsync.report.RunStats;

/**
 * The {@link Pacing} made of four parts: a {@link Ceiling} (the rate allowed now), {@link Permits} (sending times at
 * that rate), the vendor's announced budget ({@link RateBudget}: never faster than what is left of it spread up to
 * its reset, and not at all once it is used up) and the hard ceiling at the instant of sending
 * ({@link SendWindow}). The budget and the window are always local (a vendor's rate headers are already
 * workspace-wide); the ceiling and the permits are what a shared budget replaces. Thread-safe.
 */
final class Pacer implements Pacing {
    private final Ceiling ceiling;
    private final Permits permits;
    private final RateBudget budget;
    private final SendWindow window;
    /** The earliest time the vendor's budget allows the next request. */
    private long budgetNext;
    private boolean started;

    /**
     * @param budget the vendor's announced budget, or null when the destination announces none
     * @param window the hard ceiling, or null when there is none (no {@code --rate} limit)
     */
    Pacer(Ceiling ceiling, Permits permits, RateBudget budget, SendWindow window) {
        this.ceiling = ceiling;
        this.permits = permits;
        this.budget = budget;
        this.window = window;
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

    @Override
    public long admit(long now) {
        long full = window == null ? 0 : window.tryTake(now);
        if (full == 0) {
            ceiling.sent();
        }
        return full;
    }

    @Override
    public boolean answered(Answer answer) {
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
