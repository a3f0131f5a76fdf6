package io.cfsync.state;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The run ledger: an SQLite database in WAL mode holding, per destination, each input's resume watermark (with the
 * byte offset past it and a hash of the bytes before), the keys of delivered events, the runs and the lease that
 * keeps two runs apart. A commit in WAL mode with {@code synchronous=NORMAL} survives a killed process, so every
 * delivery is recorded before its sender slot is reused; concurrent deliveries share one commit (group commit).
 * Only a missing file becomes a new ledger; anything else that is not a cf-sync ledger is refused (see
 * {@link LedgerFile}). Thread-safe: lease, sources and runs use one connection under this object's monitor;
 * delivered-key reads and writes have a connection each.
 */
public final class Ledger implements AutoCloseable {
    public static final int SCHEMA_VERSION = LedgerFile.SCHEMA_VERSION;

    /** One run, for {@code cf-sync status}. */
    public record Run(String id, String dest, long pid, String startedAt, Ended ended) {
        /**
         * How a run ended; each part is null while it has not (or was not recorded).
         *
         * @param at      when, ISO-8601
         * @param result  how, as the run report spells it ({@code complete}, …)
         * @param summary its summary line
         */
        record Ended(String at, String result, String summary) {
        }

        public String endedAt() {
            return ended.at();
        }

        /** How the run ended, as the run report's {@code outcome} spells it, or null. */
        public String outcome() {
            return ended.result();
        }

        public String summary() {
            return ended.summary();
        }
    }

    private final Path file;
    private final Clock clock;
    private final Connection db;
    /** Keys claimed in this run and not yet recorded or released: bounded by the events in flight. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Connection reader;
    private final PreparedStatement isDelivered;
    private final DeliveryRecorder recorder;
    private final LeaseKeeper lease;

    private Ledger(Path file, Connection db, Clock clock, LongSupplier nanoTime, String host) throws SQLException {
        this.file = file;
        this.clock = clock;
        this.db = db;
        this.reader = connect(file);
        this.isDelivered = reader.prepareStatement("SELECT 1 FROM delivered WHERE dest = ? AND key = ? AND state = 1");
        this.recorder = new DeliveryRecorder(connect(file), file);
        this.lease = new LeaseKeeper(file, db, this, clock, nanoTime, host);
    }

    static Connection connect(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
            s.execute("PRAGMA synchronous = NORMAL");
            // Checkpoints (which fsync) every ~40 MB of log instead of ~4 MB: fewer stalls for the writer.
            s.execute("PRAGMA wal_autocheckpoint = 10000");
            s.execute("PRAGMA cache_size = -16000");
        }
        return c;
    }

    /**
     * Opens the ledger at {@code file}, creating it (and its folder) only when no file is there.
     *
     * @throws LedgerRefusedException when the file exists but is not a usable cf-sync ledger
     */
    public static Ledger open(Path file) {
        return open(file, Clock.systemUTC());
    }

    /** As {@link #open(Path)}, with the times written (lease, runs, sources) read from {@code clock}. */
    public static Ledger open(Path file, Clock clock) {
        return open(file, clock, System::nanoTime, LeaseKeeper.hostName());
    }

    /** As {@link #open(Path, Clock)}, with how long a lease was watched read from {@code nanoTime}, on {@code host}. */
    static Ledger open(Path file, Clock clock, LongSupplier nanoTime, String host) {
        Connection db = LedgerFile.open(file);
        try {
            return new Ledger(file, db, clock, nanoTime, host);
        } catch (SQLException e) {
            try {
                db.close();
            } catch (SQLException ignored) {
                // reporting the open failure matters more
            }
            throw LedgerErrors.of(file, "open", e);
        }
    }

    public Path file() {
        return file;
    }

    /** As {@link #lock(String, Duration, Consumer)} with the default timeout, and no notes while it watches. */
    public Optional<String> lock(String runId) throws LockedException {
        return lock(runId, Lease.DEFAULT_TIMEOUT, note -> { });
    }

    /**
     * Takes the ledger's lease for this run and keeps refreshing it until {@link #close}. A lease whose process on
     * this host is gone is taken over at once; one of another host whose time cannot be trusted is watched first,
     * for up to its timeout, and taken over only if it was not refreshed meanwhile (see {@link LeaseJudge}).
     *
     * @param timeout how long this run may go without refreshing before a run on another host takes over
     * @param notes   told once when this call watches another host's lease (it may then take that long)
     * @return a note naming the previous holder when a stale lease was taken over
     * @throws LockedException when a live run holds it
     */
    public Optional<String> lock(String runId, Duration timeout, Consumer<String> notes) throws LockedException {
        return lease.take(runId, timeout, notes);
    }

    /** How {@code l} looks from this process at {@code now}, at one glance (a takeover may watch it first). */
    public Lease.Look look(Lease l, java.time.Instant now) {
        return new LeaseJudge(LeaseKeeper.hostName(), ProcessTag.machineOrNull(), ProcessTag::running,
                java.time.InstantSource.fixed(now), System::nanoTime).look(l);
    }

    /** Refreshes this run's lease now (the refresher does so every {@link Lease#refreshEvery()}). */
    public boolean refreshLease() {
        return lease.refresh();
    }

    /**
     * Runs {@code r} once if a refresh finds this run's lease gone: another run took it over (this one stalled past
     * its timeout) or a person broke it. The run should stop, or two runs would send the same events.
     */
    public void onLeaseLost(Runnable r) {
        lease.onLost(r);
    }

    /** The lease as it is recorded, live or stale. */
    public Optional<Lease> lease() {
        return lease.current();
    }

    /** Removes the lease whoever holds it, for a person who knows its holder is gone; returns what was removed. */
    public Optional<Lease> breakLock() {
        return lease.breakLease();
    }

    /**
     * Claims an event key before sending: false when it was delivered already, or is being sent in this run.
     * Claims live in memory only: a run that dies leaves none behind, so its unfinished events are sent again.
     */
    public boolean claim(String dest, String key) {
        String k = dest + "\n" + key;
        if (!inFlight.add(k)) {
            return false;
        }
        boolean done;
        synchronized (isDelivered) {
            try {
                isDelivered.setString(1, dest);
                isDelivered.setString(2, key);
                try (ResultSet rs = isDelivered.executeQuery()) {
                    done = rs.next();
                }
            } catch (SQLException e) {
                inFlight.remove(k);
                throw LedgerErrors.of(file, "read", e);
            }
        }
        if (done) {
            inFlight.remove(k);
        }
        return !done;
    }

    /** Records a delivery; committed (grouped with concurrent ones) before this returns. */
    public void delivered(String dest, String key) {
        deliveredAsync(dest, key).join();
    }

    /** Records a delivery; the stage completes once it is committed (grouped with concurrent ones). */
    public CompletableFuture<Void> deliveredAsync(String dest, String key) {
        return recorder.record(dest, key).thenRun(() -> inFlight.remove(dest + "\n" + key));
    }

    /** Gives a claim back after a failure, so a later run may send the event again. */
    public void release(String dest, String key) {
        inFlight.remove(dest + "\n" + key);
    }

    public synchronized SourceState source(String dest, String path) {
        return Sources.one(db, dest, path, file);
    }

    /** Records how far {@code path} got; see {@link SourceState} for the fields. */
    public synchronized void saveSource(String dest, SourceState s) {
        Sources.save(db, dest, s, clock.instant(), file);
    }

    /** Saves changes to {@code dest}'s pre-pass state (a null value deletes a row); see {@link PrePassRows}. */
    public synchronized void savePrePass(String dest, Map<String, String> changes) {
        PrePassRows.save(db, dest, changes, file);
    }

    /** Drops {@code dest}'s saved pre-pass state (a run that does not resume starts its own). */
    public synchronized void clearPrePass(String dest) {
        PrePassRows.clear(db, dest, file);
    }

    /** {@code dest}'s saved pre-pass state, empty when there is none. */
    public synchronized Map<String, String> prePass(String dest) {
        return PrePassRows.load(db, dest, file);
    }

    /** Event key → id of the bulk job an earlier run submitted it in and never read; see {@link BulkJobRows}. */
    public synchronized Map<String, String> bulkJobs(String dest) {
        return BulkJobRows.load(db, dest, file);
    }

    /** Records durably that the events {@code keys} went to the vendor as bulk job {@code job}. */
    public synchronized void bulkSubmitted(String dest, java.util.Collection<String> keys, String job) {
        BulkJobRows.save(db, dest, keys, job, file);
    }

    /** The bulk job of {@code keys} was read or is gone. */
    public synchronized void bulkForget(String dest, java.util.Collection<String> keys) {
        BulkJobRows.save(db, dest, keys, null, file);
    }

    /**
     * The inputs recorded for {@code dest} whose path starts with {@code prefix}: the earlier versions of an object
     * (an object is recorded as {@code s3://bucket/key#etag}, one row per version).
     */
    public synchronized List<String> pathsStartingWith(String dest, String prefix) {
        return Sources.pathsStartingWith(db, dest, prefix, file);
    }

    /** Inputs known to the ledger, per destination. */
    public synchronized List<SourceState> sources(String dest) {
        return Sources.all(db, dest, file);
    }

    public synchronized void runStarted(String runId, String dest, String command) {
        Runs.started(db, runId, dest, command, clock.instant(), file);
    }

    public synchronized void runEnded(String runId, String outcome, String summary) {
        Runs.ended(db, runId, outcome, summary, clock.instant(), file);
    }

    /** Delivered event keys per destination. */
    public synchronized Map<String, Long> deliveredCounts() {
        return Runs.deliveredCounts(db, file);
    }

    /** Destinations that have sources or runs recorded. */
    public synchronized List<String> destinations() {
        return Runs.destinations(db, file);
    }

    public synchronized List<Run> lastRuns(int n) {
        return Runs.last(db, n, file);
    }

    /** Test hook: caps every connection's database size, so a write fails as on a full disk. */
    void maxPageCount(long pages) throws SQLException {
        for (Connection c : List.of(db, reader, recorder.connection())) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA max_page_count = " + pages);
            }
        }
    }

    /** Rolls back whatever is open; a failure here must not hide the failure that led to it. */
    static void rollbackQuietly(Statement s) {
        try {
            s.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // SQLite rolls back by itself after some errors (a full disk): then nothing is open
        }
    }

    /**
     * Gives the lease back (when held) and closes the database. Every connection is closed even when giving the
     * lease back fails (a full disk): an open file would keep the disk busy; the first failure is reported.
     */
    @Override
    public synchronized void close() {
        SQLException first = null;
        for (SqlAction step : new SqlAction[] {lease::release, recorder::close, isDelivered::close, reader::close,
            db::close}) {
            try {
                step.run();
            } catch (SQLException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw LedgerErrors.of(file, "close", first);
        }
    }

    @FunctionalInterface
    private interface SqlAction {
        void run() throws SQLException;
    }
}
