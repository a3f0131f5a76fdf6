package io.cfsync.send;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Hands out sending times, evenly spaced at the rate allowed now: the lower of the {@code --rate} ceiling and the
 * {@link AdaptiveRate}, each gap 2% wider than the rate so that ordinary scheduling delays rarely meet the hard
 * {@link SendWindow}; and, when the vendor announces its budget ({@link RateBudget}), never faster than what is
 * left of it spread up to its reset, and not at all once it is used up. A reserved time is kept even if the
 * request then is held back (a pause, a stop): permits are never handed out in bursts to make up for it. Time
 * that passes unused is not saved up either. Thread-safe.
 */
final class Pacer {
    /** Slack in the permit spacing, so that ordinary scheduling delays rarely meet the hard {@link SendWindow}. */
    static final double RATE_SLACK = 1.02;

    private final AdaptiveRate rate;
    private final RateBudget budget;
    private long next;
    private boolean started;

    /** @param budget the vendor's announced budget, or null when the destination announces none */
    Pacer(AdaptiveRate rate, RateBudget budget) {
        this.rate = rate;
        this.budget = budget;
    }

    /**
     * Reserves the next sending time.
     *
     * @param now the current {@link System#nanoTime()}
     * @return nanoseconds from {@code now} until the reserved time (0 to send at once)
     */
    synchronized long reserve(long now) {
        long slot = started && next - now > 0 ? next : now;
        started = true;
        long gap = spacing(rate.rate());
        if (budget != null) {
            slot = budget.notBefore(slot);
            gap = Math.max(gap, budget.gap(slot));
            budget.took(slot);
        }
        next = slot + gap;
        return slot - now;
    }

    /** Nanoseconds between two requests at {@code perSecond}; 0 when unlimited. */
    static long spacing(double perSecond) {
        return perSecond == SendOptions.UNLIMITED ? 0 : (long) Math.ceil(1e9 / perSecond * RATE_SLACK);
    }

    /**
     * Runs {@code turn} {@code wait} nanoseconds from now on {@code scheduler}; the result completes as its stage
     * does, or with {@code closing} when the scheduler no longer takes work (the sink is closing).
     */
    static <T> CompletableFuture<T> later(ScheduledExecutorService scheduler, long wait,
                                          Supplier<CompletableFuture<T>> turn, T closing) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            scheduler.schedule(() -> turn.get().whenComplete((o, ex) -> {
                if (ex != null) {
                    result.completeExceptionally(ex);
                } else {
                    result.complete(o);
                }
            }), wait, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            result.complete(closing);
        }
        return result;
    }
}
