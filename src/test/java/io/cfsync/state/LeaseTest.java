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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock is a lease: on its holder's host it lasts as long as the process, elsewhere it is taken over only after
 * a reader watched it go unrefreshed for its timeout; breakable by hand.
 */
@Timeout(60)
class LeaseTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String HERE = LeaseKeeper.hostName();

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
        leaseOfAnotherHost(f, refreshedAt, Lease.DEFAULT_TIMEOUT);
    }

    private static void leaseOfAnotherHost(Path f, Instant refreshedAt, Duration timeout) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f); Statement s = c.createStatement()) {
            s.execute("INSERT OR REPLACE INTO lock(id, run_id, pid, host, process_start, started_at, refreshed_at, "
                    + "beat, timeout_ms) VALUES (1, 'pod-run', 7, 'pod-a1b2', NULL, '" + refreshedAt.minusSeconds(600)
                    + "', '" + refreshedAt + "', 40, " + timeout.toMillis() + ")");
        }
    }

    /** A monotonic clock that moves a second at every reading: a watch ends after a few looks. */
    private static LongSupplier fastNanos() {
        AtomicLong n = new AtomicLong();
        return () -> n.addAndGet(1_000_000_000L);
    }

    @Test
    void aLeaseOfAnotherHostBlocksWhileFreshAndIsTakenOverOnlyAfterWatchingItGoUnrefreshed() throws Exception {
        Path f = tmp.resolve("l.db");
        ManualClock clock = new ManualClock(T0);
        Ledger.open(f).close();
        Duration timeout = Duration.ofSeconds(4);
        leaseOfAnotherHost(f, T0, timeout);
        clock.advance(timeout.minusSeconds(1));
        try (Ledger l = Ledger.open(f, clock, fastNanos(), HERE)) {
            LockedException e = assertThrows(LockedException.class, () -> l.lock("mine"));
            String m = e.getMessage();
            assertTrue(m.contains("pid 7 on host pod-a1b2"), m);
            assertTrue(m.contains("lease last refreshed 2026-03-01 10:00 UTC"), m);
            assertFalse(m.matches("(?s).*\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z.*"), "no machine instants: " + m);
            assertTrue(m.contains("it was refreshed lately"), m);
            assertTrue(m.contains("watched the lease go unrefreshed for 4s"), m);
            assertTrue(m.contains("cf-sync status --break-lock --state " + f), m);
        }
        clock.advance(Duration.ofSeconds(1));
        List<String> notes = new ArrayList<>();
        try (Ledger l = Ledger.open(f, clock, fastNanos(), HERE)) {
            Optional<String> note = l.lock("mine", Lease.DEFAULT_TIMEOUT, notes::add);
            assertEquals(1, notes.size(), "the wait is said, once: " + notes);
            assertTrue(notes.get(0).contains("watches for up to 4s"), notes.get(0));
            assertTrue(note.isPresent(), "a takeover is said");
            assertTrue(note.get().contains("pid 7 on host pod-a1b2"), note.get());
            assertTrue(note.get().contains("watched it go unrefreshed for 4s"), note.get());
            assertEquals("mine", l.lease().orElseThrow().runId());
        }
    }

    @Test
    void aLeaseOfADeadHolderWhoseClockWasAnHourAheadIsTakenAfterItsTimeout() throws Exception {
        Path f = tmp.resolve("l.db");
        Ledger.open(f).close();
        leaseOfAnotherHost(f, Instant.now().plus(Duration.ofHours(1)), Duration.ofSeconds(4));
        try (Ledger l = Ledger.open(f, Clock.systemUTC(), fastNanos(), HERE)) {
            assertTrue(l.lock("mine").orElseThrow().contains("unrefreshed"));
        }
    }

    @Test
    void aHolderOfAnotherHostThatRefreshesKeepsItsLeaseWhateverItsClockSays() throws Exception {
        Path f = tmp.resolve("l.db");
        ManualClock holderClock = new ManualClock(Instant.now().plus(Duration.ofHours(1)));
        try (Ledger holder = Ledger.open(f, holderClock, System::nanoTime, "pod-a1b2");
             Ledger other = Ledger.open(f, Clock.systemUTC(), System::nanoTime, HERE)) {
            holder.lock("holder", Duration.ofSeconds(4), n -> { });
            long beat = holder.lease().orElseThrow().beat();
            assertTrue(holder.refreshLease());
            assertEquals(beat + 1, holder.lease().orElseThrow().beat(), "each refresh counts");
            // The holder's clock is frozen an hour ahead: only its beat moves (its refresher: every 500 ms).
            LockedException e = assertThrows(LockedException.class, () -> other.lock("other"));
            assertTrue(e.getMessage().contains("refreshed it while this run watched"), e.getMessage());
        }
    }

    @Test
    void onThisHostALiveHolderIsNeverTakenEvenByAReaderWhoseClockIsAhead() throws Exception {
        Path f = tmp.resolve("l.db");
        try (Ledger holder = Ledger.open(f, new ManualClock(T0));
             Ledger ahead = Ledger.open(f, new ManualClock(T0.plus(Duration.ofMinutes(3))))) {
            holder.lock("holder");
            LockedException e = assertThrows(LockedException.class, () -> ahead.lock("ahead"));
            assertTrue(e.getMessage().contains("that process is running on this host"), e.getMessage());
            assertEquals("holder", ahead.lease().orElseThrow().runId());
        }
    }

    @Test
    void theOldHolderLearnsOnceThatItsLeaseWasTaken() throws Exception {
        Path f = tmp.resolve("l.db");
        try (Ledger holder = Ledger.open(f); Ledger other = Ledger.open(f)) {
            holder.lock("holder");
            java.util.concurrent.atomic.AtomicInteger lost = new java.util.concurrent.atomic.AtomicInteger();
            holder.onLeaseLost(lost::incrementAndGet);
            assertTrue(holder.refreshLease());
            other.breakLock();
            other.lock("other");
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

    @Test
    void aLeaseWrittenByAnOlderVersionIsReadWithItsDefaultsAndItsLedgerGainsTheColumns() throws Exception {
        Path f = tmp.resolve("l.db");
        Ledger.open(f).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f); Statement s = c.createStatement()) {
            for (String column : new String[] {"beat", "process_tag", "timeout_ms"}) {
                s.execute("ALTER TABLE lock DROP COLUMN " + column);
            }
            s.execute("INSERT INTO lock(id, run_id, pid, host, process_start, started_at, refreshed_at) VALUES (1, "
                    + "'old', 7, 'pod-a1b2', NULL, '" + T0 + "', '" + T0 + "')");
        }
        try (Ledger l = Ledger.open(f)) {
            Lease old = l.lease().orElseThrow();
            assertEquals(0, old.beat());
            assertEquals(Lease.DEFAULT_TIMEOUT, old.timeout());
            assertEquals(null, old.processTag());
        }
    }
}
