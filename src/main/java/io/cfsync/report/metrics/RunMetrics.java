package io.cfsync.report.metrics;

import io.cfsync.report.Snapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's {@link Snapshot} as Prometheus metrics, named by Prometheus's conventions ({@code cf_sync_} prefix,
 * {@code _total} counters, base units). Every series carries {@code destination}; the other labels take values
 * from fixed sets ({@code outcome}, {@code status_class}) or the run's own reason words ({@link Reasons}), never
 * event data or a secret. Stateless.
 */
final class RunMetrics {
    static final String LAST_SUCCESS = "cf_sync_last_success_timestamp_seconds";

    /**
     * How a run ended, for the last write of its metrics.
     *
     * @param exitCode    the process exit code
     * @param endedAt     when it ended
     * @param lastSuccess when a run last ended with exit code 0 (this one, or an earlier one), or null if unknown
     */
    record End(int exitCode, Instant endedAt, Instant lastSuccess) {
    }

    private RunMetrics() {
    }

    /**
     * The metrics of {@code s}; with {@code end}, those of a finished run (exit code, end time, last success).
     *
     * @param startedAt when the run started
     */
    static MetricSnapshots of(String destination, Instant startedAt, Snapshot s, End end) {
        Labels dest = Labels.of("destination", destination);
        List<MetricSnapshot> all = new ArrayList<>();
        Snapshot.Counts c = s.counts();
        all.add(counter("cf_sync_events_read", "Items (events, blank or unreadable lines) read from the input.",
                Map.of(dest, (double) s.input().items())));
        Map<Labels, Double> outcomes = new LinkedHashMap<>();
        outcomes.put(dest.add("outcome", "delivered"), (double) c.delivered());
        outcomes.put(dest.add("outcome", "skipped"), (double) c.skipped());
        outcomes.put(dest.add("outcome", "dead_lettered"), (double) c.deadLettered());
        outcomes.put(dest.add("outcome", "compacted"), (double) c.compacted());
        all.add(counter("cf_sync_events", "Items settled, by outcome: delivered, skipped, dead_lettered, "
                + "compacted (merged into a later identify that was delivered).", outcomes));
        all.add(counter("cf_sync_events_skipped", "Items skipped, by reason.", byReason(dest, c.skippedBy())));
        all.add(counter("cf_sync_events_dead_lettered", "Items dead-lettered, by reason.",
                byReason(dest, c.deadLetteredBy())));
        all.add(gauge("cf_sync_events_pending", "Events the next run sends again (stopped before they settled).",
                dest, c.pending()));
        all.add(gauge("cf_sync_events_in_flight", "Events handed to the sender and not settled yet.", dest,
                s.sending().inFlight()));
        http(all, dest, s.http());
        sending(all, dest, s);
        run(all, dest, startedAt, s, end);
        return new MetricSnapshots(all);
    }

    private static void http(List<MetricSnapshot> all, Labels dest, Snapshot.Http h) {
        Map<String, Long> classes = new LinkedHashMap<>();
        for (String k : List.of("2xx", "3xx", "4xx", "5xx", "none")) {
            classes.put(k, 0L);
        }
        h.byStatus().forEach((status, n) -> classes.merge(statusClass(status), n, Long::sum));
        Map<Labels, Double> requests = new LinkedHashMap<>();
        classes.forEach((k, n) -> requests.put(dest.add("status_class", k), (double) n));
        all.add(counter("cf_sync_http_requests", "HTTP requests sent (every attempt), by the class of their "
                + "answer's status; none: no answer (timeout, connection error).", requests));
        all.add(counter("cf_sync_http_throttled", "Answers 429 Too Many Requests.",
                Map.of(dest, (double) h.throttled())));
        all.add(counter("cf_sync_http_retries", "Requests that repeated an earlier attempt.",
                Map.of(dest, (double) h.retries())));
        Snapshot.Latency l = h.latency();
        all.add(SummarySnapshot.builder().name("cf_sync_http_request_duration_seconds")
                .help("Time from a request leaving to its answer.")
                .dataPoint(SummaryDataPointSnapshot.builder().labels(dest).count(l.count()).sum(l.sumSeconds())
                        .quantiles(Quantiles.of(new Quantile(0.5, l.p50() / 1000), new Quantile(0.9, l.p90() / 1000),
                                new Quantile(0.99, l.p99() / 1000)))
                        .build())
                .build());
    }

    private static void sending(List<MetricSnapshot> all, Labels dest, Snapshot s) {
        Snapshot.Sending x = s.sending();
        all.add(gauge("cf_sync_rate_limit_requests_per_second", "Requests per second the sender allows itself now "
                + "(lower than the ceiling while 429s keep it down); +Inf for no limit.", dest, x.rate()));
        all.add(gauge("cf_sync_rate_ceiling_requests_per_second", "The most requests per second allowed (--rate); "
                + "+Inf for no limit.", dest, x.ceiling()));
        all.add(gauge("cf_sync_paused", "1 while sending is paused by a 429, else 0.", dest,
                x.pausedFor().isZero() ? 0 : 1));
        all.add(gauge("cf_sync_circuit_open", "1 while sending is held back because the vendor keeps failing, "
                + "else 0.", dest, x.circuitOpen() ? 1 : 0));
        all.add(gauge("cf_sync_input_read_bytes", "Bytes of input read, as stored (before gunzip).", dest,
                s.input().bytesRead()));
        if (s.input().bytesTotal() >= 0) {
            all.add(gauge("cf_sync_input_size_bytes", "Bytes of all inputs, as stored.", dest,
                    s.input().bytesTotal()));
        }
    }

    private static void run(List<MetricSnapshot> all, Labels dest, Instant startedAt, Snapshot s, End end) {
        all.add(gauge("cf_sync_run_start_timestamp_seconds", "When the run started, in seconds since the epoch.",
                dest, seconds(startedAt)));
        all.add(gauge("cf_sync_run_duration_seconds", "How long the run has been sending.", dest,
                s.elapsedMillis() / 1000.0));
        all.add(gauge("cf_sync_run_in_progress", "1 while the run goes on, 0 once it ended.", dest,
                end == null ? 1 : 0));
        if (end == null) {
            return;
        }
        all.add(gauge("cf_sync_run_exit_code", "The exit code of the run that ended last (0: complete).", dest,
                end.exitCode()));
        all.add(gauge("cf_sync_run_end_timestamp_seconds", "When the run that ended last ended, in seconds since "
                + "the epoch.", dest, seconds(end.endedAt())));
        if (end.lastSuccess() != null) {
            all.add(gauge(LAST_SUCCESS, "When a run last ended with exit code 0, in seconds since the epoch.", dest,
                    seconds(end.lastSuccess())));
        }
    }

    /** {@code 2xx} .. {@code 5xx} for a status code; {@code none} when no answer came (a timeout, ...). */
    static String statusClass(String status) {
        if (status.length() == 3 && status.charAt(0) >= '1' && status.charAt(0) <= '5'
                && Character.isDigit(status.charAt(1)) && Character.isDigit(status.charAt(2))) {
            return status.charAt(0) == '1' ? "none" : status.charAt(0) + "xx";
        }
        return "none";
    }

    private static Map<Labels, Double> byReason(Labels dest, Map<String, Long> counts) {
        Map<Labels, Double> out = new LinkedHashMap<>();
        Reasons.bounded(counts).forEach((reason, n) -> out.put(dest.add("reason", reason), (double) n));
        return out;
    }

    private static double seconds(Instant t) {
        return t.toEpochMilli() / 1000.0;
    }

    private static CounterSnapshot counter(String name, String help, Map<Labels, Double> points) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        points.forEach((labels, v) -> b.dataPoint(CounterDataPointSnapshot.builder().labels(labels).value(v).build()));
        return b.build();
    }

    private static GaugeSnapshot gauge(String name, String help, Labels labels, double value) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(value).build()).build();
    }
}
