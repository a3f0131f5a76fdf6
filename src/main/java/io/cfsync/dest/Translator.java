package io.cfsync.dest;

import io.cfsync.event.Event;

/**
 * A destination's mapping, configured with its settings. Pure: no clock, no randomness, no I/O, no secrets;
 * the same event, hints and settings always give the same translation. Thread-safe.
 */
@FunctionalInterface
public interface Translator {
    Translation translate(Event event, Hints hints);
}
