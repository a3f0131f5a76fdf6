package io.cfsync.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTest {
    @TempDir
    Path tmp;

    @Test
    void claimsDedupeAndSurviveReopeningOnlyWhenDelivered() {
        Path f = tmp.resolve("state/ledger.db");
        try (Ledger l = Ledger.open(f)) {
            assertTrue(l.claim("customerio", "m1"));
            assertFalse(l.claim("customerio", "m1"), "a claimed key is not sent twice");
            assertTrue(l.claim("custify", "m1"), "keys are per destination");
            l.delivered("customerio", "m1");
            assertTrue(l.claim("customerio", "m2"));
            assertTrue(l.claim("customerio", "m3"));
            l.release("customerio", "m3");
            assertTrue(l.claim("customerio", "m3"), "a released claim can be taken again");
        }
        try (Ledger l = Ledger.open(f)) {
            assertFalse(l.claim("customerio", "m1"), "delivered survives");
            assertTrue(l.claim("customerio", "m2"), "claimed but never delivered: sent again");
            assertTrue(l.claim("customerio", "m3"));
            assertEquals(Map.of("customerio", 1L), l.deliveredCounts());
        }
    }

    @Test
    void sourcesKeepWatermarksWithTheirOffsetAndPrefixHash() {
        try (Ledger l = Ledger.open(tmp.resolve("l.db"))) {
            assertNull(l.source("customerio", "/in/a.ndjson"));
            l.saveSource("customerio", new SourceState("/in/a.ndjson", 41, 2048, "ab".repeat(32), false));
            l.saveSource("customerio", new SourceState("/in/b.ndjson", 7, 99, "cd".repeat(32), true));
            SourceState s = l.source("customerio", "/in/a.ndjson");
            assertEquals(new SourceState("/in/a.ndjson", 41, 2048, "ab".repeat(32), false), s);
            assertTrue(l.source("customerio", "/in/b.ndjson").complete());
            assertEquals(2, l.sources("customerio").size());
            assertNull(l.source("custify", "/in/a.ndjson"), "watermarks are per destination");
        }
    }

    @Test
    void aLiveRunHoldsTheLockAndADeadOneIsTakenOver() throws Exception {
        Path f = tmp.resolve("l.db");
        try (Ledger first = Ledger.open(f); Ledger second = Ledger.open(f)) {
            first.lock("run-1");
            LockedException e = assertThrows(LockedException.class, () -> second.lock("run-2"));
            assertEquals(ProcessHandle.current().pid(), e.pid());
            assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()));
        }
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f); Statement s = c.createStatement()) {
            s.execute("INSERT OR REPLACE INTO lock(id, run_id, pid, host, process_start, started_at) VALUES (1, 'old', "
                    + dead.pid() + ", '" + java.net.InetAddress.getLocalHost().getHostName()
                    + "', NULL, '2024-01-01T00:00:00Z')");
        }
        try (Ledger l = Ledger.open(f)) {
            l.lock("run-3");
        }
        try (Ledger l = Ledger.open(f)) {
            l.lock("run-4"); // released on close
        }
    }

    @Test
    void aNewerSchemaIsRefused() throws Exception {
        Path f = tmp.resolve("l.db");
        Ledger.open(f).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f); Statement s = c.createStatement()) {
            s.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'");
        }
        LedgerException e = assertThrows(LedgerException.class, () -> Ledger.open(f));
        assertTrue(e.getMessage().contains("newer"), e.getMessage());
    }

    @Test
    void runsAreRecorded() {
        try (Ledger l = Ledger.open(tmp.resolve("l.db"))) {
            l.runStarted("r1", "customerio", "cf-sync send -d customerio x");
            l.runEnded("r1", "complete", "{}");
            Ledger.Run r = l.lastRuns(5).get(0);
            assertEquals("complete", r.outcome());
            assertEquals(java.util.List.of("customerio"), l.destinations());
        }
    }

    @Test
    void theLastRunsAreInTheOrderTheyStartedEvenWhenTheClockWasSteppedBack() throws Exception {
        Path f = tmp.resolve("l.db");
        java.time.Instant t0 = java.time.Instant.parse("2026-03-01T10:00:00Z");
        try (Ledger l = Ledger.open(f, java.time.Clock.fixed(t0, java.time.ZoneOffset.UTC))) {
            l.runStarted("first", "customerio", "cf-sync send");
        }
        try (Ledger l = Ledger.open(f, java.time.Clock.fixed(t0.minusSeconds(3600), java.time.ZoneOffset.UTC))) {
            l.runStarted("after-the-step", "customerio", "cf-sync send");
            assertEquals(java.util.List.of("after-the-step", "first"),
                    l.lastRuns(5).stream().map(Ledger.Run::id).toList(), "newest first");
        }
    }
}
