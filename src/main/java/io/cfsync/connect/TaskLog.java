package io.cfsync.connect;

import java.time.Duration;
import java.util.Locale;

/**
 * A task's counts and its lines in the worker's log: one every 30 s while it runs, and one when it stops. Used on
 * the task thread only (deliveries are counted by {@link Sending}).
 */
final class TaskLog {
    private static final long EVERY_NANOS = Duration.ofSeconds(30).toNanos();

    private final int taskId;
    private final long startedNanos = System.nanoTime();
    private long lastNanos = startedNanos;
    private long skipped;
    private long errant;

    TaskLog(int taskId) {
        this.taskId = taskId;
    }

    void skipped() {
        skipped++;
    }

    void errant() {
        errant++;
    }

    /** Prints the counts when 30 s have passed since the last line. */
    void every30s(long delivered, int unfinished) {
        long now = System.nanoTime();
        if (now - lastNanos >= EVERY_NANOS) {
            lastNanos = now;
            print(delivered, unfinished);
        }
    }

    void print(long delivered, int unfinished) {
        double secs = Math.max(1e-9, (System.nanoTime() - startedNanos) / 1e9);
        System.err.println(String.format(Locale.ROOT, "cf-sync: task %d: %d delivered (%.1f/s), %d skipped, "
                + "%d errant, %d unfinished", taskId, delivered, delivered / secs, skipped, errant, unfinished));
    }

    /** A note about this task, prefixed with its number. */
    void note(String text) {
        System.err.println("cf-sync: task " + taskId + ": " + text);
    }
}
