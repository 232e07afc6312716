package io.botfleet.persistence.cluster;

import io.botfleet.api.cluster.BotLease;
import io.botfleet.persistence.db.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads {@code bot_leases} rows selected as {@code bot_id, owner_node, epoch, expires_at}. */
final class LeaseRows {

    static final String COLUMNS = "bot_id, owner_node, epoch, expires_at";

    private LeaseRows() {
    }

    static BotLease read(ResultSet rs) throws SQLException {
        return new BotLease(rs.getString("bot_id"), rs.getString("owner_node"), rs.getLong("epoch"),
                Columns.getTime(rs, "expires_at"));
    }
}
