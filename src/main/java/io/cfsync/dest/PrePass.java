package io.cfsync.dest;

import io.cfsync.event.Event;

/**
 * Per-user state carried across events in input order (e.g. automatic session ids). Deterministic: the same
 * input gives the same facts. Implementations must keep their state bounded. Not thread-safe: the pipeline calls
 * it from one thread, in input order.
 */
public interface PrePass {
    /** What the events so far say about {@code event}; call once per event, in input order. */
    PrePassFacts facts(Event event);
}
