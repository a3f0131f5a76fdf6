package io.cfsync.report.metrics;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where a run's metrics go. Immutable.
 *
 * @param file        the textfile to keep up to date, or null
 * @param pushgateway the Pushgateway's base URL, or null
 * @param job         the Pushgateway's {@code job} label
 * @param grouping    the rest of the grouping key, in order (normally {@code instance})
 * @param every       time between two writes or pushes while the run goes on
 */
public record MetricsTarget(Path file, URI pushgateway, String job, Map<String, String> grouping, Duration every) {
    /** The job name when none is given. */
    public static final String DEFAULT_JOB = "cf-sync";
    /** No metrics. */
    public static final MetricsTarget NONE = new MetricsTarget(null, null, DEFAULT_JOB, Map.of(), Duration.ofSeconds(30));

    public MetricsTarget {
        Objects.requireNonNull(job);
        grouping = Map.copyOf(grouping);
        Objects.requireNonNull(every);
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("the time between metrics writes must be positive");
        }
    }

    /** Whether any metrics are asked for. */
    public boolean any() {
        return file != null || pushgateway != null;
    }
}
