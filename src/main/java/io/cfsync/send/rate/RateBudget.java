package io.cfsync.send.rate;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The budget a vendor announces on its answers ({@code x-ratelimit-limit}, {@code x-ratelimit-remaining},
 * {@code x-ratelimit-reset}, as Kustomer sends them), so that sending can be paced to it before a 429: the requests
 * left are spread evenly over the time until the budget resets, and none goes out once it is used up.
 *
 * <p>{@code x-ratelimit-reset} is read as {@link RateHeaders#reset} reads it (above 10^9 epoch seconds, else seconds
 * until the reset); without it, the budget is taken to reset one {@code window} after the first answer that
 * announced it. Within one budget window the lowest count wins: an answer may be older than requests sent since,
 * and requests sent after an answer are taken off locally; so are requests sent while the budget was unknown (at
 * the start, or after a reset) from the first budget heard after them. Once the reset time has passed the budget is unknown
 * until the next answer, and sending is limited only by the rate. Driven by injected clocks. Thread-safe.
 */
final class RateBudget {
    /** Two reset times closer than this belong to the same window (a reset in whole seconds wobbles by one). */
    private static final long SAME_WINDOW_NANOS = 1_100_000_000L;

    private final Duration window;
    private final LongSupplier nanoTime;
    private final LongSupplier wallMillis;
    private boolean known;
    private long resetAt;
    private long left;
    /** Requests given a time while the budget was unknown: the next budget heard may not count them yet. */
    private long unknownTook;

    /**
     * @param window     the length of the vendor's budget window, used when an answer names no reset
     * @param nanoTime   as {@link System#nanoTime()}
     * @param wallMillis as {@link System#currentTimeMillis()} (an epoch reset is compared with it)
     */
    public RateBudget(Duration window, LongSupplier nanoTime, LongSupplier wallMillis) {
        this.window = window;
        this.nanoTime = nanoTime;
        this.wallMillis = wallMillis;
    }

    /**
     * Books the rate headers of an answer; an answer without a readable remaining count changes nothing. (The limit
     * itself is not needed: what is left and when it resets say all there is to pace by.)
     */
    synchronized void heard(String remaining, String reset) {
        Long rem = remaining == null ? null : RateHeaders.seconds(remaining.trim());
        if (rem == null) {
            return;
        }
        long now = nanoTime.getAsLong();
        Duration in = RateHeaders.reset(reset, wallMillis.getAsLong());
        boolean stale = !known || now - resetAt >= 0;
        long at = in != null ? now + in.toNanos() : stale ? now + window.toNanos() : resetAt;
        if (stale || at - resetAt > SAME_WINDOW_NANOS) {
            resetAt = at;
            left = rem - unknownTook;
            unknownTook = 0;
            known = true;
        } else {
            left = Math.min(left, rem);
        }
    }

    /** The earliest time at or after {@code slot} when the budget allows a request. */
    synchronized long notBefore(long slot) {
        if (!known || slot - resetAt >= 0 || left > 0) {
            return slot;
        }
        return resetAt;
    }

    /** The gap the budget asks for after a request at {@code slot}: what is left spread up to the reset. */
    synchronized long gap(long slot) {
        if (!known || slot - resetAt >= 0 || left <= 0) {
            return 0;
        }
        return (resetAt - slot) / left;
    }

    /** A request takes its place at {@code slot}. */
    synchronized void took(long slot) {
        if (known && resetAt - slot > 0) {
            left--;
        } else {
            unknownTook++;
        }
    }

    /** Requests left in the current budget window, or -1 when unknown. */
    synchronized long left() {
        return known && resetAt - nanoTime.getAsLong() > 0 ? Math.max(0, left) : -1;
    }
}
