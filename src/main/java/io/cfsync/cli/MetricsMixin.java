package io.cfsync.cli;

import io.cfsync.pipeline.Shard;
import io.cfsync.report.metrics.MetricsTarget;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --metrics-file}, {@code --pushgateway}, {@code --pushgateway-job}: where a run's metrics go. */
final class MetricsMixin {
    @Option(names = "--metrics-file", paramLabel = "FILE",
            description = "Keep the run's metrics in FILE, in the Prometheus text format (for node_exporter's "
                    + "textfile collector: name it *.prom in its folder), rewritten whole every "
                    + "--progress-interval and at the end.")
    Path metricsFile;

    @Option(names = "--pushgateway", paramLabel = "URL",
            description = "Push the run's metrics to the Prometheus Pushgateway at URL (e.g. "
                    + "http://pushgateway:9091) every --progress-interval and at the end, grouped by job and "
                    + "instance (this host, the destination and the shard); "
                    + "cf_sync_last_success_timestamp_seconds only after a run that exits 0. A Pushgateway that "
                    + "cannot be reached never fails or slows the run.")
    String pushgateway;

    @Option(names = "--pushgateway-job", paramLabel = "NAME", defaultValue = MetricsTarget.DEFAULT_JOB,
            description = "The job label of the pushed metrics (default: ${DEFAULT-VALUE}).")
    String job = MetricsTarget.DEFAULT_JOB;

    /** Where the metrics go, for {@code destination} and {@code shard}; written or pushed every {@code every}. */
    MetricsTarget target(String destination, Shard shard, Duration every) {
        OutputPaths.check("--metrics-file", metricsFile);
        if (metricsFile != null && io.cfsync.report.OutputFile.isStdout(metricsFile)) {
            throw new UsageException("--metrics-file needs a file name: the file is replaced whole at each write");
        }
        if (job.isBlank()) {
            throw new UsageException("--pushgateway-job must not be empty");
        }
        URI url = pushgateway == null ? null : url(pushgateway);
        String instance = host() + "-" + destination + (shard.count() > 1 ? "-shard" + shard.index() + "of"
                + shard.count() : "");
        return new MetricsTarget(metricsFile, url, job, Map.of("instance", instance), every);
    }

    private static URI url(String s) {
        try {
            URI u = new URI(s.trim());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null && u.getQuery() == null) {
                return u;
            }
        } catch (URISyntaxException e) {
            // said below
        }
        throw new UsageException("--pushgateway needs a URL such as http://pushgateway:9091, not '"
                + s.replaceAll("//[^/@]*@", "//<redacted>@") + "'");
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException | SecurityException e) {
            return "localhost";
        }
    }
}
