package io.cfsync.report.metrics;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The Prometheus text exposition format (version 0.0.4): what node_exporter's textfile collector and the
 * Pushgateway read, and {@code promtool check metrics} lints. No {@code _created} series: they are OpenMetrics
 * metadata that the plain format shows as extra gauges. Thread-safe.
 */
final class TextFormat {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final PrometheusTextFormatWriter WRITER =
            PrometheusTextFormatWriter.builder().setIncludeCreatedTimestamps(false).build();

    private TextFormat() {
    }

    static byte[] bytes(MetricSnapshots metrics) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            WRITER.write(out, metrics);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return out.toByteArray();
    }
}
