package io.cfsync.report.metrics;

import io.cfsync.report.Snapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A run's metrics, kept up to date while it goes on: every {@link MetricsTarget#every} on a thread of its own
 * (so a slow disk or a Pushgateway that is down never slows sending), and once more when it ended, with its exit
 * code and, after a clean run, {@code cf_sync_last_success_timestamp_seconds}. A write or push that fails is said
 * once in a note and tried again at the next interval; it never fails the run. Thread-safe.
 */
public final class Metrics implements AutoCloseable {
    private final MetricsTarget target;
    private final String destination;
    private final Instant startedAt;
    private final Supplier<Snapshot> source;
    private final Consumer<String> notes;
    private final MetricsFile file;
    private final Pushgateway gateway;
    private final Instant earlierSuccess;
    private final ScheduledExecutorService timer;
    private boolean fileTrouble;
    private boolean pushTrouble;
    private boolean ended;

    private Metrics(MetricsTarget target, String destination, Instant startedAt, Supplier<Snapshot> source,
                    Consumer<String> notes) {
        this.target = target;
        this.destination = destination;
        this.startedAt = startedAt;
        this.source = source;
        this.notes = notes;
        this.file = target.file() == null ? null : new MetricsFile(target.file());
        this.gateway = target.pushgateway() == null ? null
                : new Pushgateway(target.pushgateway(), target.job(), target.grouping());
        this.earlierSuccess = file == null ? null : file.lastSuccess();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cf-sync-metrics");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts keeping the metrics of {@code source} for {@code target}; the first write is at once.
     *
     * @param notes where a failed write or push is said, once (a line without the {@code cf-sync: } prefix)
     */
    public static Metrics start(MetricsTarget target, String destination, Instant startedAt,
                                Supplier<Snapshot> source, Consumer<String> notes) {
        Metrics m = new Metrics(target, destination, startedAt, source, notes);
        long every = target.every().toMillis();
        m.timer.scheduleWithFixedDelay(m::tick, 0, every, TimeUnit.MILLISECONDS);
        return m;
    }

    private void tick() {
        try {
            publish(RunMetrics.of(destination, startedAt, source.get(), null));
        } catch (RuntimeException e) {
            // A figure that cannot be read now is read again at the next interval.
        }
    }

    /** Writes and pushes the run's last figures, with how it ended. Later calls do nothing. */
    public void finish(Snapshot last, int exitCode) {
        stopTimer();
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            Instant now = Instant.now();
            Instant success = exitCode == 0 ? now : earlierSuccess;
            publish(RunMetrics.of(destination, startedAt, last, new RunMetrics.End(exitCode, now, success)));
        }
    }

    private synchronized void publish(MetricSnapshots metrics) {
        if (ended && metrics.stream().noneMatch(m -> m.getMetadata().getName().equals("cf_sync_run_exit_code"))) {
            return; // a tick that lost the race with the end must not overwrite it
        }
        byte[] text = TextFormat.bytes(metrics);
        if (file != null) {
            try {
                file.write(text);
                fileTrouble = false;
            } catch (IOException | RuntimeException e) {
                if (!fileTrouble) {
                    notes.accept("cannot write the metrics file " + file.path() + " (" + e.getMessage()
                            + "); trying again at the next interval");
                }
                fileTrouble = true;
            }
        }
        if (gateway != null) {
            try {
                gateway.push(text);
                pushTrouble = false;
            } catch (IOException | RuntimeException e) {
                if (!pushTrouble) {
                    notes.accept("cannot push the metrics to the Pushgateway at " + gateway.where() + " ("
                            + reason(e) + "); the run goes on, trying again at the next interval");
                }
                pushTrouble = true;
            }
        }
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private void stopTimer() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(Pushgateway.ANSWER.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the timer without a last write (a run that ended without an outcome). */
    @Override
    public void close() {
        stopTimer();
    }
}
