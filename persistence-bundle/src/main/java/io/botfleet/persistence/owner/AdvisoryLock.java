package io.botfleet.persistence.owner;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * PostgreSQL's session-scoped advisory lock that says which server owns a database. It is held by
 * one session for as long as that session lives and released by the server when the session ends
 * (the process died, the connection was cut or terminated), so it can never outlive its holder
 * the way a row or a file could. The key is per schema: two Botfleet installations on one
 * PostgreSQL database in different schemas do not exclude each other.
 */
final class AdvisoryLock {

    /** The first of the two keys: "BFlt", so that the lock cannot collide with another application's. */
    static final int BOTFLEET_KEY = 0x42466C74;
    private static final int QUERY_TIMEOUT_SECONDS = 5;

    private AdvisoryLock() {
    }

    /**
     * Takes the lock on {@code c}'s session if it is free; false when another session holds it.
     * First makes the database probe this session's client every few seconds once it is idle
     * (TCP keep-alive, settable per session): a holder whose host vanished (power loss, a
     * partition) then loses its session, and the lock, within about 25 s instead of the operating
     * system's default of two hours, so that a replacement server can start.
     */
    static boolean tryTake(Connection c) throws SQLException {
        return tryTake(c, "pg_try_advisory_lock");
    }

    /**
     * Takes the lock in shared mode (cluster nodes: any number of them hold it together, and it
     * excludes a single-mode server, whose exclusive lock it conflicts with); false while a
     * single-mode server holds the lock.
     */
    static boolean tryTakeShared(Connection c) throws SQLException {
        return tryTake(c, "pg_try_advisory_lock_shared");
    }

    private static boolean tryTake(Connection c, String function) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET tcp_keepalives_idle = 10");
            st.execute("SET tcp_keepalives_interval = 5");
            st.execute("SET tcp_keepalives_count = 3");
        }
        try (PreparedStatement st = c.prepareStatement(
                "SELECT " + function + "(?, hashtext(coalesce(current_schema(), '')))")) {
            st.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            st.setInt(1, BOTFLEET_KEY);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** The backend process id of {@code c}'s session (what {@code pg_terminate_backend} takes). */
    static long backendPid(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT pg_backend_pid()")) {
            st.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * True when the session {@code backend} holds a Botfleet advisory lock, asked on any session
     * ({@code c}): the journal asks in its own transaction right before committing.
     */
    static boolean isHeldBy(Connection c, long backend) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                + "AND pid = ? AND classid = CAST(? AS oid) AND objsubid = 2 AND granted")) {
            st.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            st.setInt(1, (int) backend);
            st.setLong(2, BOTFLEET_KEY);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    /**
     * Ends another session (one of this server's own that the database still thinks alive after
     * the network went silent: it would hold the lock until its TCP keep-alive gave up). A role may
     * end the sessions of its own role.
     */
    static boolean terminate(Connection c, long backend) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
            st.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            st.setInt(1, (int) backend);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
