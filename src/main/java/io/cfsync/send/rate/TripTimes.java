package io.cfsync.send.rate;

import java.util.Arrays;

/**
 * How long round trips to a shared budget held the requests that made them, against every request handed a
 * sending time: most wait for no round trip at all (they take a permit of a block at hand). Bounded. Thread-safe.
 */
final class TripTimes {
    private final long[] nanos = new long[10_000];
    private int trips;
    private long requests;

    synchronized void handed() {
        requests++;
    }

    synchronized void trip(long took) {
        if (trips < nanos.length) {
            nanos[trips++] = took;
        }
    }

    synchronized long requests() {
        return requests;
    }

    /** The 99th percentile, over requests, of the wait a round trip added (0 for a request that made none). */
    synchronized long p99() {
        long[] sorted = Arrays.copyOf(nanos, trips);
        Arrays.sort(sorted);
        long rank = (long) Math.ceil(requests * 0.99);
        long zeros = Math.max(0, requests - trips);
        return rank <= zeros || sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, rank - zeros - 1)];
    }
}
