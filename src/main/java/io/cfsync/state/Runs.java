package io.cfsync.state;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads and writes the {@code runs} table, and the summaries {@code cf-sync status} shows. Callers guard it. */
final class Runs {
    private Runs() {
    }

    static void started(Connection db, String runId, String dest, String command, Instant now, Path file) {
        try (PreparedStatement p = db.prepareStatement("INSERT INTO runs(id, dest, pid, started_at, command) "
                + "VALUES (?, ?, ?, ?, ?)")) {
            p.setString(1, runId);
            p.setString(2, dest);
            p.setLong(3, ProcessHandle.current().pid());
            p.setString(4, now.toString());
            p.setString(5, command);
            p.executeUpdate();
        } catch (SQLException e) {
            throw LedgerErrors.of(file, "write", e);
        }
    }

    static void ended(Connection db, String runId, String outcome, String summary, Instant now, Path file) {
        try (PreparedStatement p = db.prepareStatement("UPDATE runs SET ended_at = ?, outcome = ?, summary = ? "
                + "WHERE id = ?")) {
            p.setString(1, now.toString());
            p.setString(2, outcome);
            p.setString(3, summary);
            p.setString(4, runId);
            p.executeUpdate();
        } catch (SQLException e) {
            throw LedgerErrors.of(file, "write", e);
        }
    }

    static Map<String, Long> deliveredCounts(Connection db, Path file) {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT dest, count(*) FROM delivered WHERE state = 1 GROUP BY dest "
                     + "ORDER BY dest")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
            return out;
        } catch (SQLException e) {
            throw LedgerErrors.of(file, "read", e);
        }
    }

    static List<String> destinations(Connection db, Path file) {
        List<String> out = new ArrayList<>();
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT dest FROM sources UNION SELECT dest FROM runs ORDER BY 1")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw LedgerErrors.of(file, "read", e);
        }
    }

    /** The last {@code n} runs, newest first: in the order they were recorded, which no clock step reorders. */
    static List<Ledger.Run> last(Connection db, int n, Path file) {
        List<Ledger.Run> out = new ArrayList<>();
        try (PreparedStatement p = db.prepareStatement("SELECT id, dest, pid, started_at, ended_at, outcome, summary "
                + "FROM runs ORDER BY rowid DESC LIMIT ?")) {
            p.setInt(1, n);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new Ledger.Run(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                            new Ledger.Run.Ended(rs.getString(5), rs.getString(6), rs.getString(7))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw LedgerErrors.of(file, "read", e);
        }
    }
}
