package io.botfleet.persistence.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The prepared statements of one batch, each prepared once and reused by every write in the batch:
 * a batch of hundreds of writes then costs a handful of statement preparations.
 */
final class JournalStatements implements AutoCloseable {

    private final Connection connection;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();

    JournalStatements(Connection connection) {
        this.connection = connection;
    }

    PreparedStatement get(String sql) throws SQLException {
        PreparedStatement st = prepared.get(sql);
        if (st == null) {
            st = connection.prepareStatement(sql);
            prepared.put(sql, st);
        } else {
            st.clearParameters();
        }
        return st;
    }

    @Override
    public void close() {
        for (PreparedStatement st : prepared.values()) {
            try {
                st.close();
            } catch (SQLException ignored) {
                // the connection goes back to the pool or is discarded either way
            }
        }
        prepared.clear();
    }
}
