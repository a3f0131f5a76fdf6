package io.cfsync.send;

import io.cfsync.report.Durations;
import io.cfsync.report.Plural;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The end of a stopping run's patience: {@link RunControl#GRACE} after the stop, whatever is still on the wire is
 * abandoned, so that no vendor, however slowly it answers, holds a run that was told to stop. The events of the
 * abandoned requests stay pending (the vendor may have them: the next run sends them again, as after a lost
 * answer). Stateless.
 */
final class StopGrace {
    private StopGrace() {
    }

    /** Schedules the abandonment on {@code scheduler}; says on {@code say} how many requests it gave up. */
    static void start(Transport transport, ScheduledExecutorService scheduler, Consumer<String> say) {
        try {
            scheduler.schedule(() -> abandon(transport, say), RunControl.GRACE.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // The sink has finished already: nothing is left on the wire.
        }
    }

    private static void abandon(Transport transport, Consumer<String> say) {
        int n = transport.abandonAll();
        if (n > 0) {
            say.accept("cf-sync: " + Plural.count(n, "request") + " still on the wire after the "
                    + Durations.format(RunControl.GRACE) + " grace " + (n == 1 ? "was" : "were")
                    + " abandoned; " + (n == 1 ? "its events stay" : "their events stay") + " pending for the next run");
        }
    }
}
