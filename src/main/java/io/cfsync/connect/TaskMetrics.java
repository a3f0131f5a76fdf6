package io.cfsync.connect;

import io.cfsync.report.Snapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * The task's figures as Kafka metrics, registered through {@link SinkTaskContext#pluginMetrics()} (Kafka 4.1 and
 * later), so the worker shows them over JMX with the connector and task as tags, beside its own task metrics.
 * Every value is read from the task's {@link Snapshot}, taken at most once per {@value #FRESH_MILLIS} ms however
 * many attributes a JMX client reads. On an older worker nothing is registered and the task runs as before.
 * <p>A restarted task can start while its previous instance is still stopping (the worker gives up waiting after
 * {@code task.shutdown.graceful.timeout.ms}), and the worker's registry holds one metric per name and tags: the
 * figures the previous instance still holds are registered by {@link #retry} once it lets them go, instead of
 * failing the new task. Thread-safe.
 */
final class TaskMetrics implements AutoCloseable {
    static final long FRESH_MILLIS = 500;

    /** One figure: its name, what it means, how it is read from a snapshot. */
    private record Figure(String name, String help, ToDoubleFunction<Snapshot> value) {
    }

    private static final List<Figure> FIGURES = List.of(
            new Figure("events-delivered-total", "Events the vendor accepted.", s -> s.counts().delivered()),
            new Figure("events-dead-lettered-total", "Events the vendor refused for good (reported as errant).",
                    s -> s.counts().deadLettered()),
            new Figure("events-in-flight", "Events handed to the sender and not settled yet.",
                    s -> s.sending().inFlight()),
            new Figure("http-requests-total", "HTTP requests sent (every attempt).", s -> s.http().requests()),
            new Figure("http-throttled-total", "Answers 429 Too Many Requests.", s -> s.http().throttled()),
            new Figure("http-retries-total", "Requests that repeated an earlier attempt.", s -> s.http().retries()),
            new Figure("http-request-duration-p50-seconds", "Median request latency.",
                    s -> s.http().latency().p50() / 1000),
            new Figure("http-request-duration-p99-seconds", "99th percentile request latency.",
                    s -> s.http().latency().p99() / 1000),
            new Figure("rate-limit-requests-per-second", "Requests per second allowed now (+Inf: no limit).",
                    s -> s.sending().rate()),
            new Figure("rate-ceiling-requests-per-second", "The most requests per second allowed (+Inf: no limit).",
                    s -> s.sending().ceiling()),
            new Figure("paused", "1 while sending is paused by a 429.", s -> s.sending().pausedFor().isZero() ? 0 : 1),
            new Figure("circuit-open", "1 while sending is held back because the vendor keeps failing.",
                    s -> s.sending().circuitOpen() ? 1 : 0));

    private final PluginMetrics metrics;
    private final List<MetricName> names;
    /** Which of {@link #names} this instance registered. */
    private final boolean[] registered = new boolean[FIGURES.size()];
    /** Every figure registered: nothing left for {@link #retry}. */
    private boolean complete;
    private final Supplier<Snapshot> source;
    private Snapshot last;
    private long lastAt;

    private TaskMetrics(PluginMetrics metrics, Supplier<Snapshot> source) {
        this.metrics = metrics;
        this.source = source;
        this.names = FIGURES.stream().map(f -> metrics.metricName(f.name(), f.help(), new LinkedHashMap<>()))
                .toList();
        retry();
    }

    /**
     * Registers the figures not registered yet; true when all of them are. A figure whose name the worker's
     * registry still holds (for this task's previous instance) is left for a later call.
     */
    synchronized boolean retry() {
        if (complete) {
            return true;
        }
        boolean all = true;
        for (int i = 0; i < FIGURES.size(); i++) {
            if (registered[i]) {
                continue;
            }
            ToDoubleFunction<Snapshot> v = FIGURES.get(i).value();
            try {
                metrics.addMetric(names.get(i), (Gauge<Double>) (config, now) -> v.applyAsDouble(fresh(now)));
                registered[i] = true;
            } catch (IllegalArgumentException e) {
                all = false; // held by the previous instance of this task until it stops
            }
        }
        complete = all;
        return all;
    }

    /**
     * Registers the figures of {@code source} with the worker, or returns null where the worker cannot take plugin
     * metrics (Kafka before 4.1: the method or its types are missing).
     */
    static TaskMetrics register(SinkTaskContext context, Supplier<Snapshot> source) {
        try {
            PluginMetrics m = context.pluginMetrics();
            return m == null ? null : new TaskMetrics(m, source);
        } catch (NoSuchMethodError | NoClassDefFoundError | UnsupportedOperationException e) {
            return null;
        }
    }

    private synchronized Snapshot fresh(long nowMillis) {
        if (last == null || nowMillis - lastAt >= FRESH_MILLIS || nowMillis < lastAt) {
            last = source.get();
            lastAt = nowMillis;
        }
        return last;
    }

    @Override
    public synchronized void close() {
        for (int i = 0; i < names.size(); i++) {
            if (!registered[i]) {
                continue;
            }
            registered[i] = false;
            complete = false;
            try {
                metrics.removeMetric(names.get(i));
            } catch (RuntimeException e) {
                // The worker removes a task's plugin metrics itself when the task ends.
            }
        }
    }
}
