package io.cfsync.pipeline;

import io.cfsync.input.ReadMeter;
import io.cfsync.report.InputGauge;
import io.cfsync.report.RunStats;
import io.cfsync.report.Snapshot;
import io.cfsync.report.metrics.Metrics;
import io.cfsync.report.metrics.MetricsTarget;
import io.cfsync.send.Sink;
import java.io.PrintStream;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * A send run's live figures in one place: its counters, how far reading got and what the sink says, taken as one
 * {@link Snapshot} for the metrics; and the metrics themselves, started once the sink is open and finished with the
 * run's exit code. Thread-safe.
 */
final class RunFigures implements AutoCloseable {
    private final RunStats stats;
    private final ReadMeter meter;
    private final long startNanos;
    private volatile Sink sink;
    private volatile boolean readAll;
    private Metrics metrics;

    RunFigures(RunStats stats, ReadMeter meter, long startNanos) {
        this.stats = stats;
        this.meter = meter;
        this.startNanos = startNanos;
    }

    /** How far reading got, as the progress display and the metrics show it. */
    InputGauge.Reading reading() {
        return new InputGauge.Reading(meter.read(), meter.total(), meter.file(), meter.items());
    }

    Snapshot now() {
        Sink s = sink;
        Snapshot.Sending sending = s == null ? Snapshot.Sending.IDLE : s.sending();
        return Snapshot.take(stats, reading(), readAll ? sending.readAll() : sending,
                (System.nanoTime() - startNanos) / 1_000_000);
    }

    /** Starts the metrics {@code target} asks for, reading {@code opened}; notes go to {@code err}, redacted. */
    void start(Sink opened, MetricsTarget target, String destination, Instant startedAt, PrintStream err,
               UnaryOperator<String> redact) {
        this.sink = opened;
        if (target.any()) {
            metrics = Metrics.start(target, destination, startedAt, this::now,
                    n -> err.println(redact.apply("cf-sync: " + n)));
        }
    }

    /** Every item was read and handed on, or will not be. */
    void readingEnded() {
        readAll = true;
    }

    /** The last write of the metrics, with the run's exit code. */
    void finish(int exitCode) {
        if (metrics != null) {
            metrics.finish(now(), exitCode);
        }
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
        }
    }
}
