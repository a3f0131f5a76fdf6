package io.cfsync.state;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Opens a ledger file, and only ever creates one where no file exists: an existing file is checked (SQLite header,
 * size against the header, {@code application_id}, schema) and refused with a {@link LedgerRefusedException} when
 * it is not a usable cf-sync ledger, so a damaged or wrong file never silently turns into an empty ledger (which
 * would send everything again). Ledgers written by cf-sync 0.1.0 (schema 1, no application id) are migrated in
 * place. Stateless; safe to call from several processes at once.
 */
final class LedgerFile {
    /** {@code PRAGMA application_id} of a cf-sync ledger: "cfsy" in ASCII. */
    static final int APPLICATION_ID = 0x63667379;
    static final int SCHEMA_VERSION = 2;
    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = 100;
    private static final Set<String> TABLES = Set.of("meta", "sources", "delivered", "runs", "lock");

    private LedgerFile() {
    }

    /** A connection in WAL mode to the checked (created, migrated) ledger at {@code file}. */
    static Connection open(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            checkHeader(file);
        } catch (IOException e) {
            throw new LedgerException("cannot open the ledger " + file + ": " + e.getMessage(), e);
        }
        Connection db = null;
        try {
            db = Ledger.connect(file);
            try (Statement s = db.createStatement()) {
                checkOwner(file, s); // before anything is written: another program's file stays untouched
                s.execute("PRAGMA journal_mode = WAL");
                migrate(file, s);
                addLeaseColumns(s);
            }
            return db;
        } catch (SQLException e) {
            closeQuietly(db);
            int code = LedgerErrors.primaryCode(e);
            if (code == 11 || code == 26) {
                throw refused(file, "is damaged (" + LedgerErrors.plain(e.getMessage()) + ")");
            }
            throw LedgerErrors.of(file, "open", e);
        } catch (RuntimeException e) {
            closeQuietly(db);
            throw e;
        }
    }

    /**
     * Builds the new ledger under a temporary name, then links it into place only if nothing appeared there
     * meanwhile: a run opening the path at the same moment sees either no file or a whole ledger, never an empty one.
     */
    private static void create(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + file.getFileName() + ".new-" + UUID.randomUUID());
        try {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp);
                 Statement s = c.createStatement()) {
                s.execute("PRAGMA application_id = " + APPLICATION_ID);
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("BEGIN IMMEDIATE");
                createTables(s);
                s.execute("COMMIT");
            } catch (SQLException e) {
                throw new IOException(LedgerErrors.describe(file, "create", e), e);
            }
            try {
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException e) {
                // another run created it first: use theirs
            } catch (UnsupportedOperationException | IOException e) {
                if (!Files.exists(file)) {
                    Files.move(tmp, file);
                }
            }
        } finally {
            Files.deleteIfExists(tmp);
            Files.deleteIfExists(Path.of(tmp + "-wal"));
            Files.deleteIfExists(Path.of(tmp + "-shm"));
        }
    }

    private static void createTables(Statement s) throws SQLException {
        s.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
        s.execute(SOURCES_V2.replace("%s", "sources"));
        s.execute("CREATE TABLE delivered(dest TEXT NOT NULL, key TEXT NOT NULL, state INTEGER NOT NULL, "
                + "PRIMARY KEY(dest, key)) WITHOUT ROWID");
        s.execute("CREATE TABLE runs(id TEXT PRIMARY KEY, dest TEXT NOT NULL, pid INTEGER, started_at TEXT NOT NULL, "
                + "ended_at TEXT, outcome TEXT, command TEXT, summary TEXT)");
        s.execute("CREATE TABLE lock(id INTEGER PRIMARY KEY CHECK (id = 1), run_id TEXT NOT NULL, pid INTEGER NOT "
                + "NULL, host TEXT NOT NULL, process_start TEXT, started_at TEXT NOT NULL, refreshed_at TEXT" + LEASE_V2
                + ")");
        s.execute("INSERT INTO meta(key, value) VALUES ('schema_version', '" + SCHEMA_VERSION + "')");
    }

    /**
     * The lease's refresh count, kernel process tag and timeout. Added to ledgers of schema 2 in place, without a
     * new schema version: older versions name their columns, so they go on using such a ledger.
     */
    private static final String LEASE_V2 = ", beat INTEGER, process_tag TEXT, timeout_ms INTEGER";

    /** Per input: the watermark line, the byte offset just past it and the SHA-256 of every byte before that. */
    private static final String SOURCES_V2 = "CREATE TABLE %s(dest TEXT NOT NULL, path TEXT NOT NULL, "
            + "watermark INTEGER NOT NULL, byte_offset INTEGER, prefix_sha256 TEXT, complete INTEGER NOT NULL, "
            + "updated_at TEXT NOT NULL, finished_beyond TEXT, beyond_offset INTEGER, beyond_sha256 TEXT, "
            + "PRIMARY KEY(dest, path))";

    /** Refuses what is plainly not a whole SQLite file, before SQLite gets to see (or initialise) it. */
    private static void checkHeader(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw refused(file, "is a folder, not a file");
        }
        long size = Files.size(file);
        if (size == 0) {
            throw refused(file, "is empty (0 bytes)");
        }
        byte[] h = new byte[HEADER];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(h, 0, HEADER);
        }
        if (n < MAGIC.length || !Arrays.equals(h, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw refused(file, "is not an SQLite database");
        }
        if (n < HEADER) {
            throw refused(file, "is truncated (" + size + (size == 1 ? " byte" : " bytes")
                    + ", shorter than an SQLite header)");
        }
        ByteBuffer b = ByteBuffer.wrap(h);
        int pageSize = (b.getShort(16) & 0xffff) == 1 ? 65536 : b.getShort(16) & 0xffff;
        long pages = b.getInt(28) & 0xffffffffL;
        boolean countValid = b.getInt(24) == b.getInt(92);
        // With a write-ahead log present another process may be checkpointing: the header can run ahead of the file.
        boolean quiet = !Files.exists(Path.of(file + "-wal"));
        if (countValid && quiet && size < pages * pageSize) {
            throw refused(file, "is truncated (" + size + " bytes; its header says " + pages * pageSize + ")");
        }
    }

    private static void checkOwner(Path file, Statement s) throws SQLException {
        int appId;
        try (ResultSet rs = s.executeQuery("PRAGMA application_id")) {
            appId = rs.next() ? rs.getInt(1) : 0;
        }
        if (appId == APPLICATION_ID) {
            return;
        }
        if (appId != 0) {
            throw refused(file, "is an SQLite database of another program (application_id " + appId + "), "
                    + "not a cf-sync ledger");
        }
        Set<String> tables = new HashSet<>();
        try (ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        if (!tables.containsAll(TABLES) || schemaVersion(s) != 1) {
            throw refused(file, tables.isEmpty() ? "is an empty SQLite database, not a cf-sync ledger"
                    : "is an SQLite database, but not a cf-sync ledger");
        }
    }

    private static int schemaVersion(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE key = 'schema_version'")) {
            return rs.next() ? Integer.parseInt(rs.getString(1).trim()) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Brings schema 1 (cf-sync 0.1.0) to 2 in one transaction; a concurrent opener waits, then finds it done. */
    private static void migrate(Path file, Statement s) throws SQLException {
        int version = schemaVersion(s);
        if (version > SCHEMA_VERSION) {
            throw refused(file, "was written by a newer cf-sync (ledger schema " + version + "; this one reads up "
                    + "to " + SCHEMA_VERSION + ")");
        }
        if (version == SCHEMA_VERSION) {
            return;
        }
        s.execute("BEGIN IMMEDIATE");
        try {
            if (schemaVersion(s) == 1) {
                s.execute(SOURCES_V2.replace("%s", "sources_v2"));
                // Rows of schema 1 carry no prefix hash: their inputs are read again from the start, once.
                s.execute("INSERT INTO sources_v2(dest, path, watermark, byte_offset, prefix_sha256, complete, "
                        + "updated_at) SELECT dest, path, watermark, NULL, NULL, complete_size >= 0, updated_at "
                        + "FROM sources");
                s.execute("DROP TABLE sources");
                s.execute("ALTER TABLE sources_v2 RENAME TO sources");
                s.execute("ALTER TABLE lock ADD COLUMN refreshed_at TEXT");
                s.execute("UPDATE meta SET value = '" + SCHEMA_VERSION + "' WHERE key = 'schema_version'");
                s.execute("PRAGMA application_id = " + APPLICATION_ID);
            }
            s.execute("COMMIT");
        } catch (SQLException e) {
            Ledger.rollbackQuietly(s);
            throw e;
        }
    }

    /** Adds {@link #LEASE_V2} where missing; a concurrent opener waits for the write lock, then finds them. */
    private static void addLeaseColumns(Statement s) throws SQLException {
        if (hasColumn(s, "lock", "beat")) {
            return;
        }
        s.execute("BEGIN IMMEDIATE");
        try {
            if (!hasColumn(s, "lock", "beat")) {
                for (String column : LEASE_V2.substring(2).split(", ")) {
                    s.execute("ALTER TABLE lock ADD COLUMN " + column);
                }
            }
            s.execute("COMMIT");
        } catch (SQLException e) {
            Ledger.rollbackQuietly(s);
            throw e;
        }
    }

    private static boolean hasColumn(Statement s, String table, String column) throws SQLException {
        try (ResultSet rs = s.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (rs.next()) {
                if (column.equals(rs.getString("name"))) {
                    return true;
                }
            }
        }
        return false;
    }

    static LedgerRefusedException refused(Path file, String what) {
        boolean ours = what.startsWith("was written by a newer");
        return new LedgerRefusedException("the ledger " + file + " " + what + ". cf-sync does not replace it: "
                + (ours ? "use a newer cf-sync, or give another --state FILE"
                        : "restore it from a backup, or check that --state names the right file; to start over, "
                                + "move it away (the next run then sends every event again)"));
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the open already failed; that failure is the one to report
            }
        }
    }
}
