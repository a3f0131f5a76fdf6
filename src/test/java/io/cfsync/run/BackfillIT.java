package io.cfsync.run;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfsync.cli.ExitCodes;
import io.cfsync.state.Ledger;
import io.cfsync.testkit.Cli;
import io.cfsync.testkit.VendorStub;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unattended runs against a vendor on loopback: resume, no double sends, the lock, the time box, shards. */
class BackfillIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Cli.Result send(VendorStub vendor, Path state, String... extra) {
        List<String> args = new ArrayList<>(List.of("send", "--dest", "customerio", "--set", "siteId=s", "--set",
                "apiKey=k-backfill-1", "--base-url", vendor.baseUrl(), "--progress", "none", "--state",
                state.toString(), "--dead-letter", tmp.resolve("dead.ndjson").toString()));
        args.addAll(List.of(extra));
        return Cli.run(new byte[0], Map.of(), args.toArray(new String[0]));
    }

    /** messageId → how many times the vendor received it. */
    private static Map<String, Integer> received(VendorStub vendor) throws Exception {
        Map<String, Integer> out = new HashMap<>();
        for (VendorStub.Seen s : vendor.seen()) {
            JsonNode body = JSON.readTree(s.body());
            out.merge("m-" + body.at("/data/seq").asInt(), 1, Integer::sum);
        }
        return out;
    }

    @Test
    void aRerunSendsNothingNewAndAnAppendedFileOnlyItsNewLines() throws Exception {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 40, 7);
        Path state = tmp.resolve("ledger.db");
        try (VendorStub vendor = new VendorStub()) {
            Cli.Result first = send(vendor, state, in.toString());
            assertEquals(0, first.exit(), first.err());
            assertEquals(40, vendor.count());
            Cli.Result again = send(vendor, state, in.toString());
            assertEquals(0, again.exit(), again.err());
            assertEquals(40, vendor.count(), "nothing new to send");
            assertTrue(again.err().contains("inputs finished earlier: 1 ("), again.err());
            // A finished input is an input not read again, not an event skipped.
            assertTrue(again.err().contains("skipped:       0\n"), again.err());

            List<String> more = new ArrayList<>();
            for (int i = 41; i <= 50; i++) {
                more.add("{\"type\":\"track\",\"messageId\":\"m-" + i + "\",\"userId\":\"user-1\",\"event\":\"E\","
                        + "\"properties\":{\"seq\":" + i + "}}");
            }
            Files.write(in, more, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            Cli.Result appended = send(vendor, state, in.toString());
            assertEquals(0, appended.exit(), appended.err());
            assertEquals(50, vendor.count());
            assertTrue(appended.err().contains("resuming " + in + " after line 40"), appended.err());
            assertTrue(appended.err().contains(": 10 lines read"), appended.err());
            received(vendor).forEach((id, n) -> assertEquals(1, n, id));
        }
    }

    @Test
    void duplicateEventsAreSentOnceAndResendOverridesOnPurpose() throws Exception {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 10, 3);
        List<String> lines = new ArrayList<>(Files.readAllLines(in));
        lines.add(lines.get(2));
        lines.add(lines.get(4));
        lines.add("{\"type\":\"identify\",\"userId\":\"u-x\",\"traits\":{\"plan\":\"a\"}}");
        lines.add("{\"type\":\"identify\",\"userId\":\"u-x\",\"traits\":{\"plan\":\"a\"}}");
        Files.write(in, lines, StandardCharsets.UTF_8);
        Path state = tmp.resolve("ledger.db");
        try (VendorStub vendor = new VendorStub()) {
            Cli.Result r = send(vendor, state, in.toString());
            assertEquals(0, r.exit(), r.err());
            assertEquals(11, vendor.count(), "10 tracks and one identify; duplicates skipped");
            assertTrue(r.err().contains("already-delivered 3"), r.err());
            Path replay = tmp.resolve("replay.ndjson");
            Files.write(replay, lines.subList(0, 2), StandardCharsets.UTF_8);
            send(vendor, state, replay.toString());
            assertEquals(11, vendor.count(), "a replay of delivered events sends nothing");
            Cli.Result resend = send(vendor, state, "--resend", replay.toString());
            assertEquals(0, resend.exit(), resend.err());
            assertEquals(13, vendor.count(), "--resend sends again on purpose");
        }
    }

    @Test
    void aLiveRunHoldsTheLockAndAStaleLockIsTakenOver() throws Exception {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 5, 2);
        Path state = tmp.resolve("ledger.db");
        try (VendorStub vendor = new VendorStub()) {
            try (Ledger other = Ledger.open(state)) {
                other.lock("someone-else");
                Cli.Result r = send(vendor, state, in.toString());
                assertEquals(ExitCodes.LOCKED, r.exit(), r.err());
                assertTrue(r.err().contains("pid " + ProcessHandle.current().pid()), r.err());
                assertEquals(0, vendor.count());
            }
            Process dead = new ProcessBuilder("true").start();
            dead.waitFor();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + state);
                 Statement s = c.createStatement()) {
                s.execute("INSERT OR REPLACE INTO lock(id, run_id, pid, host, process_start, started_at) VALUES (1, "
                        + "'crashed', " + dead.pid() + ", '" + java.net.InetAddress.getLocalHost().getHostName()
                        + "', NULL, '2024-01-01T00:00:00Z')");
            }
            Cli.Result r = send(vendor, state, in.toString());
            assertEquals(0, r.exit(), r.err());
            assertEquals(5, vendor.count());
        }
    }

    private Cli.Result sendWithKey(VendorStub vendor, Path state, String key, String... extra) {
        List<String> args = new ArrayList<>(List.of("send", "--dest", "customerio", "--set", "siteId=s", "--set",
                "apiKey=" + key, "--base-url", vendor.baseUrl(), "--progress", "none", "--state",
                state.toString(), "--dead-letter", tmp.resolve("dead.ndjson").toString()));
        args.addAll(List.of(extra));
        return Cli.run(new byte[0], Map.of(), args.toArray(new String[0]));
    }

    @Test
    void a401StopsWithEverythingPendingAndTheFixedKeySendsAll() throws Exception {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 150, 30);
        Path state = tmp.resolve("ledger.db");
        String good = "Basic " + java.util.Base64.getEncoder().encodeToString("s:k-good".getBytes(
                StandardCharsets.UTF_8));
        try (VendorStub vendor = new VendorStub()) {
            // The old key works for 40 requests, then the vendor revokes it; requests take a while, so several
            // are in flight (and some wait for a 5xx retry) when the 401 stops the run.
            Map<Integer, Integer> accepted = new java.util.concurrent.ConcurrentHashMap<>();
            vendor.answer((req, n) -> {
                if (!good.equals(req.authorization()) && n > 40) {
                    return com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(401)
                            .withFixedDelay(15).build();
                }
                if (!good.equals(req.authorization()) && n % 7 == 0) {
                    return com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(503)
                            .withFixedDelay(15).build();
                }
                accepted.merge(req.seq(), 1, Integer::sum);
                return okJson("{}").withFixedDelay(good.equals(req.authorization()) ? 0 : 15).build();
            });
            Cli.Result first = sendWithKey(vendor, state, "k-old", "--concurrency", "8", in.toString());
            assertEquals(ExitCodes.ABORTED, first.exit(), first.err());
            assertFalse(Files.exists(tmp.resolve("dead.ndjson")), "a stop dead-letters nothing: " + first.err());
            Cli.Result second = sendWithKey(vendor, state, "k-good", in.toString());
            assertEquals(ExitCodes.OK, second.exit(), second.err());
            // Accepted under the old key before the 401, or under the new one: every event exactly once.
            assertEquals(150, accepted.size(), "every event delivered once the key was fixed: " + second.err());
            accepted.forEach((seq, n) -> assertEquals(1, n, "m-" + seq + " delivered more than once"));
        }
    }

    @Test
    void eventsWaitingForARetryWhenTheVendorStaysDownAreSentByTheNextRun() throws Exception {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 60, 12);
        Path state = tmp.resolve("ledger.db");
        try (VendorStub vendor = new VendorStub()) {
            vendor.answer((req, n) -> com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(503)
                    .build());
            Cli.Result first = send(vendor, state, "--give-up-after", "1s", "--max-retries", "50", in.toString());
            assertEquals(ExitCodes.ABORTED, first.exit(), first.err());
            assertFalse(Files.exists(tmp.resolve("dead.ndjson")), "a give-up dead-letters nothing: " + first.err());
            int failed = vendor.count();
            vendor.answer((req, n) -> null);
            Cli.Result second = send(vendor, state, in.toString());
            assertEquals(ExitCodes.OK, second.exit(), second.err());
            Map<String, Integer> got = new HashMap<>();
            vendor.seen().stream().skip(failed).forEach(s -> {
                try {
                    got.merge("m-" + JSON.readTree(s.body()).at("/data/seq").asInt(), 1, Integer::sum);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertEquals(60, got.size(), "every event sent once the vendor was back");
            got.forEach((id, n) -> assertEquals(1, n, id));
        }
    }

    @Test
    void linesFinishedBeyondAStuckEventAreNotReadAgainAfterAStop() throws Exception {
        // Line 1 is stuck behind 503s; the lines after it finish: delivered, refused with a 400, or invalid.
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            lines.add(i % 10 == 5 ? "{not json " + i
                    : "{\"type\":\"track\",\"messageId\":\"m-" + i + "\",\"userId\":\"" + (i == 1 ? "stuck" : "user-" + i)
                            + "\",\"event\":\"E\",\"properties\":{\"seq\":" + i + "}}");
        }
        Path in = tmp.resolve("in.ndjson");
        Files.write(in, lines, StandardCharsets.UTF_8);
        Path state = tmp.resolve("ledger.db");
        Path dead = tmp.resolve("dead.ndjson");
        try (VendorStub vendor = new VendorStub()) {
            Map<Integer, Integer> accepted = new java.util.concurrent.ConcurrentHashMap<>();
            java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
            vendor.answer((req, n) -> {
                if ("stuck".equals(req.user()) && down.get()) {
                    return com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(503).build();
                }
                if (req.seq() % 10 == 7) {
                    return com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(400).build();
                }
                accepted.merge(req.seq(), 1, Integer::sum);
                return okJson("{}").build();
            });
            Cli.Result first = send(vendor, state, "--max-runtime", "2s", "--max-retries", "50", in.toString());
            assertEquals(ExitCodes.INCOMPLETE, first.exit(), first.err());
            assertTrue(first.err().contains("work remains"), first.err());
            assertFalse(accepted.containsKey(1));
            down.set(false);
            Cli.Result second = send(vendor, state, in.toString());
            assertTrue(second.err().contains("finished-earlier"), second.err());
            assertEquals(1, accepted.get(1), "the stuck event is sent by the next run");
            accepted.forEach((seq, n) -> assertEquals(1, n, "m-" + seq + " sent twice"));
            assertEquals(40 - 4 - 4, accepted.size());
            Map<Long, Integer> perLine = new HashMap<>();
            for (String l : Files.readAllLines(dead)) {
                perLine.merge(JSON.readTree(l).get("line").asLong(), 1, Integer::sum);
            }
            assertEquals(8, perLine.size(), "4 invalid lines and 4 refused events: " + perLine);
            perLine.forEach((line, n) -> assertEquals(1, n, "line " + line + " dead-lettered " + n + " times"));
        }
    }

    @Test
    void maxRuntimeStopsCleanlyAndTheNextRunFinishes() throws Exception {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 120, 4);
        Path state = tmp.resolve("ledger.db");
        Path report = tmp.resolve("report.json");
        try (VendorStub vendor = new VendorStub()) {
            vendor.answer((req, n) -> okJson("{}").withFixedDelay(40).build());
            Cli.Result first = send(vendor, state, "--concurrency", "1", "--max-runtime", "1s", "--report",
                    report.toString(), in.toString());
            assertEquals(0, first.exit(), first.err());
            assertTrue(first.err().contains("work remains"), first.err());
            int sentFirst = vendor.count();
            assertTrue(sentFirst > 0 && sentFirst < 120, "sent " + sentFirst);
            JsonNode rep = JSON.readTree(report.toFile());
            assertEquals("complete-time-boxed", rep.get("outcome").asText());
            assertFalse(rep.get("sources").get(0).get("finished").asBoolean());
            assertFalse(Files.readString(report).contains("k-backfill-1"), "the report redacts the key");
            assertEquals("cf-sync send --dest customerio", String.join(" ", JSON.convertValue(rep.get("command"),
                    String[].class)).substring(0, 30));

            vendor.answer((req, n) -> null);
            Cli.Result second = send(vendor, state, in.toString());
            assertEquals(0, second.exit(), second.err());
            Map<String, Integer> got = received(vendor);
            assertEquals(120, got.size());
            got.forEach((id, n) -> assertEquals(1, n, id));
        }
    }

    /** --quiet is for cron: a run the time box ends as planned says nothing, while an error is still said. */
    @Test
    void quietSaysNothingOfTheTimeBoxButStillTellsAnError() throws Exception {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 120, 4);
        Path state = tmp.resolve("ledger.db");
        try (VendorStub vendor = new VendorStub()) {
            vendor.answer((req, n) -> okJson("{}").withFixedDelay(40).build());
            Cli.Result boxed = send(vendor, state, "-q", "--concurrency", "1", "--max-runtime", "1s", in.toString());
            assertEquals(0, boxed.exit(), boxed.err());
            assertTrue(vendor.count() < 120, "the time box stopped the run: " + vendor.count());
            assertEquals("", boxed.err(), "nothing said by a quiet run that went as planned");

            vendor.answer((req, n) -> com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(401)
                    .build());
            Cli.Result refused = send(vendor, state, "-q", in.toString());
            assertEquals(ExitCodes.ABORTED, refused.exit(), refused.err());
            assertTrue(refused.err().contains("refused the credentials (HTTP 401)"), refused.err());
        }
    }

    @Test
    void shardsSplitUsersWithNoOverlapAndNothingMissing() throws Exception {
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", 90, 13);
        try (VendorStub vendor = new VendorStub()) {
            Map<String, String> shardOfUser = new HashMap<>();
            Set<String> all = new HashSet<>();
            for (int i = 1; i <= 3; i++) {
                int before = vendor.count();
                Cli.Result r = send(vendor, tmp.resolve("ledger-" + i + ".db"), "--shard", i + "/3", in.toString());
                assertEquals(0, r.exit(), r.err());
                for (VendorStub.Seen s : vendor.seen().subList(before, vendor.count())) {
                    String prev = shardOfUser.put(s.user(), "shard " + i);
                    assertTrue(prev == null || prev.equals("shard " + i), s.user() + " in two shards");
                    assertTrue(all.add("m-" + s.seq()), "sent twice: " + s.seq());
                }
            }
            assertEquals(90, all.size(), "the union of the shards is the whole input");
            assertTrue(new HashSet<>(shardOfUser.values()).size() > 1, "users spread over shards");
        }
    }

    @Test
    void killMinusNineLosesNothingAndResendsAtMostWhatWasInFlight() throws Exception {
        int events = 300;
        int concurrency = 4;
        Path in = VendorStub.trackEvents(tmp, "in.ndjson", events, 37);
        Path state = tmp.resolve("ledger.db");
        try (VendorStub vendor = new VendorStub()) {
            vendor.answer((req, n) -> okJson("{}").withFixedDelay(15).build());
            Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "io.cfsync.Main", "send", "--dest", "customerio",
                    "--set", "siteId=s", "--set", "apiKey=k-backfill-1", "--base-url", vendor.baseUrl(),
                    "--progress", "none", "--concurrency", String.valueOf(concurrency), "--state", state.toString(),
                    "--dead-letter", tmp.resolve("dead.ndjson").toString(), in.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (vendor.count() < 100 && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(p.isAlive(), "the child finished before it could be killed");
            p.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            int beforeResume = vendor.count();
            assertTrue(beforeResume < events, "killed mid-run");

            vendor.answer((req, n) -> null);
            Cli.Result resumed = send(vendor, state, in.toString());
            assertEquals(0, resumed.exit(), resumed.err());
            Map<String, Integer> got = received(vendor);
            assertEquals(events, got.size(), "every event delivered at least once");
            int duplicates = vendor.count() - events;
            assertTrue(duplicates <= concurrency, duplicates + " events sent twice, more than were in flight");
            Cli.Result again = send(vendor, state, in.toString());
            assertEquals(0, again.exit());
            assertEquals(events + duplicates, vendor.count(), "a third run sends nothing");
        }
    }
}
