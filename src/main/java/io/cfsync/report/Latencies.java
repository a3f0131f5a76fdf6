package io.cfsync.report;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request latencies in a fixed log-scale histogram (about 5% resolution from 0.1 ms to 10 min), so percentiles
 * cost constant memory however long the run. Thread-safe.
 */
public final class Latencies {
    private static final double BASE = 1.05;
    private static final double MIN_MICROS = 100;
    private static final int BUCKETS = 330;
    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final LongAdder sumNanos = new LongAdder();

    public void record(long nanos) {
        sumNanos.add(Math.max(0, nanos));
        double micros = nanos / 1000.0;
        int b = micros <= MIN_MICROS ? 0 : (int) Math.min(BUCKETS - 1, Math.ceil(Math.log(micros / MIN_MICROS)
                / Math.log(BASE)));
        counts.incrementAndGet(b);
    }

    public long count() {
        long n = 0;
        for (int i = 0; i < BUCKETS; i++) {
            n += counts.get(i);
        }
        return n;
    }

    /** All latencies recorded, added up, in seconds (a Prometheus summary's {@code _sum}). */
    public double sumSeconds() {
        return sumNanos.sum() / 1e9;
    }

    /** The {@code p}-th percentile (0..100) in milliseconds (the bucket's upper bound), or 0 with no samples. */
    public double percentileMillis(double p) {
        long n = count();
        if (n == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(p / 100.0 * n);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return MIN_MICROS * Math.pow(BASE, i) / 1000.0;
            }
        }
        return MIN_MICROS * Math.pow(BASE, BUCKETS - 1) / 1000.0;
    }
}
