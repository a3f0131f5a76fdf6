package io.cfsync.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfsync.cli.ExitCodes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * One request the vendor always fails (500) while it serves everything else: the last event of the run, sent
 * alone, so no other answer tells its failure from an outage. Its tries used up, cf-sync asks the vendor's check
 * request: answered, the event is dead-lettered with its file, line and the vendor's words and the run ends at once
 * (not after {@code --give-up-after}); not answered, it is an outage as before: the run gives up, the event
 * pending, and a later run against a vendor that answers again settles it. Each case runs real {@code cf-sync
 * send} processes ({@link Child}) and checks, after the last run: every line delivered or dead-lettered (nothing
 * lost), every delivered event received once (no lost answers here, so no duplicates), the exit codes and the
 * summary lines, and that the same command once more sends nothing.
 */
@DisabledOnOs(OS.WINDOWS)
class PoisonRequestIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POISON = "u-3";

    @TempDir
    Path work;
    private Child.RunFiles files;

    @BeforeEach
    void input() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            lines.add("{\"type\":\"track\",\"messageId\":\"m-" + i + "\",\"userId\":\"u-" + i + "\",\"event\":"
                    + "\"Order Completed\",\"timestamp\":\"2024-03-05T14:25:12Z\",\"properties\":{\"n\":" + i + "}}");
        }
        Path in = work.resolve("in.ndjson");
        Files.write(in, lines, StandardCharsets.UTF_8);
        files = new Child.RunFiles(in, work.resolve("ledger.db"), work.resolve("dead.ndjson"),
                work.resolve("outcomes.ndjson"), work.resolve("report.json"), work);
    }

    /** The suite's command, one request at a time (the poison goes out last, alone), with {@code options}. */
    private List<String> command(PoisonVendor vendor, Map<String, String> options) {
        Scenario sc = new Scenario(Scenario.Stop.NONE, false, 3, 3, 1, 20, 0, 401, FaultPlan.none(401));
        List<String> c = new ArrayList<>(Child.command(sc, vendor.baseUrl(), files));
        options.forEach((option, value) -> {
            int i = c.indexOf(option);
            if (i >= 0) {
                c.set(i + 1, value);
            } else {
                c.addAll(c.size() - 1, value.isEmpty() ? List.of(option) : List.of(option, value));
            }
        });
        return c;
    }

    /** Runs {@code command} to its end (at most 60 s); its exit code and stderr. */
    private Run run(List<String> command, int n) throws Exception {
        Path err = work.resolve("run-" + n + ".err");
        Child child = Child.start(command, FaultRun.KEY, files, err);
        int exit;
        try {
            exit = child.await(60);
        } finally {
            child.kill();
        }
        return new Run(exit, Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Run(int exit, String err) {
    }

    private List<JsonNode> deadLetters() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String l : FaultRun.lines(files.deadLetter())) {
            out.add(JSON.readTree(l));
        }
        return out;
    }

    /** Nothing lost, nothing twice: u-1 and u-2 received once each and answered 200; the poison dead-lettered. */
    private void settled(PoisonVendor vendor, List<String> command, int runs) throws Exception {
        List<PoisonVendor.Hit> hits = vendor.hits();
        for (String user : List.of("u-1", "u-2")) {
            List<PoisonVendor.Hit> got = hits.stream().filter(h -> h.of(user)).toList();
            assertEquals(1, got.size(), user + " received once: " + got);
            assertEquals(200, got.get(0).status());
        }
        assertTrue(hits.stream().filter(h -> h.of(POISON)).allMatch(h -> h.status() == 500), hits.toString());
        List<JsonNode> dead = deadLetters();
        assertEquals(1, dead.size(), dead.toString());
        JsonNode d = dead.get(0);
        assertEquals(files.input().toString(), d.path("file").asText(), d.toString());
        assertEquals(3, d.path("line").asInt(), d.toString());
        assertEquals("retries-exhausted", d.path("reason").asText(), d.toString());
        assertEquals(500, d.path("status").asInt(), d.toString());
        assertEquals("{\"meta\":{\"error\":\"internal error\"}}", d.path("response").asText(), d.toString());
        assertTrue(d.path("detail").asText().contains("answered its check request"), d.toString());
        int before = vendor.hits().size();
        Run again = run(command, runs + 1);
        assertEquals(ExitCodes.OK, again.exit(), again.err());
        assertEquals(before, vendor.hits().size(), "the same command once more sends nothing");
        assertEquals(1, deadLetters().size(), "and dead-letters nothing more");
    }

    @Test
    @Timeout(90)
    void aRequestTheVendorAlwaysFailsIsDeadLetteredWhenItsCheckRequestAnswers() throws Exception {
        try (PoisonVendor vendor = new PoisonVendor(Set.of(POISON), 200)) {
            // Under a rate, so the probe takes its sending time from the same pacing as the events.
            List<String> command = command(vendor, Map.of("--max-retries", "2", "--give-up-after", "10m",
                    "--rate", "50", "--verbose", ""));
            Run r = run(command, 1);
            assertEquals(ExitCodes.INCOMPLETE, r.exit(), r.err());
            assertTrue(r.err().contains("delivered:     2 events"), r.err());
            assertTrue(r.err().contains("dead-lettered: 1 (retries-exhausted 1)"), r.err());
            assertFalse(r.err().contains("kept failing"), r.err());
            List<PoisonVendor.Hit> checks = vendor.hits().stream().filter(PoisonVendor.Hit::check).toList();
            assertEquals(1, checks.size(), "one probe for one request out of tries: " + checks);
            assertEquals(FaultVendor.basic(Child.SITE, FaultRun.KEY), checks.get(0).authorization(),
                    "the probe carries the run's credentials");
            assertEquals(3, vendor.hits().stream().filter(h -> h.of(POISON)).count(), "1 + 2 retries");
            assertTrue(r.err().contains("GET " + vendor.baseUrl() + PoisonVendor.CHECK
                    + " (the destination's check request): HTTP 200: the vendor answers"), r.err());
            assertFalse(r.err().contains(FaultRun.KEY), "--verbose shows no key");
            settled(vendor, command, 1);
        }
    }

    @Test
    @Timeout(90)
    void whenTheCheckRequestFailsTooItIsAnOutageThenALaterRunSettlesIt() throws Exception {
        try (PoisonVendor vendor = new PoisonVendor(Set.of(POISON), 500)) {
            List<String> command = command(vendor, Map.of("--max-retries", "2", "--give-up-after", "2s"));
            Run down = run(command, 1);
            assertEquals(ExitCodes.ABORTED, down.exit(), down.err());
            assertTrue(down.err().contains("the vendor kept failing for longer than 2s"), down.err());
            assertTrue(down.err().contains("delivered:     2 events"), down.err());
            assertTrue(down.err().contains("pending:"), down.err());
            assertFalse(Files.exists(files.deadLetter()) && !deadLetters().isEmpty(), "an outage is no verdict");
            assertTrue(vendor.hits().stream().anyMatch(PoisonVendor.Hit::check), "the vendor was asked");
            JsonNode pending = JSON.readTree(FaultRun.lines(files.outcomes()).stream()
                    .filter(l -> l.contains("\"line\":3")).reduce((a, b) -> b).orElseThrow());
            assertEquals("pending", pending.path("outcome").asText(), pending.toString());

            vendor.checkAnswers(200);
            Run up = run(command, 2);
            assertEquals(ExitCodes.INCOMPLETE, up.exit(), up.err());
            assertTrue(up.err().contains("dead-lettered: 1 (retries-exhausted 1)"), up.err());
            settled(vendor, command, 2);
        }
    }
}
