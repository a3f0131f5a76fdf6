package io.cfsync.state;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes the {@code sources} table (per input watermarks). Callers guard the connection. */
final class Sources {
    private static final String COLUMNS = "path, watermark, byte_offset, prefix_sha256, complete, finished_beyond, "
            + "beyond_offset, beyond_sha256";

    private Sources() {
    }

    static SourceState one(Connection db, String dest, String path, Path file) {
        try (PreparedStatement p = db.prepareStatement("SELECT " + COLUMNS + " FROM sources WHERE dest = ? "
                + "AND path = ?")) {
            p.setString(1, dest);
            p.setString(2, path);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? row(rs) : null;
            }
        } catch (SQLException e) {
            throw LedgerErrors.of(file, "read", e);
        }
    }

    static List<SourceState> all(Connection db, String dest, Path file) {
        List<SourceState> out = new ArrayList<>();
        try (PreparedStatement p = db.prepareStatement("SELECT " + COLUMNS + " FROM sources WHERE dest = ? "
                + "ORDER BY path")) {
            p.setString(1, dest);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw LedgerErrors.of(file, "read", e);
        }
    }

    /** The paths recorded for {@code dest} that start with {@code prefix}, in order. */
    static List<String> pathsStartingWith(Connection db, String dest, String prefix, Path file) {
        List<String> out = new ArrayList<>();
        // A range on the key, so the primary key's index finds them: every string starting with the prefix sorts
        // before the prefix with its last character raised by one.
        String above = prefix.substring(0, prefix.length() - 1) + (char) (prefix.charAt(prefix.length() - 1) + 1);
        try (PreparedStatement p = db.prepareStatement("SELECT path FROM sources WHERE dest = ? AND path >= ? "
                + "AND path < ? ORDER BY path")) {
            p.setString(1, dest);
            p.setString(2, prefix);
            p.setString(3, above);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw LedgerErrors.of(file, "read", e);
        }
    }

    static void save(Connection db, String dest, SourceState s, Instant now, Path file) {
        try (PreparedStatement p = db.prepareStatement("INSERT OR REPLACE INTO sources(dest, " + COLUMNS
                + ", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, dest);
            p.setString(2, s.path());
            p.setLong(3, s.watermark());
            if (s.prefixSha256() == null) {
                p.setNull(4, java.sql.Types.INTEGER);
            } else {
                p.setLong(4, s.offset());
            }
            p.setString(5, s.prefixSha256());
            p.setInt(6, s.complete() ? 1 : 0);
            p.setString(7, s.finishedBeyond());
            if (s.finishedBeyond() == null) {
                p.setNull(8, java.sql.Types.INTEGER);
            } else {
                p.setLong(8, s.beyondOffset());
            }
            p.setString(9, s.beyondSha256());
            p.setString(10, now.toString());
            p.executeUpdate();
        } catch (SQLException e) {
            throw LedgerErrors.of(file, "write", e);
        }
    }

    private static SourceState row(ResultSet rs) throws SQLException {
        long offset = rs.getLong(3);
        if (rs.wasNull()) {
            offset = -1;
        }
        String beyond = rs.getString(6);
        long beyondOffset = rs.getLong(7);
        if (beyond == null || rs.wasNull()) {
            return new SourceState(rs.getString(1), rs.getLong(2), offset, rs.getString(4), rs.getInt(5) != 0);
        }
        return new SourceState(rs.getString(1), rs.getLong(2), offset, rs.getString(4), rs.getInt(5) != 0,
                new SourceState.Beyond(beyond, beyondOffset, rs.getString(8)));
    }
}
