package io.cfsync.state;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes the {@code prepass_rows} table: a destination's pre-pass state (such as automatic session
 * ids) as opaque key/text rows, saved with the watermarks so that a resumed run continues it. The table is its own
 * (created on the first save, so ledgers that never need it never get it, and older cf-sync versions ignore it).
 * Callers guard the connection.
 */
final class PrePassRows {
    private static final String TABLE = "CREATE TABLE IF NOT EXISTS prepass_rows(dest TEXT NOT NULL, "
            + "key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY(dest, key)) WITHOUT ROWID";

    private PrePassRows() {
    }

    /** Applies {@code changes} (a null value deletes the row) in one transaction. */
    static void save(Connection db, String dest, Map<String, String> changes, Path file) {
        if (changes.isEmpty()) {
            return;
        }
        try (Statement s = db.createStatement()) {
            s.execute(TABLE);
            s.execute("BEGIN IMMEDIATE");
            try (PreparedStatement put = db.prepareStatement("INSERT OR REPLACE INTO prepass_rows(dest, key, "
                    + "value) VALUES (?, ?, ?)");
                 PreparedStatement delete = db.prepareStatement("DELETE FROM prepass_rows WHERE dest = ? "
                         + "AND key = ?")) {
                for (Map.Entry<String, String> c : changes.entrySet()) {
                    PreparedStatement p = c.getValue() == null ? delete : put;
                    p.setString(1, dest);
                    p.setString(2, c.getKey());
                    if (c.getValue() != null) {
                        p.setString(3, c.getValue());
                    }
                    p.addBatch();
                }
                put.executeBatch();
                delete.executeBatch();
                s.execute("COMMIT");
            } catch (SQLException e) {
                Ledger.rollbackQuietly(s);
                throw e;
            }
        } catch (SQLException e) {
            throw LedgerErrors.of(file, "write", e);
        }
    }

    /** Removes every row of {@code dest}. */
    static void clear(Connection db, String dest, Path file) {
        try {
            if (!exists(db)) {
                return;
            }
            try (PreparedStatement p = db.prepareStatement("DELETE FROM prepass_rows WHERE dest = ?")) {
                p.setString(1, dest);
                p.executeUpdate();
            }
        } catch (SQLException e) {
            throw LedgerErrors.of(file, "write", e);
        }
    }

    private static boolean exists(Connection db) throws SQLException {
        try (Statement s = db.createStatement();
             ResultSet t = s.executeQuery("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                     + "AND name = 'prepass_rows'")) {
            return t.next();
        }
    }

    /** Every row of {@code dest}; empty when none were ever saved. */
    static Map<String, String> load(Connection db, String dest, Path file) {
        Map<String, String> rows = new LinkedHashMap<>();
        try {
            if (!exists(db)) {
                return rows;
            }
            return PairRows.read(db, "SELECT key, value FROM prepass_rows WHERE dest = ?", dest, rows);
        } catch (SQLException e) {
            throw LedgerErrors.of(file, "read", e);
        }
    }
}
