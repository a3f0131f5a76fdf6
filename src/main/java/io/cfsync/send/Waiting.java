package io.cfsync.send;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The requests being sent, so that a stop can drop those that are waiting (for a retry, a permit or a pause) while
 * those on the wire finish (within {@link RunControl#GRACE}) and those already answered for good keep their answer.
 * Thread-safe.
 */
final class Waiting {
    private final Set<Attempts> active = ConcurrentHashMap.newKeySet();
    private final RunControl control;

    /** Registers with {@code control}: on stop, every waiting request is dropped. */
    Waiting(RunControl control) {
        this.control = control;
        control.onStop(this::cancelAll);
    }

    /** Tracks {@code a}, whose execution is {@code f}; drops it at once when the run is already stopping. */
    void add(Attempts a, CompletableFuture<AttemptResult> f) {
        active.add(a);
        synchronized (a) {
            a.future = f;
        }
        if (control.stopping()) {
            cancelIfWaiting(a);
        }
    }

    /** {@code a} is settled. */
    void remove(Attempts a) {
        active.remove(a);
    }

    private void cancelAll() {
        for (Attempts a : active) {
            cancelIfWaiting(a);
        }
    }

    /** Safe outside the lock: once stopping, no attempt goes on the wire any more (checked under the lock). */
    private static void cancelIfWaiting(Attempts a) {
        CompletableFuture<AttemptResult> waiting;
        synchronized (a) {
            waiting = a.waiting() ? a.future : null;
        }
        if (waiting != null) {
            waiting.cancel(false);
        }
    }
}
