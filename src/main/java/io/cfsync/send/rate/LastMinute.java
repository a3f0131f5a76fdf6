package io.cfsync.send.rate;

import java.util.Arrays;

/** Sending times taken over the last minute, in one-second buckets, for a worker's heartbeat. Thread-safe. */
final class LastMinute {
    private final long[] counts = new long[60];
    private final long[] seconds = new long[60];

    LastMinute() {
        Arrays.fill(seconds, Long.MIN_VALUE);
    }

    synchronized void add(long now) {
        long s = Math.floorDiv(now, 1_000_000_000L);
        int i = (int) Math.floorMod(s, 60L);
        if (seconds[i] != s) {
            seconds[i] = s;
            counts[i] = 0;
        }
        counts[i]++;
    }

    synchronized long total(long now) {
        long s = Math.floorDiv(now, 1_000_000_000L);
        long sum = 0;
        for (int i = 0; i < 60; i++) {
            if (s - seconds[i] < 60) {
                sum += counts[i];
            }
        }
        return sum;
    }
}
