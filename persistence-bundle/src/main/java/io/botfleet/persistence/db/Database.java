package io.botfleet.persistence.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.botfleet.api.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool and the two ways the stores use it: a unit of work in one transaction, or
 * in auto-commit. Every failure leaves as a {@link StoreException} naming what was attempted.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /** How long a caller waits for a connection before the database counts as unreachable. */
    private static final long CONNECTION_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(5);

    private final String url;
    private final HikariDataSource pool;
    /** Why writes are refused (this server no longer owns the database), or null. */
    private volatile String writeRefusal;
    private volatile CommitFence commitFence;

    private Database(String url, HikariDataSource pool) {
        this.url = url;
        this.pool = pool;
    }

    /**
     * Opens a pool on {@code settings.jdbcUrl()} (which must be set) and checks that one connection
     * can be made.
     *
     * @throws StoreException when the database cannot be reached or opened
     */
    public static Database open(DatabaseSettings settings) {
        String url = JdbcUrls.withJournalSettings(settings.jdbcUrl());
        if (url.isEmpty()) {
            throw new IllegalArgumentException("jdbcUrl is not set");
        }
        if (JdbcUrls.hasUnsafeWriteDelay(url)) {
            LOG.warn("H2 URL sets WRITE_DELAY other than 0: committed journal writes can be lost "
                    + "when the process is killed");
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("botfleet-persistence");
        config.setDataSource(DataSources.forUrl(url, settings.user(), settings.password()));
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        config.setValidationTimeout(TimeUnit.SECONDS.toMillis(2));
        // Fail at once when the first connection cannot be made: the caller reports why and retries.
        config.setInitializationFailTimeout(1);
        config.setAutoCommit(true);
        try {
            return new Database(url, new HikariDataSource(config));
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new StoreException("cannot open database " + JdbcUrls.redact(url) + ": "
                    + SqlErrors.reasons(cause), cause);
        }
    }

    /** The effective URL, passwords masked. */
    public String describe() {
        return JdbcUrls.redact(url);
    }

    public boolean isH2() {
        return JdbcUrls.isH2(url);
    }

    /**
     * Refuses every transaction and journal batch from now on, failing it with {@code reason},
     * until {@link #allowWrites()}: a server that lost the ownership of the database must not
     * write to it, since another server may own it by now.
     */
    public void refuseWrites(String reason) {
        writeRefusal = reason;
    }

    public void allowWrites() {
        writeRefusal = null;
    }

    /** Why writes are refused now, or null when they are allowed. */
    public String writeRefusal() {
        return writeRefusal;
    }

    /** Checked by every transaction and journal batch just before it commits; null for none. */
    public void setCommitFence(CommitFence fence) {
        commitFence = fence;
    }

    /**
     * Call right before {@code c.commit()}: throws when writes are refused, or when the commit
     * fence finds that this server no longer owns the database.
     */
    public void beforeCommit(Connection c) throws SQLException {
        checkWritable("commit");
        CommitFence fence = commitFence;
        if (fence != null) {
            fence.check(c);
        }
    }

    /** Throws {@link StoreException} saying why when writes are refused. */
    public void checkWritable(String what) {
        String refused = writeRefusal;
        if (refused != null) {
            throw new StoreException(what + " refused: " + refused);
        }
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(String what, SqlWork<T> work) {
        checkWritable(what);
        try (Connection c = pool.getConnection()) {
            try {
                c.setAutoCommit(false);
                T result = work.run(c);
                beforeCommit(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                discardIfBroken(c, e);
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            throw translate(what, e);
        }
    }

    /** Runs {@code work} on a connection in auto-commit mode (reads, single statements). */
    public <T> T withConnection(String what, SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            try {
                return work.run(c);
            } catch (SQLException | RuntimeException e) {
                discardIfBroken(c, e);
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            throw translate(what, e);
        }
    }

    /**
     * A new connection outside the pool, for a caller that keeps it for as long as it lives (the
     * connection holding the ownership lock: the pool would recycle it, and the lock with it).
     */
    public Connection dedicatedConnection() throws SQLException {
        return pool.getDataSource().getConnection();
    }

    /** Borrows a connection for a caller that manages its own transactions (the journal writer). */
    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /**
     * Takes a connection out of the pool when {@code failure} shows it is dead. Without this a
     * connection to a database that restarted stays in the pool and fails every later use: the pool
     * only recognises the connection errors it knows by code, and H2's "database is closed" is not
     * one of them.
     */
    public void discardIfBroken(Connection c, Throwable failure) {
        boolean broken = SqlErrors.isConnectionFailure(failure);
        if (!broken) {
            try {
                broken = !c.isValid(2);
            } catch (SQLException e) {
                broken = true;
            }
        }
        if (broken) {
            pool.evictConnection(c);
        }
    }

    /** Throws with the reason when the database does not answer within a few seconds. */
    public void ping() {
        withConnection("check the database", c -> {
            try (var st = c.createStatement()) {
                st.setQueryTimeout(5);
                st.execute("SELECT 1");
            }
            return null;
        });
    }

    @Override
    public void close() {
        pool.close();
    }

    public static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.debug("rollback failed", e);
        }
    }

    private static RuntimeException translate(String what, Exception e) {
        // Argument errors are the caller's, not the database's: let them through unchanged.
        if (e instanceof IllegalArgumentException || e instanceof NullPointerException) {
            return (RuntimeException) e;
        }
        return SqlErrors.translate(what, e);
    }
}
