package io.botfleet.persistence.owner;

import io.botfleet.persistence.db.Columns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/** The one row of {@code database_owner}. */
final class OwnerRows {

    private OwnerRows() {
    }

    /** The recorded owner, or null when there is none (or no table yet: a database before version 3). */
    static OwnerRecord read(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT mode, instance, host, pid, started_at, lock_backend FROM database_owner WHERE id = 1")) {
            st.setQueryTimeout(5);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                long backend = rs.getLong(6);
                Long lockBackend = rs.wasNull() ? null : backend;
                return new OwnerRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        Columns.getTime(rs, "started_at"), lockBackend);
            }
        }
    }

    /** Reads the owner where the table may not exist yet; null then. */
    static OwnerRecord readIfPresent(Connection c) {
        try {
            return read(c);
        } catch (SQLException missingTableOrUnreachable) {
            return null;
        }
    }

    /** Records {@code owner} as the owner (update, else insert), in the caller's transaction. */
    static void write(Connection c, OwnerRecord owner) throws SQLException {
        Instant now = Instant.now();
        try (PreparedStatement update = c.prepareStatement("UPDATE database_owner SET mode = ?, instance = ?, host = ?, "
                + "pid = ?, started_at = ?, lock_backend = ?, taken_at = ? WHERE id = 1")) {
            bind(update, owner, now);
            if (update.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO database_owner (mode, instance, host, pid, "
                + "started_at, lock_backend, taken_at, id) VALUES (?, ?, ?, ?, ?, ?, ?, 1)")) {
            bind(insert, owner, now);
            insert.executeUpdate();
        }
    }

    private static void bind(PreparedStatement st, OwnerRecord owner, Instant now) throws SQLException {
        st.setString(1, owner.mode());
        st.setString(2, owner.instance());
        st.setString(3, owner.host());
        st.setLong(4, owner.pid());
        Columns.setTime(st, 5, owner.startedAt());
        if (owner.lockBackend() == null) {
            st.setNull(6, Types.BIGINT);
        } else {
            st.setLong(6, owner.lockBackend());
        }
        Columns.setTime(st, 7, now);
    }
}
