package io.botfleet.persistence.cluster;

import io.botfleet.persistence.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * PostgreSQL's LISTEN/NOTIFY on {@value #CHANNEL}: a node that gives a lease up notifies in the
 * same transaction (delivered at its commit), and the other nodes, waiting here on a connection of
 * their own, take the bot at once instead of at their next round. Only a shortcut: the rounds find
 * every free bot anyway, so a lost connection costs speed, never a bot. The node listens from its
 * join to its leave: a connection that LISTENs but is never read would hold up the database's
 * notification queue.
 */
final class GivenUpLeases implements AutoCloseable {

    static final String CHANNEL = "botfleet_lease_given_up";

    private final Database db;
    private volatile Connection listening;
    private volatile boolean active;

    GivenUpLeases(Database db) {
        this.db = db;
    }

    /** In the transaction that gives leases up: tells the listening nodes, at commit. */
    static void notifyGivenUp(Connection c, String what) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            st.setString(1, CHANNEL);
            st.setString(2, what);
            st.execute();
        }
    }

    /**
     * Waits up to {@code timeoutMillis} for a notification; true when one came. Listens first (on
     * a connection outside the pool) when it does not yet; a failure closes that connection, waits
     * the timeout and answers false, so the caller's loop goes on at the pace of its timeout.
     * Between a {@link #stop} and the next {@link #start} it only waits.
     */
    boolean await(long timeoutMillis) throws InterruptedException {
        if (!active) {
            TimeUnit.MILLISECONDS.sleep(timeoutMillis);
            return false;
        }
        try {
            Connection c = listening;
            if (c == null) {
                c = db.dedicatedConnection();
                c.setAutoCommit(true);
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                listening = c;
            }
            PGNotification[] got = c.unwrap(PGConnection.class).getNotifications((int) Math.max(1, timeoutMillis));
            return got != null && got.length > 0;
        } catch (SQLException e) {
            closeConnection();
            TimeUnit.MILLISECONDS.sleep(timeoutMillis);
            return false;
        }
    }

    /** The node joined: {@link #await} listens from now on. */
    void start() {
        active = true;
    }

    /** The node left (or the stores close): no more listening, its connection closed. */
    void stop() {
        active = false;
        closeConnection();
    }

    @Override
    public void close() {
        stop();
    }

    private void closeConnection() {
        Connection c = listening;
        listening = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // it was going anyway
            }
        }
    }
}
