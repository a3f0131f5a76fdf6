package io.cfsync.dest;

import java.time.Duration;

/**
 * How hard a destination may be driven: its default requests per second, and how long to pause after a 429 that
 * names no wait (no {@code Retry-After}); a null pause means back off exponentially instead. When
 * {@code rateHeadersWindow} is set, the vendor announces its budget on every answer ({@code x-ratelimit-remaining},
 * {@code x-ratelimit-reset}) and sending is paced to it; the window is how long that budget lasts when an answer
 * names no reset. Immutable.
 */
public record Limits(double defaultRate, Duration pauseAfter429, Duration rateHeadersWindow) {
    public Limits {
        if (!(defaultRate > 0)) {
            throw new IllegalArgumentException("default rate must be positive");
        }
    }

    /** Limits of a destination that announces no budget in its answers. */
    public Limits(double defaultRate, Duration pauseAfter429) {
        this(defaultRate, pauseAfter429, null);
    }

    /** The same with a fixed pause after a 429 without {@code Retry-After}. */
    public Limits pausingAfter429(Duration pause) {
        return new Limits(defaultRate, pause, rateHeadersWindow);
    }

    /** The same, pacing to the {@code x-ratelimit-*} headers of a budget that lasts {@code window}. */
    public Limits pacedByRateHeaders(Duration window) {
        return new Limits(defaultRate, pauseAfter429, window);
    }
}
