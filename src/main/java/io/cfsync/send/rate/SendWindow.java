package io.cfsync.send.rate;

import java.util.Arrays;

/**
 * The hard ceiling behind {@code --rate}, checked at the instant of sending, derived from the spacing
 * {@code T = 1 / rate} the pacing uses. Two rules, both kept:
 * <ul>
 *   <li>at most {@code n = ceil(rate)} sends in any window of {@code n} spacings ({@code n / rate} seconds, at least
 *       one second), a sliding log of the last {@code n} send times: so no one-second window holds more than
 *       {@code ceil(rate)} sends, and a fractional rate (2.5, 1/3) is a ceiling of its own rather than one rounded
 *       down to whole requests per second;</li>
 *   <li>no send earlier than one spacing after the previous one's due time, less a tolerance of half a spacing
 *       for a send that comes a little early by itself (GCRA); a send held back is told to come back at its due
 *       time. Sends held by the log would otherwise all be let go at the instant it frees up, and a burst, once
 *       it happened, would repeat every window.</li>
 * </ul>
 * The even spacing of {@link EvenPermits} keeps to both; this catches what scheduling delays could still bunch up
 * (a time granted on schedule but sent late, next to one sent on time). Thread-safe.
 */
final class SendWindow {
    private final long[] sentAt;
    private final long windowNanos;
    private final long spacing;
    private final long tolerance;
    /** When the next send is due (GCRA's theoretical arrival time). */
    private long due;
    private int oldest;

    /** @param rate requests per second, positive and finite */
    SendWindow(double rate, long now) {
        int n = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(1, Math.ceil(rate)));
        sentAt = new long[n];
        // Rounded up, so that n sends never fit in a window shorter than n exact spacings.
        windowNanos = (long) Math.ceil(n * 1e9 / rate);
        spacing = (long) Math.ceil(1e9 / rate);
        tolerance = spacing / 2;
        Arrays.fill(sentAt, now - 2 * windowNanos);
        due = now - 2 * windowNanos;
    }

    /**
     * Takes a slot at {@code now} if both rules allow it.
     *
     * @return 0 when taken, else how many nanoseconds until its turn
     */
    synchronized long tryTake(long now) {
        long logWait = sentAt[oldest] + windowNanos - now;
        if (logWait > 0 || due - tolerance - now > 0) {
            // Held: come back at its turn, not at the edge of the tolerance, which would make a burst of it.
            return Math.max(logWait, due - now);
        }
        sentAt[oldest] = now;
        oldest = (oldest + 1) % sentAt.length;
        due = Math.max(due, now) + spacing;
        return 0;
    }

    /** The last send counts as made at {@code at} instead (later than it was taken: it reached the vendor late). */
    synchronized void restampLast(long at) {
        int last = (oldest + sentAt.length - 1) % sentAt.length;
        sentAt[last] = Math.max(sentAt[last], at);
        due = Math.max(due, at + spacing);
    }
}
