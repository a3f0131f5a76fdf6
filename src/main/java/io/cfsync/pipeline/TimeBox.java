package io.cfsync.pipeline;

import io.cfsync.report.Durations;
import io.cfsync.send.RunControl;
import java.time.Duration;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code --max-runtime}: once it is reached, the run stops as {@link RunControl.Reason#TIME_BOX}. Thread-safe. */
final class TimeBox {
    private final AtomicBoolean expired = new AtomicBoolean();
    private final Timer timer;

    private TimeBox(Timer timer) {
        this.timer = timer;
    }

    /** Starts the clock; with a null {@code maxRuntime} it never expires. */
    static TimeBox start(Duration maxRuntime, RunControl control) {
        if (maxRuntime == null) {
            return new TimeBox(null);
        }
        TimeBox box = new TimeBox(new Timer("cf-sync-time-box", true));
        box.timer.schedule(new TimerTask() {
            @Override
            public void run() {
                box.expired.set(true);
                control.stop(RunControl.Reason.TIME_BOX, "--max-runtime " + Durations.format(maxRuntime)
                        + " reached");
            }
        }, maxRuntime.toMillis());
        return box;
    }

    /** Whether the time ran out (even if the run had already stopped for another reason). */
    boolean expired() {
        return expired.get();
    }

    void cancel() {
        if (timer != null) {
            timer.cancel();
        }
    }
}
