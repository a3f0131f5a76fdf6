package io.cfsync.send;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Starts an asynchronous step after a wait, on the sink's scheduler. Stateless. */
final class Later {
    private Later() {
    }

    /**
     * Runs {@code turn} {@code wait} nanoseconds from now on {@code scheduler}; the result completes as its stage
     * does, or with {@code closing} when the scheduler no longer takes work (the sink is closing).
     */
    static <T> CompletableFuture<T> run(ScheduledExecutorService scheduler, long wait,
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
