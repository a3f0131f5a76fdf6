package io.cfsync.send;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The "vendor is down" clock behind {@code --give-up-after}: it runs from the first server failure (5xx, timeout,
 * connection failure) with no healthy answer since, whether or not the circuit breaker opened (with one batch at a
 * time, failures come too slowly to open it). Any other answer resets it. Thread-safe.
 */
final class GiveUpClock {
    private final Duration giveUpAfter;
    private final RunControl control;
    private final LongSupplier nanoTime;
    /** {@link #nanoTime} of the first server failure since the last healthy answer; 0 while healthy. */
    private final AtomicLong downSince = new AtomicLong();

    GiveUpClock(Duration giveUpAfter, RunControl control, LongSupplier nanoTime) {
        this.giveUpAfter = giveUpAfter;
        this.control = control;
        this.nanoTime = nanoTime;
    }

    /** Books an answer (or the failure to get one). */
    void heard(Outcome o) {
        if (o.serverTrouble()) {
            // Never 0, so that a clock reading of 0 still starts it.
            downSince.compareAndSet(0, nanoTime.getAsLong() | 1);
        } else {
            downSince.set(0);
        }
    }

    /** Stops the run when the vendor has been failing for longer than allowed; called once a second. */
    void check() {
        long since = downSince.get();
        if (since != 0 && nanoTime.getAsLong() - since > giveUpAfter.toNanos()) {
            control.stop(RunControl.Reason.VENDOR_DOWN, "the vendor kept failing for longer than "
                    + Durations.format(giveUpAfter) + " (no healthy answer since)");
        }
    }
}
