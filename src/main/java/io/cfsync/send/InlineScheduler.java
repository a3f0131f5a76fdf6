package io.cfsync.send;

import dev.failsafe.spi.DefaultScheduledFuture;
import dev.failsafe.spi.Scheduler;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Failsafe's scheduler for sending. Failsafe hands every step to its scheduler, even work due now; running that on
 * the calling thread (the reader, or the I/O thread that just got the previous answer) saves a thread hand-off
 * per request. Delayed work (backoff, permits, pauses) goes to the timer threads. Thread-safe.
 */
final class InlineScheduler implements Scheduler {
    private static final ScheduledFuture<Object> DONE = new DefaultScheduledFuture<>() {
        @Override
        public boolean isDone() {
            return true;
        }
    };

    private final ScheduledExecutorService timer;

    InlineScheduler(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    @Override
    public ScheduledFuture<?> schedule(Callable<?> callable, long delay, TimeUnit unit) {
        if (delay > 0) {
            return timer.schedule(callable, delay, unit);
        }
        try {
            callable.call();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
        return DONE;
    }
}
