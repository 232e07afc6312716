package io.botfleet.persistence.cluster;

import io.botfleet.api.cluster.BotLease;
import io.botfleet.api.cluster.LeaseLostException;
import io.botfleet.api.store.StoreException;
import io.botfleet.persistence.journal.JournalFence;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The journal's lease check: in the journal's own transaction, the lease rows of the bots it
 * writes for are read {@code FOR SHARE} (in bot id order), and a bot whose row does not have this
 * node and the epoch it holds the lease under writes nothing. The share lock holds until the
 * transaction ends, so another node's take-over of one of those leases waits for this commit, and
 * its recovery, which reads the journal after taking the lease, sees everything this node
 * committed: no order can be committed here, and so sent, once another node runs the bot.
 * A bot without a lease of this node is refused without asking the database.
 */
public final class LeaseFence implements JournalFence {

    private final String nodeId;
    private final HeldLeases held;
    private final int leaseSeconds;

    LeaseFence(String nodeId, HeldLeases held, int leaseSeconds) {
        this.nodeId = nodeId;
        this.held = held;
        this.leaseSeconds = leaseSeconds;
    }

    @Override
    public Map<String, StoreException> refused(Connection c, Set<String> botIds) throws SQLException {
        Map<String, StoreException> refused = new HashMap<>();
        Map<String, BotLease> expected = new HashMap<>();
        for (String botId : botIds) {
            BotLease lease = held.get(botId);
            if (lease == null) {
                refused.put(botId, new LeaseLostException(botId, "bot " + botId + ": node " + nodeId
                        + " does not hold its lease; it writes nothing for it"));
            } else {
                expected.put(botId, lease);
            }
        }
        if (expected.isEmpty()) {
            return refused;
        }
        // The share locks taken below hold off another node's take-over until this transaction
        // ends. A node frozen before its commit (a long GC pause, SIGSTOP, a stalled VM) must not
        // hold them past its lease, or the node taking over would wait for it for good: past the
        // lease PostgreSQL ends the transaction, the commit fails, and nothing is sent.
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL idle_in_transaction_session_timeout = " + leaseSeconds * 1000L);
        }
        Set<String> confirmed = new HashSet<>();
        try (PreparedStatement st = c.prepareStatement("SELECT " + LeaseRows.COLUMNS + " FROM bot_leases "
                + "WHERE bot_id = ANY(?) ORDER BY bot_id FOR SHARE")) {
            st.setArray(1, JdbcClusterStore.textArray(c, expected.keySet()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    BotLease row = LeaseRows.read(rs);
                    BotLease mine = expected.get(row.botId());
                    if (nodeId.equals(row.ownerNode()) && row.epoch() == mine.epoch()) {
                        confirmed.add(row.botId());
                    } else {
                        held.lost(mine);
                        refused.put(row.botId(), new LeaseLostException(row.botId(), "bot " + row.botId()
                                + ": node " + nodeId + " lost its lease (epoch " + mine.epoch() + "); it is now node "
                                + row.ownerNode() + "'s (epoch " + row.epoch() + "): nothing written, nothing sent"));
                    }
                }
            }
        }
        for (String botId : expected.keySet()) {
            if (!confirmed.contains(botId) && !refused.containsKey(botId)) {
                held.lost(expected.get(botId));
                refused.put(botId, new LeaseLostException(botId, "bot " + botId + ": its lease is gone; node "
                        + nodeId + " writes nothing for it"));
            }
        }
        return refused;
    }
}
