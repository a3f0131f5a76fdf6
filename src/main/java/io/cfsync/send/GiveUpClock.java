package io.cfsync.send;

import io.cfsync.report.Durations;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The "vendor is down" clock behind {@code --give-up-after}: it runs from the first server failure (5xx, timeout,
 * connection failure) with no healthy answer since, whether or not the circuit breaker opened (with one batch at a
 * time, failures come too slowly to open it), and counts only after {@value #DOWN_AFTER_FAILURES} failed attempts
 * in a row, so a couple of transient faults never end a run with a short limit. Any other answer resets it. It
 * also counts the answers that settled a request ({@link #served}), which, with the vendor's check request, tell
 * an outage from one request's bad luck ({@link Blame}). Thread-safe.
 */
final class GiveUpClock {
    private final Duration giveUpAfter;
    private final RunControl control;
    private final LongSupplier nanoTime;
    /** While healthy: no failure to count from (any reading of the clock, 0 included, is a real time). */
    private static final long HEALTHY = Long.MIN_VALUE;

    /** {@link #nanoTime} of the first server failure since the last healthy answer, or {@link #HEALTHY}. */
    private final AtomicLong downSince = new AtomicLong(HEALTHY);
    /** Server failures since {@link #downSince}. */
    private final AtomicLong failures = new AtomicLong();
    /** Failed attempts in a row, with no healthy answer between, before the vendor can count as down. */
    static final int DOWN_AFTER_FAILURES = 5;

    GiveUpClock(Duration giveUpAfter, RunControl control, LongSupplier nanoTime) {
        this.giveUpAfter = giveUpAfter;
        this.control = control;
        this.nanoTime = nanoTime;
    }

    /** Answers that settled a request (not a 5xx, 408, 429, transport failure or unreadable answer), run-long. */
    private final AtomicLong served = new AtomicLong();

    /** Books an answer (or the failure to get one). */
    void heard(AttemptResult o) {
        if (o.kind() != AttemptResult.Kind.RETRYABLE) {
            served.incrementAndGet();
        }
        if (o.serverTrouble()) {
            downSince.compareAndSet(HEALTHY, nanoTime.getAsLong());
            failures.incrementAndGet();
        } else {
            downSince.set(HEALTHY);
            failures.set(0);
        }
    }

    /**
     * How many answers so far settled a request for anyone. A request whose retries ran out while this did not
     * move may have failed with the whole vendor rather than for anything of its own: {@link Blame} then asks the
     * vendor's check request before dead-lettering it.
     */
    long served() {
        return served.get();
    }

    /** Stops the run when the vendor has been failing for longer than allowed; called once a second. */
    void check() {
        long since = downSince.get();
        if (since != HEALTHY && nanoTime.getAsLong() - since > giveUpAfter.toNanos()
                && failures.get() >= DOWN_AFTER_FAILURES) {
            control.stop(RunControl.Reason.VENDOR_DOWN, "the vendor kept failing for longer than "
                    + Durations.format(giveUpAfter) + " (no healthy answer since)");
        }
    }
}
