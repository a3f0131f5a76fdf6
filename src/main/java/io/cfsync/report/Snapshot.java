package io.cfsync.report;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The live figures of a run at one moment: what the progress display, the metrics (file, Pushgateway, Kafka
 * Connect) show, all read the same way from the run's {@link RunStats}, the input gauge and the sender's state.
 * Every count is of items (an event, or a blank or unreadable line) as {@link RunStats} counts them, so the settled
 * ones add up to the items read once a run is done. Immutable.
 *
 * @param at            when it was taken (a date, for log lines)
 * @param elapsedMillis since the run started sending, on the monotonic clock
 * @param input         how far reading got
 * @param counts        where the items went
 * @param http          what the vendor was asked and answered
 * @param sending       the sender's own state
 */
public record Snapshot(Instant at, long elapsedMillis, InputGauge.Reading input, Counts counts, Http http,
                       Sending sending) {
    public Snapshot {
        Objects.requireNonNull(at);
        Objects.requireNonNull(input);
        Objects.requireNonNull(counts);
        Objects.requireNonNull(http);
        Objects.requireNonNull(sending);
    }

    /**
     * Where the items went.
     *
     * @param pending        events the next run sends again (not attempted, interrupted)
     * @param skippedBy      skipped items by reason (a fixed set of words)
     * @param deadLetteredBy dead-lettered items by reason (a fixed set of words)
     */
    public record Counts(long delivered, long skipped, long deadLettered, long compacted, long pending,
                         Map<String, Long> skippedBy, Map<String, Long> deadLetteredBy) {
        public Counts {
            skippedBy = Map.copyOf(skippedBy);
            deadLetteredBy = Map.copyOf(deadLetteredBy);
        }

        /** Items whose outcome is final: delivered, skipped, dead-lettered or merged into a later call. */
        public long settled() {
            return delivered + skipped + deadLettered + compacted;
        }
    }

    /**
     * Requests and answers.
     *
     * @param requests  every attempt sent
     * @param retries   of those, repeats of an earlier attempt
     * @param byStatus  answers by status code, or by problem ({@code timeout}, ...) when none came
     * @param latency   request latency quantiles, in milliseconds
     */
    public record Http(long requests, long retries, Map<String, Long> byStatus, Latency latency) {
        public Http {
            byStatus = Map.copyOf(byStatus);
        }

        /** Answers that said 429 Too Many Requests. */
        public long throttled() {
            return byStatus.getOrDefault("429", 0L);
        }
    }

    /** Request latencies: count, sum (seconds) and the 50th, 90th and 99th percentiles (milliseconds). */
    public record Latency(long count, double sumSeconds, double p50, double p90, double p99) {
        static Latency of(Latencies l) {
            return new Latency(l.count(), l.sumSeconds(), l.percentileMillis(50), l.percentileMillis(90),
                    l.percentileMillis(99));
        }
    }

    /**
     * What only the sender knows.
     *
     * @param inFlight    events handed to the sender and not settled yet (queued, in flight, waiting for a retry)
     * @param rate        requests per second allowed now; infinite for no limit
     * @param ceiling     the most requests per second allowed ({@code --rate}); infinite for no limit
     * @param pausedFor   how much longer sending is paused by a 429 (zero when it is not)
     * @param circuitOpen whether sending is held back because the vendor keeps failing
     * @param readingDone whether every item the run will send has been handed to the sender
     */
    public record Sending(long inFlight, double rate, double ceiling, Duration pausedFor, boolean circuitOpen,
                          boolean readingDone) {
        /** A sender that sends nothing itself (a dry-run) and has not finished reading. */
        public static final Sending IDLE = new Sending(0, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
                Duration.ZERO, false, false);

        public Sending {
            Objects.requireNonNull(pausedFor);
        }

        /** The same, with reading finished. */
        public Sending readAll() {
            return new Sending(inFlight, rate, ceiling, pausedFor, circuitOpen, true);
        }
    }

    /** The figures of {@code stats} now, with the input and the sender as they are. */
    public static Snapshot take(RunStats stats, InputGauge.Reading input, Sending sending, long elapsedMillis) {
        return take(Instant.now(), stats, input, sending, elapsedMillis);
    }

    /** As {@link #take(RunStats, InputGauge.Reading, Sending, long)}, dated {@code at}. */
    public static Snapshot take(Instant at, RunStats stats, InputGauge.Reading input, Sending sending,
                                long elapsedMillis) {
        Counts counts = new Counts(stats.delivered.sum(), stats.skipped.total(), stats.deadLettered.total(),
                stats.compacted.sum(), stats.pending(), stats.skipped.snapshot(), stats.deadLettered.snapshot());
        Http http = new Http(stats.httpRequests.sum(), stats.retries.sum(), stats.httpStatus.snapshot(),
                Latency.of(stats.latencies));
        return new Snapshot(at, elapsedMillis, input, counts, http, sending);
    }

    /**
     * All the items of the run, or -1 when that cannot be told yet: the items read once reading is done; before
     * that, the items read scaled by the share of bytes read (the input's bytes only decide this estimate).
     */
    public long totalEstimate() {
        long read = input.items();
        if (sending.readingDone()) {
            return Math.max(read, counts.settled());
        }
        if (input.bytesTotal() < 0 || input.bytesRead() <= 0) {
            return -1;
        }
        long est = (long) Math.ceil((double) read * input.bytesTotal() / input.bytesRead());
        return Math.max(est, read);
    }

    /**
     * Percent of the items settled, or -1 when the total is unknown. 100 only when reading is done and every item
     * read is settled, so a bar that says 100% never has anything left to send.
     */
    public int percent() {
        long total = totalEstimate();
        if (total < 0) {
            return -1;
        }
        long settled = counts.settled();
        if (sending.readingDone() && settled >= total) {
            return 100;
        }
        return total == 0 ? 0 : (int) Math.min(99, settled * 100 / total);
    }
}
