package io.cfsync.pipeline;

import io.cfsync.report.Durations;
import io.cfsync.send.RunControl;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code --max-runtime}: once it is reached, the run stops as {@link RunControl.Reason#TIME_BOX}; requests still on
 * the wire then get {@link RunControl#GRACE} before they are abandoned. Counted on the monotonic clock (a scheduled
 * executor, not {@link java.util.Timer}, which follows the wall clock), so a clock step neither shortens nor
 * stretches the run. Thread-safe.
 */
final class TimeBox {
    private final AtomicBoolean expired = new AtomicBoolean();
    private final ScheduledThreadPoolExecutor timer;

    private TimeBox(ScheduledThreadPoolExecutor timer) {
        this.timer = timer;
    }

    /** Starts the clock; with a null {@code maxRuntime} it never expires. */
    static TimeBox start(Duration maxRuntime, RunControl control) {
        if (maxRuntime == null) {
            return new TimeBox(null);
        }
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "cf-sync-time-box");
            t.setDaemon(true);
            return t;
        });
        TimeBox box = new TimeBox(timer);
        timer.schedule(() -> {
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
