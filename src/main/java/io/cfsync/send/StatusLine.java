package io.cfsync.send;

import io.cfsync.report.Durations;
import io.cfsync.report.RunStats;
import io.cfsync.send.rate.Pacings;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The figures of an HTTP sink's progress line, read from the run's counters, the input gauge and the clock. The
 * rate is events settled (delivered or dead-lettered) per second over about the last ten seconds, or since the
 * previous line when lines are further apart, so it follows the vendor's pace rather than the run's average.
 * Thread-safe.
 */
final class StatusLine {
    static final long RATE_WINDOW_MILLIS = 10_000;

    /**
     * One reading.
     *
     * @param elapsedMillis   since the sink started
     * @param bytesRead       bytes of input read, as stored
     * @param bytesTotal      bytes of all inputs, or -1 when unknown
     * @param eventsPerSecond events settled per second lately
     * @param holdUp          why sending is held back (a 429 pause, a failing vendor), or null
     */
    record Figures(Instant at, long elapsedMillis, long bytesRead, long bytesTotal, double eventsPerSecond,
                   long delivered, long deadLettered, long requests, long queued, String file, String holdUp) {
        /** Percent of the input read, or -1 when the total is unknown. */
        int percent() {
            if (bytesTotal < 0) {
                return -1;
            }
            return bytesTotal == 0 ? 100 : (int) Math.min(100, bytesRead * 100 / bytesTotal);
        }

        /**
         * Time left, or null when it cannot be told (nothing read yet, no total, or events queued and none settled
         * lately): the input not read yet at the reading pace so far, plus the events read and still queued at the
         * recent sending pace. Reading runs ahead of sending by the queue, which on a small input is most of it.
         */
        Duration eta() {
            if (bytesTotal < 0 || bytesRead <= 0 || elapsedMillis <= 0) {
                return null;
            }
            long left = Math.max(0, bytesTotal - bytesRead);
            double millis = (double) elapsedMillis * left / bytesRead;
            if (queued > 0) {
                if (eventsPerSecond <= 0) {
                    return null;
                }
                millis += queued * 1000.0 / eventsPerSecond;
            }
            return Duration.ofMillis((long) millis);
        }
    }

    private final RunStats stats;
    private final LongSupplier queued;
    private final Supplier<String> holdUp;
    private final InputGauge input;
    private final InstantSource clock;
    private final LongSupplier nanoTime;
    private final long startMillis;
    /** (time, events settled) pairs: the oldest is the newest one at least a window old. */
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();

    StatusLine(RunStats stats, LongSupplier queued, Resilience resilience, InputGauge input) {
        this(stats, queued, () -> holdUp(resilience), input, InstantSource.system(), System::nanoTime);
    }

    /**
     * @param holdUp   says why sending is held back, or gives null
     * @param clock    the time printed on a line (a date)
     * @param nanoTime as {@link System#nanoTime()}: the elapsed time and the rate, which a stepped wall clock would
     *                 bend
     */
    StatusLine(RunStats stats, LongSupplier queued, Supplier<String> holdUp, InputGauge input, InstantSource clock,
               LongSupplier nanoTime) {
        this.stats = stats;
        this.queued = queued;
        this.holdUp = holdUp;
        this.input = input;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.startMillis = monoMillis();
        samples.add(new long[] {startMillis, 0});
    }

    synchronized Figures next() {
        Instant at = clock.instant();
        long now = monoMillis();
        long delivered = stats.delivered.sum();
        long dead = stats.deadLettered.total();
        long settled = delivered + dead;
        while (samples.size() > 1) {
            java.util.Iterator<long[]> it = samples.iterator();
            it.next();
            if (now - it.next()[0] < RATE_WINDOW_MILLIS) {
                break;
            }
            samples.removeFirst();
        }
        long[] first = samples.peekFirst();
        double rate = now > first[0] ? (settled - first[1]) * 1000.0 / (now - first[0]) : 0;
        samples.addLast(new long[] {now, settled});
        InputGauge.Reading r = input.now();
        return new Figures(at, now - startMillis, r.bytesRead(), r.bytesTotal(), rate, delivered, dead,
                stats.httpRequests.sum(), queued.getAsLong(), r.file(), holdUp.get());
    }

    private long monoMillis() {
        return nanoTime.getAsLong() / 1_000_000;
    }

    private static String holdUp(Resilience resilience) {
        Duration pause = resilience.pausedFor();
        if (!pause.isZero()) {
            return "paused " + Durations.format(pause) + " (429)";
        }
        String rate = Pacings.note(resilience.pacing().figures()).replaceFirst("^, ", "");
        String failing = resilience.circuitOpen() ? "vendor failing: holding back" : null;
        return rate.isEmpty() ? failing : failing == null ? rate : rate + ", " + failing;
    }
}
