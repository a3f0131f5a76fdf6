package io.cfsync.send.rate;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The hard check at the instant of sending for a worker on a shared budget: every send spends one of the sending
 * times the worker was given, one that is due and at most {@code late} old; a time not spent by then is gone. The
 * other workers' times interleave with its own, so in any second all workers together send no more than the budget
 * handed out in that second and {@code late} before it, even when one worker's sends come out late and together (a
 * pause of its JVM, a busy machine). Thread-safe.
 */
final class ShareWindow {
    /** What {@link #admit} answers when no time is left to spend: every one given has passed unspent. */
    static final long NONE_LEFT = Long.MAX_VALUE;

    /** A bound on what is kept: more unspent times than this are not kept. */
    private static final int MAX_KEPT = 100_000;

    private final Deque<Long> given = new ArrayDeque<>();

    /** A sending time was handed out (times are handed out in increasing order). */
    synchronized void given(long slot) {
        given.addLast(slot);
        if (given.size() > MAX_KEPT) {
            given.removeFirst();
        }
    }

    /**
     * Spends the oldest due time not older than {@code late}.
     *
     * @return 0 when admitted, nanoseconds until a time is due, or {@link #NONE_LEFT} when none is left to wait for
     */
    synchronized long admit(long now, long late) {
        while (!given.isEmpty() && now - given.peekFirst() > late) {
            given.removeFirst();
        }
        if (!given.isEmpty() && given.peekFirst() - now <= 0) {
            given.removeFirst();
            return 0;
        }
        return given.isEmpty() ? NONE_LEFT : Math.max(1_000_000L, given.peekFirst() - now);
    }
}
