package io.cfsync.report;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.Supplier;

/**
 * The figures of a progress line, read from the run's {@link Snapshot}. The rate is items settled (delivered,
 * dead-lettered, skipped) per second over about the last five seconds, or since the previous line when lines are
 * further apart, so it follows the vendor's pace rather than the run's average; the percentage and the time left
 * count settled items against the total known, never the bytes read, which run ahead of sending. Thread-safe.
 */
final class StatusLine {
    static final long RATE_WINDOW_MILLIS = 5_000;

    /**
     * One reading.
     *
     * @param now             the run's figures
     * @param eventsPerSecond items settled per second lately
     */
    record Figures(Snapshot now, double eventsPerSecond) {
        /** Percent of all items settled, or -1 when the total is unknown. */
        int percent() {
            return now.percent();
        }

        long settled() {
            return now.counts().settled();
        }

        /**
         * Time left, or null when it cannot be told (no total yet, nothing settled lately): the items not settled yet
         * at the recent settling pace.
         */
        Duration eta() {
            long total = now.totalEstimate();
            if (total < 0) {
                return null;
            }
            long left = Math.max(0, total - settled());
            if (left == 0) {
                return now.percent() == 100 ? Duration.ZERO : null;
            }
            return eventsPerSecond <= 0 ? null : Duration.ofMillis((long) (left * 1000.0 / eventsPerSecond));
        }

        /** Why sending is held back (a 429 pause, a lowered rate, a failing vendor), or null. */
        String holdUp() {
            Snapshot.Sending s = now.sending();
            if (!s.pausedFor().isZero()) {
                return "paused " + Durations.format(s.pausedFor()) + " (429)";
            }
            String rate = s.rate() < s.ceiling() ? "rate " + RunStats.Rate.perSecond(s.rate()) + " (lowered by 429s)"
                    : null;
            String failing = s.circuitOpen() ? "vendor failing: holding back" : null;
            return rate == null ? failing : failing == null ? rate : rate + ", " + failing;
        }
    }

    private final Supplier<Snapshot> source;
    /** (elapsed millis, items settled) pairs: the oldest is the newest one at least a window old. */
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();

    /** @param source the run's figures now; its elapsed time is on the monotonic clock */
    StatusLine(Supplier<Snapshot> source) {
        this.source = source;
        samples.add(new long[] {0, 0});
    }

    synchronized Figures next() {
        Snapshot s = source.get();
        long now = s.elapsedMillis();
        long settled = s.counts().settled();
        while (samples.size() > 1) {
            Iterator<long[]> it = samples.iterator();
            it.next();
            if (now - it.next()[0] < RATE_WINDOW_MILLIS) {
                break;
            }
            samples.removeFirst();
        }
        long[] first = samples.peekFirst();
        double rate = now > first[0] ? (settled - first[1]) * 1000.0 / (now - first[0]) : 0;
        samples.addLast(new long[] {now, settled});
        return new Figures(s, rate);
    }
}
