package io.cfsync.dest;

import io.cfsync.event.Event;
import java.util.Map;

/**
 * Per-user state carried across events in input order (e.g. automatic session ids). Deterministic: the same
 * input gives the same facts. Implementations must keep their state bounded. Not thread-safe: the pipeline calls
 * it from one thread, in input order.
 *
 * <p>A pre-pass whose state a resumed run needs (so that it goes on as if it had never stopped) offers a
 * {@link #twin}: the ledger feeds the twin each event only once the event's line is at or below its input's
 * watermark, and saves the twin's {@link #drainChanges changes} with the watermark, so what is saved matches the
 * resume point. The next run {@link #restore restores} both from those rows.
 */
public interface PrePass {
    /** What the events so far say about {@code event}; call once per event, in input order. */
    PrePassFacts facts(Event event);

    /** A pre-pass with the same settings and no state, or null when a resumed run needs none of this state. */
    default PrePass twin() {
        return null;
    }

    /**
     * The rows of state changed since the last call: key to row text, or to null for a row that is gone. The
     * rows, as a whole, are what {@link #restore} takes.
     */
    default Map<String, String> drainChanges() {
        return Map.of();
    }

    /** Continues from rows an earlier run saved; rows made with other settings are ignored. Call before any event. */
    default void restore(Map<String, String> rows) {
    }
}
