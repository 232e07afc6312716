package io.botfleet.persistence.journal;

import io.botfleet.api.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;

/**
 * Checks, inside a journal transaction and before any of its writes, which bots this server may
 * no longer write for (cluster mode: the bot's lease is no longer this node's with the epoch it
 * runs the bot under). The check must hold until the transaction ends (the lease rows are read
 * {@code FOR SHARE}), so that no other node can take a lease between the check and the commit.
 */
@FunctionalInterface
public interface JournalFence {

    /**
     * @param c      the journal's connection, in the transaction that will write for {@code botIds}
     * @param botIds the bots the transaction writes for
     * @return the refused bots, each with the failure its writes end with (nothing of them is
     *         written); empty when every bot may write
     */
    Map<String, StoreException> refused(Connection c, Set<String> botIds) throws SQLException;
}
