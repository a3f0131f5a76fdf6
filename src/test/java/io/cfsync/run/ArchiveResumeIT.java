package io.cfsync.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfsync.testkit.Cli;
import io.cfsync.testkit.VendorStub;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * RudderStack backups whose lines hold several events each, stopped part-way (kill -9 of a real process, a 401, a
 * --limit) and run again with the same ledger: every event is delivered, none twice beyond what was in flight, and
 * a line counts as finished only once all of its events (and the identify calls merged by --compact) are.
 */
@Timeout(180)
@DisabledOnOs(OS.WINDOWS)
class ArchiveResumeIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PER_LINE = 5;

    @TempDir
    Path tmp;

    /** {@code lines} archiver lines of {@link #PER_LINE} track events each, numbered by {@code properties.seq}. */
    private Path archive(int lines) throws Exception {
        Path gz = tmp.resolve("gw_jobs_1.json.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            int seq = 0;
            for (int l = 0; l < lines; l++) {
                StringBuilder b = new StringBuilder("{\"userId\":\"r\",\"payload\":{\"batch\":[");
                for (int i = 0; i < PER_LINE; i++) {
                    seq++;
                    b.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"messageId\":\"m-").append(seq)
                            .append("\",\"userId\":\"user-").append(seq % 7).append("\",\"event\":\"E\",")
                            .append("\"properties\":{\"seq\":").append(seq).append("}}");
                }
                b.append("],\"writeKey\":\"wk-SECRET-resume\",\"receivedAt\":\"2024-03-01T00:00:00Z\"},"
                        + "\"createdAt\":\"2024-03-01T00:00:00Z\",\"messageId\":\"\"}\n");
                out.write(b.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        return gz;
    }

    private List<String> args(VendorStub vendor, Path in, String... extra) {
        List<String> a = new ArrayList<>(List.of("send", "--dest", "customerio", "--set", "siteId=s", "--set",
                "apiKey=k-archive-1", "--base-url", vendor.baseUrl(), "--progress", "none", "--concurrency", "4",
                "--state", tmp.resolve("ledger.db").toString(), "--dead-letter", tmp.resolve("dead.ndjson").toString()));
        a.addAll(List.of(extra));
        a.add(in.toString());
        return a;
    }

    private Cli.Result run(VendorStub vendor, Path in, String... extra) {
        return Cli.run(new byte[0], Map.of(), args(vendor, in, extra).toArray(new String[0]));
    }

    private static Map<Integer, Integer> okBySeq(List<VendorStub.Seen> seen, List<Integer> okAnswers) {
        Map<Integer, Integer> got = new HashMap<>();
        for (int i = 0; i < seen.size(); i++) {
            if (okAnswers.contains(i + 1)) {
                continue;
            }
            got.merge(seen.get(i).seq(), 1, Integer::sum);
        }
        return got;
    }

    @Test
    void killedMidArchiveThenRunAgainDeliversEveryEventOfEveryLine() throws Exception {
        Path in = archive(60);
        try (VendorStub vendor = new VendorStub()) {
            vendor.answer((req, n) -> okJson("{}").withFixedDelay(20).build());
            List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", System.getProperty("java.class.path"), "io.cfsync.Main"));
            cmd.addAll(args(vendor, in));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("XDG_STATE_HOME", tmp.resolve("state").toString());
            Process p = pb.start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (vendor.count() < 93 && System.nanoTime() < deadline && p.isAlive()) {
                    Thread.sleep(5);
                }
                assertTrue(vendor.count() >= 93, "the child never got going");
                p.destroyForcibly(); // kill -9: no goodbye, the ledger is left as it was
                assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            } finally {
                p.destroyForcibly();
            }
            int beforeResume = vendor.count();
            assertTrue(beforeResume < 300, "killed before the end: " + beforeResume);
            vendor.answer((req, n) -> null);
            Cli.Result second = run(vendor, in);
            assertEquals(0, second.exit(), second.err());
            Map<Integer, Integer> got = okBySeq(vendor.seen(), List.of());
            assertEquals(300, got.size(), "every event of every line was sent");
            long twice = got.values().stream().filter(n -> n > 1).count();
            assertTrue(twice <= 4, "only what was in flight at the kill may go twice: " + twice);
            Cli.Result third = run(vendor, in);
            assertTrue(third.err().contains("inputs finished earlier: 1 ("), third.err());
            assertTrue(!third.err().contains("SECRET") && !second.err().contains("SECRET"));
        }
    }

    @Test
    void aRunStoppedByA401LeavesTheRestOfItsLinesPendingAndTheNextRunSendsThem() throws Exception {
        Path in = archive(20);
        try (VendorStub vendor = new VendorStub()) {
            vendor.answer((req, n) -> n == 33 ? aResponse().withStatus(401).build() : null);
            Cli.Result first = run(vendor, in, "--outcomes", tmp.resolve("o1.ndjson").toString());
            assertEquals(3, first.exit(), first.err());
            List<String> o1 = Files.readAllLines(tmp.resolve("o1.ndjson"));
            long read = first.err().lines().filter(l -> l.contains("lines read")).count();
            assertEquals(1, read);
            assertEquals(0, o1.size() % PER_LINE, "a stop never splits a line: " + o1.size());
            vendor.answer((req, n) -> null);
            Cli.Result second = run(vendor, in);
            assertEquals(0, second.exit(), second.err());
            Map<Integer, Integer> got = okBySeq(vendor.seen(), List.of(33));
            assertEquals(100, got.size(), "every event was sent");
            got.forEach((seq, n) -> assertTrue(n == 1 || seq == vendor.seen().get(32).seq(),
                    "event " + seq + " sent " + n + " times"));
        }
    }

    @Test
    void limitPagesThroughAnArchiveOneBatchLineAtATimeAndNothingIsLost() throws Exception {
        Path in = archive(9);
        try (VendorStub vendor = new VendorStub()) {
            int runs = 0;
            while (true) {
                Cli.Result r = run(vendor, in, "--limit", "7");
                assertEquals(0, r.exit(), r.err());
                runs++;
                if (!r.err().contains("reading stopped by --limit")) {
                    break;
                }
                assertTrue(r.err().contains("after 10 events were taken"), r.err());
                assertTrue(runs < 10, "no progress: " + r.err());
            }
            assertEquals(5, runs, "10 events a run (two lines), then the last line");
            Map<Integer, Integer> got = okBySeq(vendor.seen(), List.of());
            assertEquals(45, got.size());
            got.forEach((seq, n) -> assertEquals(1, n, "event " + seq + " sent " + n + " times"));
        }
    }

    @Test
    void compactedIdentifyCallsHeldAtAStopAreSentByTheNextRun() throws Exception {
        Path in = tmp.resolve("identifies.ndjson");
        StringBuilder b = new StringBuilder();
        Map<String, ObjectNode> expected = new HashMap<>();
        for (int l = 0; l < 600; l++) {
            b.append("{\"EventPayload\":{\"batch\":[");
            for (int i = 0; i < 4; i++) {
                int k = l * 4 + i;
                String user = "user-" + (k % 9);
                ObjectNode traits = JSON.createObjectNode().put("t" + (k % 5), k).put("last", k);
                if (k % 3 != 0) {
                    expected.computeIfAbsent(user, u -> JSON.createObjectNode()).setAll(traits);
                }
                String ev = k % 3 == 0
                        ? "{\"type\":\"track\",\"messageId\":\"t-" + k + "\",\"userId\":\"" + user
                                + "\",\"event\":\"E\",\"properties\":{\"seq\":" + k + "}}"
                        : "{\"type\":\"identify\",\"messageId\":\"i-" + k + "\",\"userId\":\"" + user
                                + "\",\"traits\":" + traits + "}";
                b.append(i == 0 ? "" : ",").append(ev);
            }
            b.append("],\"writeKey\":\"wk-SECRET\"},\"JobID\":").append(l).append("}\n");
        }
        Files.writeString(in, b.toString());
        try (VendorStub vendor = new VendorStub()) {
            vendor.answer((req, n) -> n == 40 ? aResponse().withStatus(401).build() : null);
            Path o1 = tmp.resolve("o1.ndjson");
            Path o2 = tmp.resolve("o2.ndjson");
            // Past the sender's queue, so reading is held back and the stop finds identify calls still held.
            Cli.Result first = run(vendor, in, "--compact", "--rate", "unlimited", "--outcomes", o1.toString());
            assertEquals(3, first.exit(), first.err());
            assertTrue(Files.readString(o1).contains("\"messageId\":\"i-"), "identify calls were read");
            vendor.answer((req, n) -> null);
            Cli.Result second = run(vendor, in, "--compact", "--rate", "unlimited", "--outcomes", o2.toString());
            assertEquals(0, second.exit(), second.err());
            assertTrue(second.err().contains("compacted:"), second.err());
            Cli.Result third = run(vendor, in, "--compact");
            assertTrue(third.err().contains("inputs finished earlier: 1 ("), third.err());
            // Every identify call ended as delivered or compacted in one of the runs: none was lost at the stop.
            java.util.Set<String> ended = new java.util.HashSet<>();
            long heldAtStop = 0;
            for (Path o : List.of(o1, o2)) {
                for (String l : Files.readAllLines(o)) {
                    JsonNode n = JSON.readTree(l);
                    String id = n.path("messageId").asText();
                    String outcome = n.get("outcome").asText();
                    if (outcome.equals("delivered") || outcome.equals("compacted")
                            || (outcome.equals("skipped") && n.get("reason").asText().equals("already-delivered"))) {
                        ended.add(id);
                    }
                    if (o == o1 && outcome.equals("pending") && id.startsWith("i-")) {
                        heldAtStop++;
                    }
                }
            }
            assertTrue(heldAtStop > 0, "the stop found identify calls pending");
            for (int k = 0; k < 2400; k++) {
                if (k % 3 != 0) {
                    assertTrue(ended.contains("i-" + k), "identify i-" + k + " never ended");
                }
            }
            // The vendor's view: each user's identify bodies applied in the order they arrived.
            Map<String, ObjectNode> state = new HashMap<>();
            List<VendorStub.Seen> seen = vendor.seen();
            for (int i = 0; i < seen.size(); i++) {
                VendorStub.Seen s = seen.get(i);
                if (i + 1 != 40 && s.method().equals("PUT")) {
                    JsonNode body = JSON.readTree(s.body());
                    ObjectNode st = state.computeIfAbsent(s.user(), u -> JSON.createObjectNode());
                    body.properties().forEach(f -> {
                        if (!f.getKey().startsWith("_")) {
                            st.set(f.getKey(), f.getValue());
                        }
                    });
                }
            }
            for (Map.Entry<String, ObjectNode> e : expected.entrySet()) {
                ObjectNode st = state.get(e.getKey());
                e.getValue().properties().forEach(f -> assertEquals(f.getValue(), st.get(f.getKey()),
                        e.getKey() + "." + f.getKey()));
            }
        }
    }
}
