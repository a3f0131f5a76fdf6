package io.cfsync.send;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether a send run should stop early, and why. The first reason wins; later ones are ignored. Thread-safe.
 * Once stopping, no new request is sent: reading stops between events, queued events are reported as not
 * attempted, requests already on the wire get {@link #GRACE} to finish and are then abandoned (their events stay
 * pending, as after a lost answer), so no vendor can hold a stopping run.
 */
public final class RunControl {
    /**
     * How long requests on the wire may still finish once the run stops: long enough for a healthy answer (which
     * spares the next run a duplicate), short enough that a signal or {@code --max-runtime} ends the run promptly.
     */
    public static final java.time.Duration GRACE = java.time.Duration.ofSeconds(5);

    /** Why a run stopped before the end. */
    public enum Reason {
        /** The vendor answered 401 or 403: every later request would fail the same way. */
        CREDENTIALS,
        /** The vendor kept failing past {@code --give-up-after}. */
        VENDOR_DOWN,
        /** TLS verification of the vendor's certificate failed. */
        TLS,
        /** The first attempts of the run all failed to connect, and no request ever reached the vendor. */
        UNREACHABLE,
        /** SIGINT, SIGTERM or SIGHUP. */
        INTERRUPTED,
        /** Outcomes could not be recorded (dead-letter or outcomes file unwritable). */
        OUTPUT,
        /** An input could not be read whole now (object storage kept ending a read early, or the object changed). */
        INPUT,
        /** {@code --max-runtime} was reached: not an abort; what was not sent waits for the next run. */
        TIME_BOX
    }

    /** A stop reason with its human explanation (already redacted). */
    public record Stop(Reason reason, String message) {
    }

    private final AtomicReference<Stop> stop = new AtomicReference<>();
    private final List<Runnable> onStop = new CopyOnWriteArrayList<>();

    /** Asks the run to stop; returns true if this call was the first. */
    public boolean stop(Reason reason, String message) {
        if (stop.compareAndSet(null, new Stop(reason, message))) {
            for (Runnable r : onStop) {
                r.run();
            }
            return true;
        }
        return false;
    }

    public boolean stopping() {
        return stop.get() != null;
    }

    /** The stop, or null while the run goes on. */
    public Stop stopped() {
        return stop.get();
    }

    /** Runs {@code r} once, on the thread that first stops the run (register before the run starts). */
    void onStop(Runnable r) {
        onStop.add(r);
    }
}
