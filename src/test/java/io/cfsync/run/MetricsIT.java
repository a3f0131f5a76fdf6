package io.cfsync.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfsync.cli.ExitCodes;
import io.cfsync.testkit.Cli;
import io.cfsync.testkit.PushgatewayProcess;
import io.cfsync.testkit.VendorStub;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's metrics as an operator reads them: pushed to a real Pushgateway (Debian's), or kept in a textfile that
 * {@code promtool} lints, against a vendor on loopback. The figures equal the run report's; a failing run leaves the
 * last success standing; a Pushgateway that is down changes nothing but one note.
 */
@Timeout(120)
class MetricsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "cio-SECRET-k3y-7Q9x";

    @TempDir
    Path tmp;
    VendorStub vendor;

    @BeforeEach
    void start() {
        vendor = new VendorStub();
    }

    @AfterEach
    void stop() {
        vendor.close();
    }

    private Cli.Result send(Path report, String... extra) {
        List<String> args = new ArrayList<>(List.of("send", "--dest", "customerio", "--set", "siteId=site-1",
                "--set", "apiKey=" + KEY, "--base-url", vendor.baseUrl(), "--progress", "none",
                "--dead-letter", tmp.resolve("dead.ndjson").toString(), "--report", report.toString()));
        args.addAll(List.of(extra));
        return Cli.run(new byte[0], Map.of(), args.toArray(new String[0]));
    }

    private static double only(List<Double> values, String what) {
        assertEquals(1, values.size(), what + ": " + values);
        return values.get(0);
    }

    @Test
    void pushedCountsEqualTheReportsOneGroupPerShardAndAFailingRunKeepsTheLastSuccess() throws Exception {
        assumeTrue(PushgatewayProcess.unavailable() == null, PushgatewayProcess.unavailable());
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 300, 37);
        try (PushgatewayProcess gw = new PushgatewayProcess(tmp.resolve("gw"))) {
            JsonNode[] reports = new JsonNode[2];
            for (int shard = 1; shard <= 2; shard++) {
                Path report = tmp.resolve("report-" + shard + ".json");
                Cli.Result r = send(report, "--shard", shard + "/2", "--rate", "unlimited", "--pushgateway",
                        gw.url(), in.toString());
                assertEquals(ExitCodes.OK, r.exit(), r.err());
                assertFalse(r.err().contains("Pushgateway"), r.err());
                reports[shard - 1] = JSON.readTree(Files.readString(report));
            }
            String scrape = gw.scrape();
            assertFalse(scrape.contains(KEY), "no secret in any label or value");
            double[] success = new double[2];
            for (int shard = 1; shard <= 2; shard++) {
                String instance = "instance=\"" + java.net.InetAddress.getLocalHost().getHostName()
                        + "-customerio-shard" + shard + "of2\"";
                JsonNode outcomes = reports[shard - 1].get("outcomes");
                assertEquals(outcomes.get("delivered").asDouble(), only(PushgatewayProcess.values(scrape,
                        "cf_sync_events_total", instance, "job=\"cf-sync\"", "outcome=\"delivered\""), "delivered"));
                assertEquals(outcomes.get("skipped").get("other-shard").asDouble(), only(PushgatewayProcess.values(
                        scrape, "cf_sync_events_skipped_total", instance, "reason=\"other-shard\""), "skipped"));
                assertEquals(reports[shard - 1].get("httpRequests").asDouble(), only(PushgatewayProcess.values(
                        scrape, "cf_sync_http_requests_total", instance, "status_class=\"2xx\""), "requests"));
                assertEquals(0, only(PushgatewayProcess.values(scrape, "cf_sync_run_exit_code", instance), "exit"));
                success[shard - 1] = only(PushgatewayProcess.values(scrape,
                        "cf_sync_last_success_timestamp_seconds", instance), "last success");
            }

            vendor.answer((req, n) -> aResponse().withStatus(400).withBody("{\"meta\":{\"error\":\"bad\"}}").build());
            Path report = tmp.resolve("report-failing.json");
            Cli.Result failing = send(report, "--shard", "1/2", "--rate", "unlimited", "--pushgateway", gw.url(),
                    in.toString());
            assertEquals(ExitCodes.INCOMPLETE, failing.exit(), failing.err());
            String after = gw.scrape();
            String instance1 = "-customerio-shard1of2\"";
            assertEquals(success[0], only(PushgatewayProcess.values(after, "cf_sync_last_success_timestamp_seconds",
                    instance1), "last success after a failing run"), "a failing run leaves the last success standing");
            assertEquals(1, only(PushgatewayProcess.values(after, "cf_sync_run_exit_code", instance1), "exit"));
            long dead = 0;
            for (JsonNode n : JSON.readTree(Files.readString(report)).get("outcomes").get("deadLettered")) {
                dead += n.asLong();
            }
            assertTrue(dead > 0);
            assertEquals((double) dead, only(PushgatewayProcess.values(after, "cf_sync_events_total", instance1,
                    "outcome=\"dead_lettered\""), "dead-lettered"));
            assertEquals(success[1], only(PushgatewayProcess.values(after, "cf_sync_last_success_timestamp_seconds",
                    "-customerio-shard2of2\""), "the other shard"), "another group is untouched");
        }
    }

    @Test
    void aPushgatewayDownForTheWholeRunChangesNothingButOneNote() throws IOException {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 120, 11);
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Cli.Result plain = send(tmp.resolve("plain.json"), "--rate", "60", in.toString());
        int sentPlain = vendor.count();
        Cli.Result r = send(tmp.resolve("down.json"), "--rate", "60", "--progress-interval", "1s", "--pushgateway",
                "http://user:pw-SECRET@127.0.0.1:" + closed, in.toString());
        assertEquals(plain.exit(), r.exit(), r.err());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(plain.out(), r.out());
        assertEquals(120, sentPlain);
        assertEquals(240, vendor.count(), "every event sent again, once");
        List<String> notes = r.err().lines().filter(l -> l.contains("Pushgateway")).toList();
        assertEquals(1, notes.size(), "one note however many intervals: " + r.err());
        assertTrue(notes.get(0).contains("http://127.0.0.1:" + closed), notes.get(0));
        assertFalse(r.err().contains("pw-SECRET"), r.err());
        List<String> rest = r.err().lines().filter(l -> !l.contains("Pushgateway")).map(MetricsIT::noTimes).toList();
        assertEquals(plain.err().lines().map(MetricsIT::noTimes).toList(), rest, "the summary is the same");
    }

    /** A summary line without its durations and rates, which differ between any two runs. */
    private static String noTimes(String line) {
        return line.replaceAll("[\\d,.]*\\d(ms|s|m|h)?", "#");
    }

    @Test
    void theMetricsFilePassesPromtoolAndIsNeverSeenHalfWritten() throws Exception {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 200, 13);
        Path prom = tmp.resolve("textfile").resolve("cf-sync.prom");
        Files.createDirectories(prom.getParent());
        AtomicBoolean running = new AtomicBoolean(true);
        List<String> torn = new ArrayList<>();
        int[] reads = new int[1];
        Thread reader = new Thread(() -> {
            while (running.get()) {
                try {
                    String text = Files.readString(prom, StandardCharsets.UTF_8);
                    reads[0]++;
                    if (!text.endsWith("\n") || !text.contains("cf_sync_circuit_open{")
                            || !text.contains("cf_sync_run_start_timestamp_seconds{")) {
                        torn.add(text);
                    }
                } catch (NoSuchFileException e) {
                    // not written yet
                } catch (IOException e) {
                    torn.add(e.toString());
                }
            }
        });
        reader.start();
        Cli.Result r;
        try {
            r = send(tmp.resolve("report.json"), "--rate", "100", "--progress-interval", "1s", "--metrics-file",
                    prom.toString(), in.toString());
        } finally {
            running.set(false);
            reader.join(10_000);
        }
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(reads[0] > 0, "the reader saw the file during the run");
        assertEquals(List.of(), torn, "never half a file");
        String text = Files.readString(prom);
        assertEquals(200, only(PushgatewayProcess.values(text, "cf_sync_events_total", "outcome=\"delivered\""),
                "delivered"));
        assertEquals(1, PushgatewayProcess.values(text, "cf_sync_last_success_timestamp_seconds").size());
        try (var files = Files.list(prom.getParent())) {
            assertEquals(List.of(prom), files.toList(), "no temporary file left beside it");
        }
        assumeTrue(PushgatewayProcess.noPromtool() == null, PushgatewayProcess.noPromtool());
        assertNull(PushgatewayProcess.promtool(prom));
    }
}
