package io.cfsync.pipeline;

import io.cfsync.report.Durations;
import io.cfsync.send.RunControl;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code --max-runtime}: once it is reached, the run stops as {@link RunControl.Reason#TIME_BOX}. Thread-safe. */
final class TimeBox {
    private final AtomicBoolean expired = new AtomicBoolean();
    /** Counts on the monotonic clock (a {@code java.util.Timer} follows the wall clock, and a step stretches it). */
    private final ScheduledExecutorService timer;

    private TimeBox(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Starts the clock; with a null {@code maxRuntime} it never expires. */
    static TimeBox start(Duration maxRuntime, RunControl control) {
        if (maxRuntime == null) {
            return new TimeBox(null);
        }
        TimeBox box = new TimeBox(new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "cf-sync-time-box");
            t.setDaemon(true);
            return t;
        }));
        box.timer.schedule(() -> {
            box.expired.set(true);
            control.stop(RunControl.Reason.TIME_BOX, "--max-runtime " + Durations.format(maxRuntime) + " reached");
        }, maxRuntime.toNanos(), TimeUnit.NANOSECONDS);
        return box;
    }

    /** Whether the time ran out (even if the run had already stopped for another reason). */
    boolean expired() {
        return expired.get();
    }

    void cancel() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
