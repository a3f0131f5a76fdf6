package io.cfsync.state;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Takes, refreshes and gives back a ledger's lease (see {@link Lease}, {@link LeaseJudge}). Both clocks are
 * injected, so tests can age a lease or step a wall clock without waiting. Thread-safe: every statement runs under
 * {@code monitor}, which also guards the shared connection.
 */
final class LeaseKeeper {
    private final Path file;
    private final Connection db;
    private final Object monitor;
    private final InstantSource wall;
    private final LongSupplier nanoTime;
    private final String host;
    private String runId;
    private ScheduledExecutorService refresher;
    private volatile Runnable onLost = () -> { };

    /**
     * @param wall     the time written into the lease, for people (and the one-glance hint of {@link LeaseJudge})
     * @param nanoTime as {@link System#nanoTime()}: how long a lease is watched
     */
    LeaseKeeper(Path file, Connection db, Object monitor, InstantSource wall, LongSupplier nanoTime, String host) {
        this.file = file;
        this.host = host;
        this.db = db;
        this.monitor = monitor;
        this.wall = wall;
        this.nanoTime = nanoTime;
    }

    /**
     * Takes the lease for {@code id}, taking over one whose holder is gone (see {@link LeaseJudge}). When that
     * cannot be told at one glance (a lease of another host, old or dated in the future by this host's clock),
     * watches it for up to its timeout, saying so through {@code notes}: a live holder refreshes it meanwhile.
     *
     * @param timeout how long this run may go without refreshing before another host takes over
     * @return a note naming the previous holder when a stale lease was taken over
     */
    Optional<String> take(String id, Duration timeout, Consumer<String> notes) throws LockedException {
        LeaseJudge judge = new LeaseJudge(host, ProcessTag.machineOrNull(), ProcessTag::running, wall,
                nanoTime);
        for (boolean told = false;; told = true) {
            Attempt a = attempt(id, timeout, judge);
            if (a.watching() == null) {
                return Optional.ofNullable(a.note());
            }
            if (!told) {
                notes.accept("the ledger " + file + " is locked by " + a.watching().describe() + ", a run on "
                        + "another host whose lease looks old or is dated ahead by this host's clock; this run "
                        + "watches for up to " + Lease.words(a.watching().timeout()) + " whether it is still "
                        + "refreshed before taking it over");
            }
            pause(a.watching());
        }
    }

    /** What {@link #attempt} did: took the lease (with an optional note), or must watch {@code watching}. */
    private record Attempt(String note, Lease watching) {
    }

    /** One look, in one write transaction: the lease is judged and, if free or stale, taken with no gap between. */
    private Attempt attempt(String id, Duration timeout, LeaseJudge judge) throws LockedException {
        synchronized (monitor) {
            try (Statement tx = db.createStatement()) {
                tx.execute("BEGIN IMMEDIATE");
                try {
                    Optional<Lease> old = LeaseTable.read(db);
                    LeaseJudge.Judgement j = old.map(judge::judge).orElse(null);
                    if (j != null && j.verdict() == LeaseJudge.Verdict.LIVE) {
                        throw new LockedException(old.get(), file, j.why());
                    }
                    if (j != null && j.verdict() == LeaseJudge.Verdict.WATCH) {
                        Ledger.rollbackQuietly(tx); // the holder needs the write lock to refresh
                        return new Attempt(null, old.get());
                    }
                    Lease mine = mine(id, timeout);
                    LeaseTable.write(db, mine);
                    tx.execute("COMMIT");
                    runId = id;
                    startRefreshing(mine.refreshEvery());
                    return new Attempt(j == null ? null : j.why(), null);
                } catch (SQLException | LockedException | RuntimeException e) {
                    Ledger.rollbackQuietly(tx);
                    throw e;
                }
            } catch (SQLException e) {
                throw LedgerErrors.of(file, "lock", e);
            }
        }
    }

    private Lease mine(String id, Duration timeout) {
        ProcessHandle me = ProcessHandle.current();
        Instant now = wall.instant();
        return new Lease(id, new Lease.Holder(me.pid(), host,
                me.info().startInstant().map(Instant::toString).orElse(null), ProcessTag.self()), now, now, 0, timeout);
    }

    /** Waits a fraction of the holder's refresh interval, so a refresh is seen soon after it is made. */
    private static void pause(Lease watching) {
        try {
            Thread.sleep(Math.max(10, Math.min(1000, watching.refreshEvery().toMillis() / 4)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException("interrupted while waiting for the ledger's lock", e);
        }
    }

    private void startRefreshing(Duration every) {
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cf-sync-lease");
            t.setDaemon(true);
            return t;
        });
        // A scheduled executor runs on the monotonic clock: a stepped wall clock neither delays nor hurries it.
        long millis = every.toMillis();
        refresher.scheduleAtFixedRate(this::refreshQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code r} (once) on the refresher's thread when a refresh finds the lease is no longer this run's. */
    void onLost(Runnable r) {
        onLost = r;
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (LedgerException e) {
            // a missed refresh is retried at the next; the lease outlives several misses
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
                held = LeaseTable.refresh(db, runId, wall.instant());
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

    /**
     * The host's name. A name the resolver does not know (a container's) is still read from the kernel: two hosts
     * both called "localhost" would judge each other's pids. (Tags tell machines apart too, see {@link ProcessTag}.)
     */
    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            try {
                return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).trim();
            } catch (IOException | RuntimeException notLinux) {
                return "localhost";
            }
        }
    }
}
