package io.cfsync.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.cli.ExitCodes;
import io.cfsync.testkit.Cli;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The lock is a lease: refreshed by its holder, stale after a while whatever the host, breakable by hand. */
@Timeout(60)
class LeaseTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path tmp;

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        private volatile Instant now;

        ManualClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** A lease as a run in a container that was since restarted would have left it. */
    private static void leaseOfAnotherHost(Path f, Instant refreshedAt) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f); Statement s = c.createStatement()) {
            s.execute("INSERT OR REPLACE INTO lock(id, run_id, pid, host, process_start, started_at, refreshed_at) "
                    + "VALUES (1, 'pod-run', 7, 'pod-a1b2', NULL, '" + refreshedAt.minusSeconds(600) + "', '"
                    + refreshedAt + "')");
        }
    }

    @Test
    void aLeaseOfAnotherHostBlocksWhileFreshAndIsTakenOverOnceStale() throws Exception {
        Path f = tmp.resolve("l.db");
        ManualClock clock = new ManualClock(T0);
        Ledger.open(f).close();
        leaseOfAnotherHost(f, T0);
        clock.advance(Lease.STALE_AFTER.minusSeconds(1));
        try (Ledger l = Ledger.open(f, clock)) {
            LockedException e = assertThrows(LockedException.class, () -> l.lock("mine"));
            String m = e.getMessage();
            assertTrue(m.contains("pid 7 on host pod-a1b2"), m);
            assertTrue(m.contains("lease last refreshed " + T0), m);
            assertTrue(m.contains("stale at " + T0.plus(Lease.STALE_AFTER)), m);
            assertTrue(m.contains("cf-sync status --break-lock --state " + f), m);
        }
        clock.advance(Duration.ofSeconds(1));
        try (Ledger l = Ledger.open(f, clock)) {
            Optional<String> note = l.lock("mine");
            assertTrue(note.isPresent(), "a takeover is said");
            assertTrue(note.get().contains("pid 7 on host pod-a1b2"), note.get());
            assertEquals("mine", l.lease().orElseThrow().runId());
        }
    }

    @Test
    void theHolderKeepsItsLeaseAliveByRefreshingIt() throws Exception {
        Path f = tmp.resolve("l.db");
        ManualClock clock = new ManualClock(T0);
        try (Ledger holder = Ledger.open(f, clock); Ledger other = Ledger.open(f, clock)) {
            holder.lock("holder");
            java.util.concurrent.atomic.AtomicInteger lost = new java.util.concurrent.atomic.AtomicInteger();
            holder.onLeaseLost(lost::incrementAndGet);
            for (int i = 0; i < 8; i++) {
                clock.advance(Lease.REFRESH_EVERY);
                assertTrue(holder.refreshLease());
            }
            clock.advance(Lease.STALE_AFTER.minusSeconds(1));
            assertThrows(LockedException.class, () -> other.lock("other"), "refreshed leases stay live");
            clock.advance(Duration.ofSeconds(1));
            assertTrue(other.lock("other").isPresent(), "a holder that stopped refreshing loses it");
            assertEquals(0, lost.get());
            assertFalse(holder.refreshLease(), "the old holder can tell it lost the lease");
            assertFalse(holder.refreshLease());
            assertEquals(1, lost.get(), "and is told once, so the run stops instead of sending beside the new one");
        }
    }

    @Test
    void onThisHostALeaseOfAProcessThatIsGoneIsStaleAtOnce() throws Exception {
        Path f = tmp.resolve("l.db");
        Ledger.open(f).close();
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f); Statement s = c.createStatement()) {
            s.execute("INSERT INTO lock(id, run_id, pid, host, process_start, started_at, refreshed_at) VALUES (1, "
                    + "'crashed', " + dead.pid() + ", '" + LeaseKeeper.hostName() + "', NULL, '" + Instant.now()
                    + "', '" + Instant.now() + "')");
        }
        try (Ledger l = Ledger.open(f)) {
            assertTrue(l.lock("mine").orElseThrow().contains("no longer runs"));
        }
    }

    @Test
    void breakLockRemovesALiveLeaseAndSaysWhoseItWas() throws Exception {
        Path f = tmp.resolve("l.db");
        Ledger.open(f).close();
        leaseOfAnotherHost(f, Instant.now());
        Cli.Result shown = Cli.run("status", "--state", f.toString());
        assertEquals(0, shown.exit(), shown.err());
        assertTrue(shown.out().contains("lock: held by pid 7 on host pod-a1b2"), shown.out());
        assertTrue(shown.out().contains("stale at"), shown.out());

        Cli.Result broken = Cli.run("status", "--break-lock", "--state", f.toString());
        assertEquals(0, broken.exit(), broken.err());
        assertTrue(broken.out().contains("removed the lock of pid 7 on host pod-a1b2"), broken.out());
        try (Ledger l = Ledger.open(f)) {
            assertTrue(l.lease().isEmpty());
            assertTrue(l.lock("mine").isEmpty(), "nothing to take over any more");
        }
        Cli.Result again = Cli.run("status", "--break-lock", "--state", f.toString());
        assertTrue(again.out().contains("was not locked"), again.out());
        Cli.Result noState = Cli.run("status", "--break-lock");
        assertEquals(ExitCodes.USAGE, noState.exit());
        assertTrue(noState.err().contains("--break-lock needs --state"), noState.err());
    }

    @Test
    void aLiveLeaseStillMeansExit75NamingItsHolder() throws Exception {
        Path f = tmp.resolve("l.db");
        Path in = tmp.resolve("in.ndjson");
        java.nio.file.Files.writeString(in, "{\"type\":\"identify\",\"userId\":\"u1\"}\n");
        Ledger.open(f).close();
        leaseOfAnotherHost(f, Instant.now());
        Cli.Result r = Cli.run(new byte[0], java.util.Map.of(), "send", "--dest", "customerio", "--set", "siteId=s",
                "--set", "apiKey=k", "--base-url", "http://127.0.0.1:9", "--state", f.toString(), "--dead-letter",
                tmp.resolve("dead.ndjson").toString(), in.toString());
        assertEquals(ExitCodes.LOCKED, r.exit(), r.err());
        assertTrue(r.err().contains("pid 7 on host pod-a1b2"), r.err());
        assertTrue(r.err().contains("--break-lock"), r.err());
    }
}
