package io.botfleet.persistence.db;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A last check on the transaction's own connection right before {@code COMMIT}: throws when this
 * server may no longer write (it lost the ownership of the database), so that nothing commits
 * between losing the lock and noticing it.
 */
@FunctionalInterface
public interface CommitFence {

    void check(Connection c) throws SQLException;
}
