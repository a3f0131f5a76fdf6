package io.cfsync.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads and writes the one-row {@code lock} table. Rows written by versions before refresh counts have no beat,
 * tag or timeout: they read as beat 0, no tag and the default timeout (their holders still change
 * {@code refreshed_at} at every refresh, which is part of a lease's progress). Callers hold the connection's
 * transaction; not thread-safe.
 */
final class LeaseTable {
    private LeaseTable() {
    }

    static Optional<Lease> read(Connection db) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("SELECT run_id, pid, host, process_start, started_at, "
                + "refreshed_at, beat, process_tag, timeout_ms FROM lock WHERE id = 1");
             ResultSet rs = p.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            Instant started = parse(rs.getString(5));
            String refreshed = rs.getString(6);
            long timeout = rs.getLong(9);
            Lease.Holder holder = new Lease.Holder(rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(8));
            return Optional.of(new Lease(rs.getString(1), holder, started,
                    refreshed == null ? started : parse(refreshed), rs.getLong(7),
                    timeout <= 0 ? Lease.DEFAULT_TIMEOUT : Duration.ofMillis(timeout)));
        }
    }

    static void write(Connection db, Lease l) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("INSERT OR REPLACE INTO lock(id, run_id, pid, host, "
                + "process_start, started_at, refreshed_at, beat, process_tag, timeout_ms) "
                + "VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, l.runId());
            p.setLong(2, l.pid());
            p.setString(3, l.host());
            p.setString(4, l.processStart());
            p.setString(5, l.startedAt().toString());
            p.setString(6, l.refreshedAt().toString());
            p.setLong(7, l.beat());
            p.setString(8, l.processTag());
            p.setLong(9, l.timeout().toMillis());
            p.executeUpdate();
        }
    }

    /**
     * Records a refresh: the holder's time, and one more beat (what readers watch; a wall clock may repeat itself).
     *
     * @return false when the lease is no longer this run's (it was broken or taken over) */
    static boolean refresh(Connection db, String runId, Instant now) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("UPDATE lock SET refreshed_at = ?, "
                + "beat = coalesce(beat, 0) + 1 WHERE run_id = ?")) {
            p.setString(1, now.toString());
            p.setString(2, runId);
            return p.executeUpdate() == 1;
        }
    }

    static void delete(Connection db, String runId) throws SQLException {
        try (PreparedStatement p = db.prepareStatement(runId == null ? "DELETE FROM lock"
                : "DELETE FROM lock WHERE run_id = ?")) {
            if (runId != null) {
                p.setString(1, runId);
            }
            p.executeUpdate();
        }
    }

    /** Rows written before leases existed may hold any ISO instant; an unreadable one counts as long ago. */
    private static Instant parse(String s) {
        try {
            return Instant.parse(s);
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }
}
