package io.cfsync.dest;

import io.cfsync.event.Event;

/**
 * A destination's mapping, configured with its settings. Pure: no clock, no randomness, no I/O, no secrets;
 * the same event, pre-pass facts and settings always give the same translation. Thread-safe.
 */
@FunctionalInterface
public interface Translator {
    Translation translate(Event event, PrePassFacts facts);
}
