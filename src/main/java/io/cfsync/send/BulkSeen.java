package io.cfsync.send;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What one sink has seen of the vendor's bulk endpoint, shared by its jobs. That the key may not use it (a 403 to
 * a submit): every later job then goes as single requests, and the person is told once. And how long a job took
 * from submit to complete: the next job's first poll waits about that long, since each poll pays a unit of the
 * same budget as the events, and a poll that finds the job still queued buys nothing. Thread-safe.
 */
final class BulkSeen {
    private final AtomicBoolean forbidden = new AtomicBoolean();
    private final AtomicLong jobNanos = new AtomicLong();
    private final Consumer<String> note;

    BulkSeen(Consumer<String> note) {
        this.note = note;
    }

    boolean forbidden() {
        return forbidden.get();
    }

    void forbidden(String url) {
        if (forbidden.compareAndSet(false, true)) {
            note.accept("cf-sync: the vendor refused a bulk request (HTTP 403 at " + url + "): the API key lacks "
                    + "a bulk role; sending one request per event instead (--no-bulk does so from the start)");
        }
    }

    /** A job was found complete {@code nanos} after its submit. */
    void completedAfter(long nanos) {
        jobNanos.set(nanos);
    }

    /** The wait before a new job's first poll: the last job's time, within {@code [least, most]}. */
    long firstPoll(long least, long most) {
        return Math.max(least, Math.min(most, jobNanos.get()));
    }
}
