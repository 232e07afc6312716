package io.botfleet.persistence.db;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done on one connection; may throw {@link SQLException}, which the caller translates. */
@FunctionalInterface
public interface SqlWork<T> {

    T run(Connection connection) throws SQLException;
}
