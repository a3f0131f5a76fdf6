package io.cfsync.input;

import java.time.Duration;

/**
 * Leaves out, unopened, archive files whose path proves their events were received outside the time window
 * ({@link PathTimes}). Events are filtered by {@code timestamp}, which can differ from the receive time a path
 * tells (late mobile events, clock skew), so the span a path proves is widened by {@code slack} on both sides
 * before it is compared. Immutable.
 *
 * @param sinceMillis inclusive start of the window, or null
 * @param untilMillis exclusive end of the window, or null
 * @param slack       how far timestamps may stray from receive times; null turns pruning off
 */
public record Pruning(Long sinceMillis, Long untilMillis, Duration slack) {
    /** No window: nothing is left out. */
    public static final Pruning NONE = new Pruning(null, null, null);

    /** The default slack: one day either side. */
    public static final Duration DEFAULT_SLACK = Duration.ofDays(1);

    /** Whether {@code path} proves its events lie outside the window. */
    public boolean outside(String path) {
        if (slack == null || (sinceMillis == null && untilMillis == null)) {
            return false;
        }
        PathTimes.Span s = PathTimes.of(path);
        if (s == null) {
            return false;
        }
        long pad = slack.toMillis();
        return (sinceMillis != null && s.to() <= sinceMillis - pad)
                || (untilMillis != null && s.from() >= untilMillis + pad);
    }
}
