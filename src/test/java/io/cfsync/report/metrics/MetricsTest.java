package io.cfsync.report.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.report.InputGauge;
import io.cfsync.report.RunStats;
import io.cfsync.report.Snapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics a run writes, read as an operator's Prometheus would: conventional names with HELP and TYPE, labels
 * from fixed sets only, the last success written by a clean run and carried through a failing one.
 */
@Timeout(20)
class MetricsTest {
    private static final Instant START = Instant.parse("2026-03-05T02:15:00Z");

    @TempDir
    Path tmp;

    private static Snapshot snapshot(RunStats stats) {
        return Snapshot.take(START.plusSeconds(10), stats, new InputGauge.Reading(1000, 2000, "in.ndjson", 12),
                new Snapshot.Sending(4, 30, 30, Duration.ZERO, false, false), 10_000);
    }

    private static String text(Snapshot s, RunMetrics.End end) {
        return new String(TextFormat.bytes(RunMetrics.of("customerio", START, s, end)), StandardCharsets.UTF_8);
    }

    @Test
    void everyMetricHasHelpTypeAndAConventionalName() {
        RunStats stats = new RunStats();
        stats.delivered.add(7);
        stats.httpStatus.add("200", 7);
        stats.httpStatus.add("429", 2);
        stats.httpStatus.add("timeout", 1);
        stats.httpRequests.add(10);
        String t = text(snapshot(stats), null);
        List<String> families = new ArrayList<>();
        for (String l : t.split("\n")) {
            if (l.startsWith("# TYPE ")) {
                families.add(l.split(" ")[2]);
            }
        }
        assertTrue(families.size() >= 17, families.toString());
        for (String f : families) {
            assertTrue(f.matches("cf_sync_[a-z_]+"), f);
            assertTrue(t.contains("# HELP " + f + " "), "HELP for " + f);
        }
        assertTrue(t.contains("# TYPE cf_sync_events_total counter"), t);
        assertTrue(t.contains("cf_sync_events_total{destination=\"customerio\",outcome=\"delivered\"} 7.0"), t);
        assertTrue(t.contains("cf_sync_http_requests_total{destination=\"customerio\",status_class=\"2xx\"} 7.0"), t);
        assertTrue(t.contains("cf_sync_http_requests_total{destination=\"customerio\",status_class=\"4xx\"} 2.0"), t);
        assertTrue(t.contains("cf_sync_http_requests_total{destination=\"customerio\",status_class=\"none\"} 1.0"), t);
        assertTrue(t.contains("cf_sync_http_throttled_total{destination=\"customerio\"} 2.0"), t);
        assertTrue(t.contains("cf_sync_run_in_progress{destination=\"customerio\"} 1.0"), t);
        assertFalse(t.contains("_created"), "no OpenMetrics metadata in the plain format");
        assertFalse(t.contains("cf_sync_run_exit_code"), "no exit code while the run goes on");
        assertFalse(t.contains(RunMetrics.LAST_SUCCESS), t);
    }

    @Test
    void reasonsAreWordsFromABoundedSet() {
        Map<String, Long> counts = new TreeMap<>();
        counts.put("http-400", 3L);
        counts.put("user@example.com said \"no\"", 1L);
        for (int i = 0; i < 60; i++) {
            counts.put("reason-" + (100 + i), 1L);
        }
        Map<String, Long> b = Reasons.bounded(counts);
        assertTrue(b.size() <= Reasons.MAX + 1, b.toString());
        assertEquals(3L, b.get("http-400"));
        assertFalse(b.keySet().stream().anyMatch(k -> k.contains("@")), b.toString());
        assertEquals(counts.values().stream().mapToLong(Long::longValue).sum(),
                b.values().stream().mapToLong(Long::longValue).sum(), "nothing dropped, only folded into other");
    }

    @Test
    void aCleanRunWritesItsSuccessAndAFailingOneKeepsTheEarlierOne() throws IOException {
        Path prom = tmp.resolve("cf-sync.prom");
        RunStats stats = new RunStats();
        Metrics clean = Metrics.start(new MetricsTarget(prom, null, "cf-sync", Map.of(), Duration.ofHours(1)),
                "customerio", START, () -> snapshot(stats), n -> { });
        clean.finish(snapshot(stats), 0);
        String first = Files.readString(prom);
        assertTrue(first.contains("cf_sync_run_exit_code{destination=\"customerio\"} 0.0"), first);
        String success = first.lines().filter(l -> l.startsWith(RunMetrics.LAST_SUCCESS + "{")).findFirst()
                .orElseThrow();

        Metrics failing = Metrics.start(new MetricsTarget(prom, null, "cf-sync", Map.of(), Duration.ofHours(1)),
                "customerio", START, () -> snapshot(stats), n -> { });
        failing.finish(snapshot(stats), 1);
        String second = Files.readString(prom);
        assertTrue(second.contains("cf_sync_run_exit_code{destination=\"customerio\"} 1.0"), second);
        assertTrue(second.contains(success), "the last success stands: " + second);
        assertTrue(second.contains("cf_sync_run_in_progress{destination=\"customerio\"} 0.0"), second);
    }

    @Test
    void aPushgatewayPathCarriesAnyLabelValue() {
        assertEquals("/instance/web1-customerio", Pushgateway.segment("instance", "web1-customerio"));
        assertEquals("/job/nightly%20sync", Pushgateway.segment("job", "nightly sync"));
        assertEquals("/instance@base64/YS9i", Pushgateway.segment("instance", "a/b"));
        assertEquals("/instance@base64/=", Pushgateway.segment("instance", ""));
    }
}
