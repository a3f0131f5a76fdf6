package io.cfsync.state;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run ledger: an SQLite database in WAL mode holding, per destination, each input's resume watermark, the
 * keys of delivered events, the runs and the overlap lock. A commit in WAL mode with {@code synchronous=NORMAL}
 * survives a killed process, so every delivery is recorded before its sender slot is reused; concurrent deliveries
 * share one commit (group commit). Thread-safe: lock, sources and runs use one connection under this object's
 * monitor; delivered-key reads and writes have a connection each.
 */
public final class Ledger implements AutoCloseable {
    public static final int SCHEMA_VERSION = 1;
    private static final int CLAIMED = 0;
    private static final int DELIVERED = 1;

    /** What the ledger knows of one input. */
    public record SourceState(String path, Fingerprint fingerprint, long watermark, long completeSize) {
    }

    /** One run, for {@code cf-sync status}. */
    public record Run(String id, String dest, long pid, String startedAt, String endedAt, String outcome,
                      String summary) {
    }

    private final Path file;
    private final Connection db;
    /** Keys claimed in this run and not yet recorded or released: bounded by the events in flight. */
    private final java.util.Set<String> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Connection reader;
    private final PreparedStatement isDelivered;
    private final DeliveryRecorder recorder;
    private String lockedRunId;

    private Ledger(Path file, Connection db) throws SQLException {
        this.file = file;
        this.db = db;
        this.reader = connect(file);
        this.isDelivered = reader.prepareStatement("SELECT 1 FROM delivered WHERE dest = ? AND key = ? AND state = 1");
        this.recorder = new DeliveryRecorder(connect(file));
    }

    private static Connection connect(Path file) throws SQLException {
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

    /** Opens (creating it and its folder on first use) the ledger at {@code file}. */
    public static Ledger open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA busy_timeout = 10000");
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = NORMAL");
                migrate(s);
            }
            return new Ledger(file, db);
        } catch (SQLException | IOException e) {
            throw new LedgerException("cannot open ledger " + file + ": " + e.getMessage(), e);
        }
    }

    private static void migrate(Statement s) throws SQLException {
        s.execute("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
        int version = 0;
        try (ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE key = 'schema_version'")) {
            if (rs.next()) {
                version = Integer.parseInt(rs.getString(1));
            }
        }
        if (version > SCHEMA_VERSION) {
            throw new SQLException("ledger schema " + version + " is newer than this cf-sync understands ("
                    + SCHEMA_VERSION + ")");
        }
        if (version < 1) {
            s.execute("CREATE TABLE IF NOT EXISTS sources(dest TEXT NOT NULL, path TEXT NOT NULL, "
                    + "fingerprint TEXT NOT NULL, watermark INTEGER NOT NULL, complete_size INTEGER NOT NULL, "
                    + "updated_at TEXT NOT NULL, PRIMARY KEY(dest, path))");
            s.execute("CREATE TABLE IF NOT EXISTS delivered(dest TEXT NOT NULL, key TEXT NOT NULL, "
                    + "state INTEGER NOT NULL, PRIMARY KEY(dest, key)) WITHOUT ROWID");
            s.execute("CREATE TABLE IF NOT EXISTS runs(id TEXT PRIMARY KEY, dest TEXT NOT NULL, pid INTEGER, "
                    + "started_at TEXT NOT NULL, ended_at TEXT, outcome TEXT, command TEXT, summary TEXT)");
            s.execute("CREATE TABLE IF NOT EXISTS lock(id INTEGER PRIMARY KEY CHECK (id = 1), run_id TEXT NOT NULL, "
                    + "pid INTEGER NOT NULL, host TEXT NOT NULL, process_start TEXT, started_at TEXT NOT NULL)");
            s.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', '1')");
        }
    }

    public Path file() {
        return file;
    }

    /**
     * Takes the overlap lock for this process. A lock held by a process that no longer runs (or by a different
     * process that reused its pid) is stale and taken over.
     *
     * @throws LockedException when a live run holds it
     */
    public synchronized void lock(String runId) throws LockedException {
        ProcessHandle me = ProcessHandle.current();
        String host = hostName();
        String now = Instant.now().toString();
        try (Statement tx = db.createStatement()) {
            tx.execute("BEGIN IMMEDIATE");
            try (Statement s = db.createStatement();
                 ResultSet rs = s.executeQuery("SELECT pid, host, process_start, started_at FROM lock WHERE id = 1")) {
                if (rs.next()) {
                    long pid = rs.getLong(1);
                    String lockHost = rs.getString(2);
                    String processStart = rs.getString(3);
                    if (alive(pid, lockHost, processStart, host)) {
                        throw new LockedException(pid, rs.getString(4), lockHost);
                    }
                }
            }
            try (PreparedStatement p = db.prepareStatement("INSERT OR REPLACE INTO lock(id, run_id, pid, host, "
                    + "process_start, started_at) VALUES (1, ?, ?, ?, ?, ?)")) {
                p.setString(1, runId);
                p.setLong(2, me.pid());
                p.setString(3, host);
                p.setString(4, me.info().startInstant().map(Instant::toString).orElse(null));
                p.setString(5, now);
                p.executeUpdate();
            }
            tx.execute("COMMIT");
            lockedRunId = runId;
        } catch (SQLException e) {
            throw fail("lock", e);
        } finally {
            if (lockedRunId == null || !lockedRunId.equals(runId)) {
                rollbackQuietly();
            }
        }
    }

    private void rollbackQuietly() {
        try (Statement s = db.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // nothing was open
        }
    }

    private static boolean alive(long pid, String lockHost, String processStart, String host) {
        if (!host.equals(lockHost)) {
            return true; // cannot check a process on another host: assume it runs
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(p -> processStart == null || p.info().startInstant().map(Instant::toString)
                        .map(processStart::equals).orElse(true))
                .orElse(false);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
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
                throw fail("read", e);
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
    public java.util.concurrent.CompletableFuture<Void> deliveredAsync(String dest, String key) {
        return recorder.record(dest, key).thenRun(() -> inFlight.remove(dest + "\n" + key));
    }

    /** Gives a claim back after a failure, so a later run may send the event again. */
    public void release(String dest, String key) {
        inFlight.remove(dest + "\n" + key);
    }

    public synchronized SourceState source(String dest, String path) {
        try (PreparedStatement p = db.prepareStatement("SELECT fingerprint, watermark, complete_size FROM sources "
                + "WHERE dest = ? AND path = ?")) {
            p.setString(1, dest);
            p.setString(2, path);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? new SourceState(path, Fingerprint.parse(rs.getString(1)), rs.getLong(2),
                        rs.getLong(3)) : null;
            }
        } catch (SQLException e) {
            throw fail("read", e);
        }
    }

    /** @param completeSize the file's size when every line was finished, else -1 */
    public synchronized void saveSource(String dest, String path, Fingerprint fp, long watermark, long completeSize) {
        try (PreparedStatement p = db.prepareStatement("INSERT OR REPLACE INTO sources(dest, path, fingerprint, "
                + "watermark, complete_size, updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            p.setString(1, dest);
            p.setString(2, path);
            p.setString(3, fp.toString());
            p.setLong(4, watermark);
            p.setLong(5, completeSize);
            p.setString(6, Instant.now().toString());
            p.executeUpdate();
        } catch (SQLException e) {
            throw fail("write", e);
        }
    }

    public synchronized void runStarted(String runId, String dest, String command) {
        try (PreparedStatement p = db.prepareStatement("INSERT INTO runs(id, dest, pid, started_at, command) "
                + "VALUES (?, ?, ?, ?, ?)")) {
            p.setString(1, runId);
            p.setString(2, dest);
            p.setLong(3, ProcessHandle.current().pid());
            p.setString(4, Instant.now().toString());
            p.setString(5, command);
            p.executeUpdate();
        } catch (SQLException e) {
            throw fail("write", e);
        }
    }

    public synchronized void runEnded(String runId, String outcome, String summary) {
        try (PreparedStatement p = db.prepareStatement("UPDATE runs SET ended_at = ?, outcome = ?, summary = ? "
                + "WHERE id = ?")) {
            p.setString(1, Instant.now().toString());
            p.setString(2, outcome);
            p.setString(3, summary);
            p.setString(4, runId);
            p.executeUpdate();
        } catch (SQLException e) {
            throw fail("write", e);
        }
    }

    /** Inputs known to the ledger, per destination. */
    public synchronized List<SourceState> sources(String dest) {
        List<SourceState> out = new ArrayList<>();
        try (PreparedStatement p = db.prepareStatement("SELECT path, fingerprint, watermark, complete_size FROM "
                + "sources WHERE dest = ? ORDER BY path")) {
            p.setString(1, dest);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new SourceState(rs.getString(1), Fingerprint.parse(rs.getString(2)), rs.getLong(3),
                            rs.getLong(4)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw fail("read", e);
        }
    }

    /** Delivered event keys per destination. */
    public synchronized Map<String, Long> deliveredCounts() {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT dest, count(*) FROM delivered WHERE state = 1 GROUP BY dest "
                     + "ORDER BY dest")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
            return out;
        } catch (SQLException e) {
            throw fail("read", e);
        }
    }

    /** Destinations that have sources or deliveries recorded. */
    public synchronized List<String> destinations() {
        List<String> out = new ArrayList<>();
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT dest FROM sources UNION SELECT dest FROM runs ORDER BY 1")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw fail("read", e);
        }
    }

    public synchronized List<Run> lastRuns(int n) {
        List<Run> out = new ArrayList<>();
        try (PreparedStatement p = db.prepareStatement("SELECT id, dest, pid, started_at, ended_at, outcome, summary "
                + "FROM runs ORDER BY started_at DESC LIMIT ?")) {
            p.setInt(1, n);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new Run(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw fail("read", e);
        }
    }

    private LedgerException fail(String what, SQLException e) {
        return new LedgerException("ledger " + file + ": cannot " + what + ": " + e.getMessage(), e);
    }

    /** Releases the lock (when held) and closes the database. */
    @Override
    public synchronized void close() {
        try {
            if (lockedRunId != null) {
                try (PreparedStatement p = db.prepareStatement("DELETE FROM lock WHERE run_id = ?")) {
                    p.setString(1, lockedRunId);
                    p.executeUpdate();
                }
                lockedRunId = null;
            }
            recorder.close();
            isDelivered.close();
            reader.close();
            db.close();
        } catch (SQLException e) {
            throw fail("close", e);
        }
    }
}
