package io.cfsync.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/** Reads a destination's two-column rows (a key and its value) of one ledger table. Stateless. */
final class PairRows {
    private PairRows() {
    }

    /**
     * Puts into {@code rows}, in the order read, every {@code (key, value)} that {@code select} (a query with one
     * parameter, the destination) gives for {@code dest}; returns {@code rows}.
     */
    static Map<String, String> read(Connection db, String select, String dest, Map<String, String> rows)
            throws SQLException {
        try (PreparedStatement p = db.prepareStatement(select)) {
            p.setString(1, dest);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return rows;
    }
}
