package io.botfleet.persistence.owner;

import io.botfleet.api.store.StoreException;
import io.botfleet.persistence.db.Database;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node server's exclusive ownership of its database, so that two servers pointed at one
 * database never both trade.
 *
 * <ul>
 * <li><b>PostgreSQL</b>: a session-scoped advisory lock ({@link AdvisoryLock}) on a connection of
 * its own, outside the pool. {@link #take} fails with {@link DatabaseOwnedException} naming the
 * holder (from the {@code database_owner} row) when another session holds it. While running, every
 * transaction checks right before its commit that the lock's session still holds the lock, and the
 * session is checked every second; once it is gone (cut, terminated, the database restarted) the
 * database refuses every write ({@link Database#refuseWrites}), so the journal commits nothing and
 * no bot can trade (their writes fail and they suspend), and the lock is re-taken every second
 * until it is held again.</li>
 * <li><b>H2</b>: the database file is locked by the process that opened it (H2's own file lock),
 * which already excludes a second process; a refused one names the holder from {@link OwnerFile}.
 * That lock lives as long as the process, so it cannot be lost while running.</li>
 * </ul>
 * Both record the owner in {@code database_owner} with the mode ({@link OwnerRecord#SINGLE}); a
 * database recorded for another mode is refused.
 */
public final class DatabaseOwnership implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseOwnership.class);
    private static final long WATCH_EVERY_MS = 1_000;

    private final Database db;
    private final OwnerRecord me;
    private final ScheduledExecutorService watcher;
    /** The session holding the advisory lock (PostgreSQL), null on H2 and while the lock is lost. */
    private volatile Connection lockConnection;
    /** The backend process id of the lock's session (PostgreSQL), null while the lock is lost. */
    private volatile Long lockBackend;
    private volatile String problem;

    private DatabaseOwnership(Database db, OwnerRecord me, Connection lockConnection) {
        this.db = db;
        this.me = me;
        this.lockConnection = lockConnection;
        this.watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "botfleet-database-owner");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Takes the database for {@code me}, before it is migrated (the owner migrates).
     *
     * @throws DatabaseOwnedException when another server holds the lock
     * @throws StoreException         when the database cannot be asked
     */
    public static DatabaseOwnership take(Database db, OwnerRecord me) {
        if (db.isH2()) {
            return new DatabaseOwnership(db, me, null); // opening the file took H2's lock
        }
        Connection c = null;
        try {
            c = db.dedicatedConnection();
            if (!AdvisoryLock.tryTake(c)) {
                throw ownedBy(db.describe(), OwnerRows.readIfPresent(c));
            }
            DatabaseOwnership ownership = new DatabaseOwnership(db, me, c);
            c = null;
            return ownership;
        } catch (SQLException e) {
            throw new StoreException("cannot take the lock of database " + db.describe() + ": " + e.getMessage(), e);
        } finally {
            closeQuietly(c);
        }
    }

    /**
     * Joins the database as a cluster node ({@code me} of mode {@link OwnerRecord#CLUSTER}), before
     * it is migrated: takes the ownership lock in shared mode, which any number of nodes hold
     * together and which excludes a single-mode server (and is refused while one runs). The nodes
     * do not fence their commits with it: each bot's lease does (see the cluster store).
     *
     * @throws DatabaseOwnedException when a single-mode server owns the database, or it is H2
     * @throws StoreException         when the database cannot be asked
     */
    public static DatabaseOwnership joinAsClusterNode(Database db, OwnerRecord me) {
        if (!me.isCluster()) {
            throw new IllegalArgumentException("not a cluster node: " + me.mode());
        }
        if (db.isH2()) {
            throw new DatabaseOwnedException(h2ClusterRefusal(db.describe()));
        }
        Connection c = null;
        try {
            c = db.dedicatedConnection();
            if (!AdvisoryLock.tryTakeShared(c)) {
                throw ownedBy(db.describe(), OwnerRows.readIfPresent(c));
            }
            DatabaseOwnership ownership = new DatabaseOwnership(db, me, c);
            c = null;
            return ownership;
        } catch (SQLException e) {
            throw new StoreException("cannot take the shared lock of database " + db.describe() + ": " + e.getMessage(), e);
        } finally {
            closeQuietly(c);
        }
    }

    /** Why cluster mode refuses an H2 database (one line, for the launcher's refusal). */
    public static String h2ClusterRefusal(String describedUrl) {
        return "cluster mode needs PostgreSQL, but database " + describedUrl + " is H2, which one process opens"
                + " alone: set jdbcUrl of io.botfleet.persistence to a PostgreSQL database shared by every node,"
                + " or enabled=false in io.botfleet.cluster";
    }

    /**
     * The refusal of an H2 database whose file another process holds, when {@code failure} (of
     * opening it) is that; else null.
     */
    public static DatabaseOwnedException refusedH2(String url, String describedUrl, Throwable failure) {
        if (!OwnerFile.isFileLockRefusal(failure)) {
            return null;
        }
        return new DatabaseOwnedException("database " + describedUrl + " is owned by another Botfleet server ("
                + OwnerFile.describeHolder(OwnerFile.forUrl(url)) + "): H2 locks its file for one process", failure);
    }

    /**
     * After migration: refuses a database recorded for another mode, then records this server as
     * the owner. Closes the ownership when it throws.
     */
    public void claim(String url) {
        try {
            Connection c = lockConnection;
            if (c != null) {
                long backend = AdvisoryLock.backendPid(c);
                record(c, backend);
                lockBackend = backend;
            } else {
                db.inTransaction("record the database owner", conn -> {
                    checkMode(OwnerRows.read(conn));
                    OwnerRows.write(conn, me);
                    return null;
                });
                Optional<Path> file = OwnerFile.forUrl(url);
                if (file.isPresent()) {
                    OwnerFile.write(file.get(), me);
                }
            }
        } catch (SQLException | IOException | RuntimeException e) {
            close();
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StoreException("cannot record the owner of database " + db.describe() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Starts checking the lock every second, and fences every commit (PostgreSQL; H2's file lock
     * cannot be lost): right before it commits, a transaction checks on its own connection that
     * the lock's session still holds the lock. Without that, a commit in the second between the
     * lock's loss and the next check could land after another server took the database.
     */
    public void watch() {
        if (lockConnection != null && !me.isCluster()) {
            db.setCommitFence(this::checkAtCommit);
            watcher.scheduleWithFixedDelay(this::watchOnce, WATCH_EVERY_MS, WATCH_EVERY_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** Why this server does not own its database now (it lost the lock), or null while it does. */
    public String problem() {
        return problem;
    }

    /** Stops watching and releases the lock (its session ends). */
    @Override
    public void close() {
        watcher.shutdownNow();
        try {
            watcher.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(lockConnection);
        lockConnection = null;
    }

    private void checkAtCommit(Connection c) throws SQLException {
        Long backend = lockBackend;
        if (backend == null) {
            throw new StoreException(problem != null ? problem : "this server does not hold the lock of database "
                    + db.describe());
        }
        if (!AdvisoryLock.isHeldBy(c, backend)) {
            throw new StoreException(refuse("lost the lock of database " + db.describe() + " (its session " + backend
                    + " no longer held it at a commit)"));
        }
    }

    private void watchOnce() {
        try {
            Connection c = lockConnection;
            Long backend = lockBackend;
            if (c != null && backend != null) {
                try {
                    if (AdvisoryLock.isHeldBy(c, backend)) {
                        if (problem != null) {
                            // a commit's check saw otherwise, but the session holds it: carry on
                            problem = null;
                            db.allowWrites();
                        }
                        return;
                    }
                    lose("its session no longer holds it");
                } catch (SQLException e) {
                    lose("the session holding it failed: " + firstLine(e.getMessage()));
                }
            }
            retake();
        } catch (RuntimeException e) {
            LOG.error("checking the lock of database {} failed", db.describe(), e);
        }
    }

    private void lose(String why) {
        lockBackend = null;
        closeQuietly(lockConnection);
        lockConnection = null;
        refuse("lost the lock of database " + db.describe() + " (" + why + ")");
    }

    /** Writes stop, with the reason every refused write (and so every suspended bot) carries; returns it. */
    private String refuse(String why) {
        String reason = "this server " + why + "; not trading until it holds the lock again";
        if (!reason.equals(problem)) {
            LOG.error("{}", reason);
        }
        problem = reason;
        db.refuseWrites(reason);
        return reason;
    }

    private void retake() {
        Connection c = null;
        try {
            c = db.dedicatedConnection();
            if (AdvisoryLock.tryTake(c)) {
                long backend = AdvisoryLock.backendPid(c);
                OwnerRecord before = record(c, backend);
                lockConnection = c;
                lockBackend = backend;
                c = null;
                problem = null;
                db.allowWrites();
                LOG.warn("holds the lock of database {} again; trading resumes{}", db.describe(),
                        before == null || me.sameInstance(before) ? "" : " (owned meanwhile by " + before.describe() + ")");
                return;
            }
            OwnerRecord holder = OwnerRows.readIfPresent(c);
            if (me.sameInstance(holder) && holder.lockBackend() != null
                    && AdvisoryLock.terminate(c, holder.lockBackend())) {
                // One of this server's own sessions that the database still thinks alive (the
                // network went silent instead of closing): it would keep the lock until its TCP
                // keep-alive gave up. Ended; the next round takes the lock.
                refuse("lost the lock of database " + db.describe() + " (ended its own stale session "
                        + holder.lockBackend() + ")");
                return;
            }
            refuse("lost the lock of database " + db.describe() + " (now held by "
                    + (holder == null || me.sameInstance(holder) ? "another session" : holder.describe()) + ")");
        } catch (SQLException | StoreException e) {
            refuse("lost the lock of database " + db.describe() + " (cannot take it again: "
                    + firstLine(e.getMessage()) + ")");
        } finally {
            closeQuietly(c);
        }
    }

    /** Checks the mode and records this server as the owner on the lock's session; the previous owner. */
    private OwnerRecord record(Connection c, long backend) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            OwnerRecord before = OwnerRows.read(c);
            checkMode(before);
            OwnerRows.write(c, me.withLockBackend(backend));
            c.commit();
            return before;
        } catch (SQLException | RuntimeException e) {
            Database.rollbackQuietly(c);
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private void checkMode(OwnerRecord recorded) {
        if (me.isCluster() && recorded != null && OwnerRecord.SINGLE.equals(recorded.mode())) {
            return; // a database a single server used joins a cluster (its shared lock proves that server gone)
        }
        if (recorded != null && !me.mode().equals(recorded.mode())) {
            throw new DatabaseOwnedException("database " + db.describe() + " is recorded for mode '" + recorded.mode()
                    + "' (last owner " + recorded.describe() + "): a server in mode '" + me.mode()
                    + "' refuses to share it");
        }
    }

    private static DatabaseOwnedException ownedBy(String database, OwnerRecord holder) {
        if (holder != null && holder.isCluster()) {
            return new DatabaseOwnedException("database " + database + " is shared by the nodes of a Botfleet cluster"
                    + " (last joined: " + holder.describe() + "): a server in mode 'single' refuses to share it");
        }
        return new DatabaseOwnedException("database " + database + " is owned by another Botfleet server ("
                + (holder == null ? "holder not recorded" : holder.describe()
                        + (holder.lockBackend() == null ? "" : ", database session " + holder.lockBackend())) + ")");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("closing the lock's connection failed", e);
        }
    }
}
