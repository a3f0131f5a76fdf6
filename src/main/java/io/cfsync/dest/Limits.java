package io.cfsync.dest;

import java.time.Duration;

/**
 * How hard a destination may be driven: its default requests per second, and how long to pause after a 429 that
 * names no wait (no {@code Retry-After}); a null pause means back off exponentially instead. Immutable.
 */
public record Limits(double defaultRate, Duration pauseAfter429) {
    public Limits {
        if (!(defaultRate > 0)) {
            throw new IllegalArgumentException("default rate must be positive");
        }
    }

    /** The same with a fixed pause after a 429 without {@code Retry-After}. */
    public Limits pausingAfter429(Duration pause) {
        return new Limits(defaultRate, pause);
    }
}
