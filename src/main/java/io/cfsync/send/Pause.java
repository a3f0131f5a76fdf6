package io.cfsync.send;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The destination-wide pause after a 429: until it ends, no request goes to the destination. Extending only ever
 * moves the end later. Whether a 429 pauses the whole destination or only its own request is for
 * {@link io.cfsync.send.rate.Pacing} to say. Thread-safe.
 */
final class Pause {
    /** The pause after a 429 that names no wait, when the destination has no default either. */
    static final Duration FALLBACK = Duration.ofSeconds(1);

    private final AtomicLong until = new AtomicLong(System.nanoTime());
    private final Duration throttleDefault;
    private final Duration cap;

    /**
     * @param throttleDefault the destination's wait after a 429 that names none, or null for backoff
     * @param cap             no pause is longer than this ({@code --max-event-time}: a longer one could only
     *                        expire the events it holds)
     */
    Pause(Duration throttleDefault, Duration cap) {
        this.throttleDefault = throttleDefault;
        this.cap = cap;
    }

    /**
     * A 429 came: pauses the destination for the wait it named, else the destination's default, else
     * {@link #FALLBACK}.
     *
     * @return the wait the request should honour before its retry, or null for the usual backoff
     */
    Duration throttled(Duration named) {
        Duration wait = waitFor(named);
        extend(wait != null ? wait : FALLBACK);
        return wait;
    }

    /**
     * The wait a request that got a 429 should honour, without pausing the destination: the wait the vendor named,
     * else the destination's default, capped; null for the usual backoff.
     */
    Duration waitFor(Duration named) {
        Duration wait = named != null ? named : throttleDefault;
        return wait == null ? null : wait.compareTo(cap) <= 0 ? wait : cap;
    }

    /** Pauses for at least {@code d} from now. */
    void extend(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        until.accumulateAndGet(end, (cur, next) -> next - cur > 0 ? next : cur);
    }

    /** How much longer the pause lasts, or zero. */
    Duration left() {
        long left = until.get() - System.nanoTime();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }
}
