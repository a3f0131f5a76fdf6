package io.cfsync.state;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads and writes the {@code bulk_jobs} table: which events (by event key) a destination's bulk job holds that was
 * submitted and not yet read, so that a resumed run polls that job instead of submitting the events again. The
 * table is its own, created on the first save (older cf-sync versions ignore it). Callers guard the connection.
 */
final class BulkJobRows {
    private static final String TABLE = "CREATE TABLE IF NOT EXISTS bulk_jobs(dest TEXT NOT NULL, key TEXT NOT NULL, "
            + "job TEXT NOT NULL, PRIMARY KEY(dest, key)) WITHOUT ROWID";

    private BulkJobRows() {
    }

    /** Records {@code keys} as held by {@code job} (null: forgets them), in one transaction. */
    static void save(Connection db, String dest, Collection<String> keys, String job, Path file) {
        if (keys.isEmpty() || (job == null && !exists(db, file))) {
            return;
        }
        try (Statement s = db.createStatement()) {
            s.execute(TABLE);
            s.execute("BEGIN IMMEDIATE");
            try (PreparedStatement p = db.prepareStatement(job == null
                    ? "DELETE FROM bulk_jobs WHERE dest = ? AND key = ?"
                    : "INSERT OR REPLACE INTO bulk_jobs(dest, key, job) VALUES (?, ?, ?)")) {
                for (String k : keys) {
                    p.setString(1, dest);
                    p.setString(2, k);
                    if (job != null) {
                        p.setString(3, job);
                    }
                    p.addBatch();
                }
                p.executeBatch();
                s.execute("COMMIT");
            } catch (SQLException e) {
                Ledger.rollbackQuietly(s);
                throw e;
            }
        } catch (SQLException e) {
            throw LedgerErrors.of(file, "write", e);
        }
    }

    /** Event key → job id for {@code dest}; empty when none was ever saved. */
    static Map<String, String> load(Connection db, String dest, Path file) {
        Map<String, String> rows = new HashMap<>();
        if (!exists(db, file)) {
            return rows;
        }
        try {
            return PairRows.read(db, "SELECT key, job FROM bulk_jobs WHERE dest = ?", dest, rows);
        } catch (SQLException e) {
            throw LedgerErrors.of(file, "read", e);
        }
    }

    private static boolean exists(Connection db, Path file) {
        try (Statement s = db.createStatement();
             ResultSet t = s.executeQuery("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'bulk_jobs'")) {
            return t.next();
        } catch (SQLException e) {
            throw LedgerErrors.of(file, "read", e);
        }
    }
}
