package io.cfsync.state;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Takes, refreshes and gives back a ledger's lease (see {@link Lease}). Time comes from the injected clock, so tests
 * can age a lease without waiting. Thread-safe: every statement runs under {@code monitor}, which also guards the
 * shared connection.
 */
final class LeaseKeeper {
    private final Path file;
    private final Connection db;
    private final Object monitor;
    private final Clock clock;
    private String runId;
    private ScheduledExecutorService refresher;
    private volatile Runnable onLost = () -> { };

    LeaseKeeper(Path file, Connection db, Object monitor, Clock clock) {
        this.file = file;
        this.db = db;
        this.monitor = monitor;
        this.clock = clock;
    }

    /**
     * Takes the lease for {@code id}, taking over a stale one.
     *
     * @return a note naming the previous holder when a stale lease was taken over
     */
    Optional<String> take(String id) throws LockedException {
        synchronized (monitor) {
            ProcessHandle me = ProcessHandle.current();
            String host = hostName();
            Instant now = clock.instant();
            String note = null;
            try (Statement tx = db.createStatement()) {
                tx.execute("BEGIN IMMEDIATE");
                try {
                    Optional<Lease> old = LeaseTable.read(db);
                    if (old.isPresent()) {
                        note = staleness(old.get(), host, now);
                        if (note == null) {
                            throw new LockedException(old.get(), file);
                        }
                    }
                    LeaseTable.write(db, new Lease(id, me.pid(), host,
                            me.info().startInstant().map(Instant::toString).orElse(null), now, now));
                    tx.execute("COMMIT");
                } catch (SQLException | LockedException | RuntimeException e) {
                    Ledger.rollbackQuietly(tx);
                    throw e;
                }
            } catch (SQLException e) {
                throw LedgerErrors.of(file, "lock", e);
            }
            runId = id;
            startRefreshing();
            return Optional.ofNullable(note);
        }
    }

    /** Why {@code l} may be taken over, or null when its holder must be presumed alive. */
    private static String staleness(Lease l, String host, Instant now) {
        if (l.expired(now)) {
            return "took over the ledger lock of " + l.describe() + ": not refreshed for "
                    + Lease.STALE_AFTER.toMinutes() + " minutes, so that run is gone";
        }
        if (host.equals(l.host()) && !alive(l)) {
            return "took over the ledger lock of " + l.describe() + ": that process no longer runs";
        }
        return null;
    }

    private static boolean alive(Lease l) {
        return ProcessHandle.of(l.pid()).filter(ProcessHandle::isAlive)
                .map(p -> l.processStart() == null || p.info().startInstant().map(Instant::toString)
                        .map(l.processStart()::equals).orElse(true))
                .orElse(false);
    }

    private void startRefreshing() {
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cf-sync-lease");
            t.setDaemon(true);
            return t;
        });
        long every = Lease.REFRESH_EVERY.toMillis();
        refresher.scheduleAtFixedRate(this::refreshQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code r} (once) on the refresher's thread when a refresh finds the lease is no longer this run's. */
    void onLost(Runnable r) {
        onLost = r;
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (LedgerException e) {
            // a missed refresh is retried in REFRESH_EVERY; the lease outlives several misses
        }
    }

    /**
     * @return false when the lease is no longer this run's (broken by hand or taken over; the {@link #onLost} hook
     *         then runs, once), or none is held
     */
    boolean refresh() {
        boolean held;
        synchronized (monitor) {
            if (runId == null) {
                return false;
            }
            try {
                held = LeaseTable.refresh(db, runId, clock.instant());
            } catch (SQLException e) {
                throw LedgerErrors.of(file, "refresh the lock of", e);
            }
        }
        if (!held) {
            Runnable r = onLost;
            onLost = () -> { };
            r.run();
        }
        return held;
    }

    Optional<Lease> current() {
        synchronized (monitor) {
            try {
                return LeaseTable.read(db);
            } catch (SQLException e) {
                throw LedgerErrors.of(file, "read", e);
            }
        }
    }

    /** Removes whatever lease is held, live or not, and returns it. */
    Optional<Lease> breakLease() {
        synchronized (monitor) {
            try (Statement tx = db.createStatement()) {
                tx.execute("BEGIN IMMEDIATE");
                try {
                    Optional<Lease> old = LeaseTable.read(db);
                    LeaseTable.delete(db, null);
                    tx.execute("COMMIT");
                    return old;
                } catch (SQLException e) {
                    Ledger.rollbackQuietly(tx);
                    throw e;
                }
            } catch (SQLException e) {
                throw LedgerErrors.of(file, "write", e);
            }
        }
    }

    /** Stops refreshing and gives the lease back, when this run holds it. */
    void release() throws SQLException {
        synchronized (monitor) {
            if (refresher != null) {
                refresher.shutdownNow();
                refresher = null;
            }
            if (runId != null) {
                LeaseTable.delete(db, runId);
                runId = null;
            }
        }
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
