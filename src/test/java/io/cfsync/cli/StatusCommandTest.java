package io.cfsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.Main;
import io.cfsync.state.Ledger;
import io.cfsync.state.SourceState;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cf-sync status} speaks in times people read, relative to a fixed "now". */
@Timeout(60)
class StatusCommandTest {
    private static final Instant STARTED = Instant.parse("2026-03-05T14:02:31.123456789Z");

    @TempDir
    Path tmp;

    private String status(Path ledger, Instant now) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        CommandLine cl = Main.commandLine(new Context(InputStream.nullInputStream(), out, err, Map.of()));
        StatusCommand status = cl.getSubcommands().get("status").getCommand();
        status.clock = Clock.fixed(now, ZoneOffset.UTC);
        assertEquals(0, cl.execute("status", "--state", ledger.toString()));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aRunThatRecordedNoEndIsKilledOnceItsLeaseIsGoneAndRunningWhileItsProcessHoldsIt() throws Exception {
        Path file = tmp.resolve("customerio.db");
        try (Ledger l = Ledger.open(file, Clock.fixed(STARTED, ZoneOffset.UTC))) {
            l.lock("run-1");
            l.runStarted("run-1", "customerio", "cf-sync send -d customerio in.ndjson");
            // kill -9: no end is recorded, and the next run takes the lease over.
            l.breakLock();
            l.lock("run-2");
            l.runStarted("run-2", "customerio", "cf-sync send -d customerio in.ndjson");
            String text = status(file, STARTED.plusSeconds(30));
            String[] runs = text.substring(text.indexOf("last runs:")).split("\n");
            assertTrue(runs[1].contains("customerio running "), text);
            assertTrue(runs[2].contains("customerio killed "), text);
            assertFalse(text.contains("running or killed"), text);
        }
    }

    @Test
    void timesAreMinutesInUtcWithHowLongAgo() throws Exception {
        Path file = tmp.resolve("customerio.db");
        try (Ledger l = Ledger.open(file, Clock.fixed(STARTED, ZoneOffset.UTC))) {
            l.lock("run-1");
            l.runStarted("run-1", "customerio", "cf-sync send -d customerio in.ndjson");
            l.saveSource("customerio", new SourceState("/data/new.ndjson", 0, 0, "00", false));
            l.saveSource("customerio", new SourceState("/data/half.ndjson", 40, 4000, "00", false));
            String text = status(file, STARTED.plus(Duration.ofHours(3)).plusSeconds(90));

            assertTrue(text.contains("    2026-03-05 14:02 UTC, 3 h ago  customerio"), text);
            assertTrue(text.contains("held by pid " + ProcessHandle.current().pid() + " on host "), text);
            assertTrue(text.contains("(run started 2026-03-05 14:02 UTC, 3 h ago, lease last refreshed "
                    + "2026-03-05 14:02 UTC, 3 h ago)"), text);
            assertTrue(text.contains("3 h ago); that process runs on this host: the lease holds while it runs"), text);
            assertTrue(text.contains("/data/new.ndjson  in progress: no line finished yet"), text);
            assertTrue(text.contains("/data/half.ndjson  in progress: lines 1-40 finished"), text);
            assertFalse(text.contains("lines 1-0"), text);
            assertFalse(text.matches("(?s).*\\d{2}:\\d{2}:\\d{2}\\.\\d+Z.*"), "no machine instants: " + text);
        }
    }

    @Test
    void aLiveLeaseOfAnotherHostSaysWhenItGoesStaleAndAnOldOneThatItWillBeWatched() throws Exception {
        Path file = tmp.resolve("kustomer.db");
        Ledger.open(file).close();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             java.sql.Statement s = c.createStatement()) {
            s.execute("INSERT INTO lock(id, run_id, pid, host, started_at, refreshed_at, beat, timeout_ms) VALUES (1, "
                    + "'run-2', 7, 'pod-a1b2', '" + STARTED + "', '" + STARTED + "', 3, 120000)");
        }
        String text = status(file, STARTED.plusSeconds(30));
        assertTrue(text.contains("lease last refreshed 2026-03-05 14:02 UTC, just now); stale at "
                + "2026-03-05 14:04 UTC, in 1 min unless refreshed"), text);
        text = status(file, STARTED.plus(Duration.ofMinutes(5)));
        assertTrue(text.contains("5 min ago); not refreshed lately by this host's clock, or dated ahead of it: the "
                + "next run watches it for up to 2m and takes it over unless it is refreshed meanwhile"), text);
    }

    @Test
    void relativeSpansReadNaturally() {
        assertEquals("just now", HumanTime.relative(Duration.ofSeconds(59)));
        assertEquals("5 min ago", HumanTime.relative(Duration.ofMinutes(5).plusSeconds(59)));
        assertEquals("47 h ago", HumanTime.relative(Duration.ofHours(47)));
        assertEquals("3 days ago", HumanTime.relative(Duration.ofDays(3)));
        assertEquals("in 2 min", HumanTime.relative(Duration.ofMinutes(-2)));
        assertEquals("kept as stored", HumanTime.format("kept as stored", STARTED));
    }
}
