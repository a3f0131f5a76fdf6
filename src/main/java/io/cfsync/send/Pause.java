package io.cfsync.send;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The destination-wide pause after a 429: until it ends, no request goes to the destination. Extending only ever
 * moves the end later. Thread-safe.
 */
final class Pause {
    private final AtomicLong until = new AtomicLong(System.nanoTime());

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
