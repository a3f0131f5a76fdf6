package io.cfsync.send.rate;

import java.util.Arrays;

/**
 * The hard ceiling behind {@code --rate}: at most {@code n} sends in any one-second window, checked at the instant
 * of sending (a sliding log of the last {@code n} send times). The smooth rate limiter spaces permits evenly; this
 * catches what scheduling delays could still bunch up (a permit granted on time but sent late, next to one sent
 * on time). Thread-safe.
 */
final class SendWindow {
    static final long WINDOW_NANOS = 1_000_000_000L;

    private final long[] sentAt;
    private int oldest;

    /** @param n sends allowed per one-second window, at least 1 */
    SendWindow(int n, long now) {
        sentAt = new long[Math.max(1, n)];
        Arrays.fill(sentAt, now - 2 * WINDOW_NANOS);
    }

    /**
     * Takes a slot at {@code now} if the window has room.
     *
     * @return 0 when taken, else how many nanoseconds until a slot frees up
     */
    synchronized long tryTake(long now) {
        long wait = sentAt[oldest] + WINDOW_NANOS - now;
        if (wait > 0) {
            return wait;
        }
        sentAt[oldest] = now;
        oldest = (oldest + 1) % sentAt.length;
        return 0;
    }
}
