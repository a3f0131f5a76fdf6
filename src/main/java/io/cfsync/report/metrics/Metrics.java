package io.cfsync.report.metrics;

import io.cfsync.report.Snapshot;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A run's metrics, kept up to date while it goes on: every {@link MetricsTarget#every} on a thread of its own
 * (so a slow disk or a Pushgateway that is down never slows sending), and once more when it ended, with its exit
 * code and, after a clean run, {@code cf_sync_last_success_timestamp_seconds}. A write or push that fails is said
 * once in a note and tried again at the next interval; it never fails the run, and a Pushgateway that is down
 * (refusing connections) costs it no time. Thread-safe.
 */
public final class Metrics implements AutoCloseable {
    /** Longest the end of a run waits for its last push. */
    static final Duration FINAL_WAIT = Duration.ofSeconds(3);

    private final MetricsTarget target;
    private final String destination;
    private final Instant startedAt;
    private final Supplier<Snapshot> source;
    private final Consumer<String> notes;
    private final MetricsFile file;
    private final Pushgateway gateway;
    private final Instant earlierSuccess;
    private final ScheduledExecutorService timer;
    private volatile ScheduledFuture<?> periodic;
    private boolean fileTrouble;
    /** Touched on the timer's thread only. */
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
        m.periodic = m.timer.scheduleWithFixedDelay(m::tick, 0, every, TimeUnit.MILLISECONDS);
        return m;
    }

    private void tick() {
        try {
            byte[] text = TextFormat.bytes(RunMetrics.of(destination, startedAt, source.get(), null));
            if (writeFile(text, false)) {
                push(text);
            }
        } catch (RuntimeException e) {
            // A figure that cannot be read now is read again at the next interval.
        }
    }

    /**
     * Writes and pushes the run's last figures, with how it ended. The push waits at most {@link #FINAL_WAIT} (a
     * Pushgateway that accepts connections and never answers holds the end of a run no longer); later calls do
     * nothing.
     */
    public void finish(Snapshot last, int exitCode) {
        if (periodic != null) {
            periodic.cancel(false);
        }
        Instant now = Instant.now();
        Instant success = exitCode == 0 ? now : earlierSuccess;
        byte[] text = TextFormat.bytes(RunMetrics.of(destination, startedAt, last,
                new RunMetrics.End(exitCode, now, success)));
        if (writeFile(text, true) && gateway != null) {
            // On the timer's thread, after any push still under way, so the last push is always this one.
            Future<?> f = timer.submit(() -> push(text));
            try {
                f.get(FINAL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                notes.accept("the Pushgateway at " + gateway.where() + " did not answer within "
                        + FINAL_WAIT.toSeconds() + "s; the run's last figures were not pushed");
            } catch (ExecutionException e) {
                // push() says its own failures
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        timer.shutdownNow();
    }

    /**
     * Writes the metrics file (when there is one) unless the run ended; {@code last} marks the end. Returns whether
     * this figure is still the one to publish.
     */
    private synchronized boolean writeFile(byte[] text, boolean last) {
        if (ended) {
            return false; // a tick that lost the race with the end must not overwrite it
        }
        ended = last;
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
        return true;
    }

    /** Pushes {@code text}; called on the timer's thread only. */
    private void push(byte[] text) {
        if (gateway == null) {
            return;
        }
        try {
            gateway.push(text);
            pushTrouble = false;
        } catch (IOException | RuntimeException e) {
            if (!pushTrouble) {
                notes.accept("cannot push the metrics to the Pushgateway at " + gateway.where() + " (" + reason(e)
                        + "); the run goes on, trying again at the next interval");
            }
            pushTrouble = true;
        }
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** Stops the timer without a last write (a run that ended without an outcome). */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
