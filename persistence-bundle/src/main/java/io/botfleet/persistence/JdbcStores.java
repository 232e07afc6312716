package io.botfleet.persistence;

import io.botfleet.api.backtest.BacktestStore;
import io.botfleet.api.store.ArtifactStore;
import io.botfleet.api.store.AuditLog;
import io.botfleet.api.store.BotStore;
import io.botfleet.api.store.DeploymentStore;
import io.botfleet.api.store.InstallationStore;
import io.botfleet.api.store.HaltStore;
import io.botfleet.api.store.StoreException;
import io.botfleet.api.store.TokenStore;
import io.botfleet.persistence.artifact.JdbcArtifactStore;
import io.botfleet.persistence.audit.JdbcAuditLog;
import io.botfleet.persistence.backtest.JdbcBacktestStore;
import io.botfleet.persistence.bot.JdbcBotStore;
import io.botfleet.persistence.cluster.JdbcClusterStore;
import io.botfleet.persistence.db.Database;
import io.botfleet.persistence.db.DatabaseSettings;
import io.botfleet.persistence.db.JdbcUrls;
import io.botfleet.persistence.deploy.JdbcDeploymentStore;
import io.botfleet.persistence.install.JdbcInstallationStore;
import io.botfleet.persistence.halt.JdbcHaltStore;
import io.botfleet.persistence.journal.JdbcBotJournal;
import io.botfleet.persistence.migrate.Migrations;
import io.botfleet.persistence.notify.JdbcNotificationOutbox;
import io.botfleet.persistence.migrate.SchemaMigrator;
import io.botfleet.persistence.owner.DatabaseOwnedException;
import io.botfleet.persistence.owner.DatabaseOwnership;
import io.botfleet.persistence.owner.OwnerRecord;
import io.botfleet.persistence.token.JdbcTokenStore;

/**
 * Every store on one database: the plain-Java entry point (tests of other modules, tools) and what
 * the OSGi components wrap. {@link #open} connects, migrates the schema and starts the journal
 * writer; {@link #close} commits what the journal holds and closes the pool.
 *
 * <pre>{@code
 * try (JdbcStores stores = JdbcStores.open("jdbc:h2:file:" + dir + "/botfleet", "", "", 4)) {
 *     stores.botStore().create(config, DesiredState.RUNNING);
 *     stores.journal().commitCandle(progress, intents).toCompletableFuture().join();
 * }
 * }</pre>
 */
public final class JdbcStores implements AutoCloseable {

    private final Database db;
    private final int schemaVersion;
    private final JdbcBotStore botStore;
    private final JdbcBotJournal journal;
    private final JdbcDeploymentStore deployments;
    private final JdbcArtifactStore artifacts;
    private final JdbcAuditLog audit;
    private final JdbcTokenStore tokens;
    private final JdbcInstallationStore installation;
    private final JdbcNotificationOutbox outbox;
    private final JdbcHaltStore halts;
    private final JdbcBacktestStore backtests;
    /** The exclusive ownership of the database (a server's stores), or null (tools, tests). */
    private final DatabaseOwnership ownership;
    /** Cluster mode: this node's nodes and leases; null outside cluster mode. */
    private volatile JdbcClusterStore cluster;

    private JdbcStores(Database db, int schemaVersion, int journalWriters, DatabaseOwnership ownership) {
        this.db = db;
        this.ownership = ownership;
        this.schemaVersion = schemaVersion;
        this.botStore = new JdbcBotStore(db);
        this.journal = new JdbcBotJournal(db, journalWriters);
        this.deployments = new JdbcDeploymentStore(db);
        this.artifacts = new JdbcArtifactStore(db);
        this.audit = new JdbcAuditLog(db);
        this.tokens = new JdbcTokenStore(db);
        this.installation = new JdbcInstallationStore(db);
        this.outbox = new JdbcNotificationOutbox(db);
        this.halts = new JdbcHaltStore(db);
        this.backtests = new JdbcBacktestStore(db);
    }

    /**
     * Opens the stores on {@code jdbcUrl} ({@code jdbc:h2:...} or {@code jdbc:postgresql:...}) with
     * one journal writer thread.
     *
     * @param user     user name, or empty/null (PostgreSQL may take it from the URL)
     * @param password password, or empty/null
     * @param poolSize maximum pooled connections, at least 2 (one is the journal writer's)
     * @throws StoreException when the database cannot be reached, opened or migrated (then
     *                        {@link io.botfleet.persistence.migrate.SchemaTooNewException} when a
     *                        newer bundle wrote it)
     */
    public static JdbcStores open(String jdbcUrl, String user, String password, int poolSize) {
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            throw new IllegalArgumentException("jdbcUrl is required");
        }
        return open(new DatabaseSettings(jdbcUrl, user, password, poolSize, 1));
    }

    /** Opens the stores with explicit settings; {@code settings.jdbcUrl()} must be set. */
    public static JdbcStores open(DatabaseSettings settings) {
        Database db = Database.open(settings);
        try {
            int version = new SchemaMigrator(Migrations.all()).migrate(db);
            return new JdbcStores(db, version, settings.journalWriters(), null);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /**
     * Opens the stores as the one server that owns the database (outside cluster mode): takes the
     * ownership lock before migrating, records this process as the owner, and keeps watching the
     * lock; while it is lost every write is refused (see {@link DatabaseOwnership}). What a server
     * uses; {@link #open} is for tools and tests that look at a database beside its owner.
     *
     * @throws DatabaseOwnedException when another server owns the database, naming it, or the
     *                                database is recorded for another mode
     * @throws StoreException         when the database cannot be reached, opened or migrated
     */
    public static JdbcStores openAsOwner(DatabaseSettings settings, OwnerRecord me) {
        Database db;
        try {
            db = Database.open(settings);
        } catch (StoreException e) {
            DatabaseOwnedException owned = DatabaseOwnership.refusedH2(settings.jdbcUrl(),
                    JdbcUrls.redact(settings.jdbcUrl()), e);
            throw owned != null ? owned : e;
        }
        DatabaseOwnership ownership = null;
        try {
            ownership = DatabaseOwnership.take(db, me);
            int version = new SchemaMigrator(Migrations.all()).migrate(db);
            ownership.claim(settings.jdbcUrl());
            JdbcStores stores = new JdbcStores(db, version, settings.journalWriters(), ownership);
            ownership.watch();
            return stores;
        } catch (RuntimeException e) {
            if (ownership != null) {
                ownership.close();
            }
            db.close();
            throw e;
        }
    }

    /**
     * Opens the stores as one node of a cluster ({@code me} of mode {@link OwnerRecord#CLUSTER}):
     * shares the database with the other nodes (a shared ownership lock, which excludes a
     * single-mode server), migrates it, and fences every journal write with the bot's lease
     * ({@link #cluster()}). The node joins (its row in {@code cluster_nodes}) when its cluster
     * component starts, not here.
     *
     * @throws DatabaseOwnedException when the database is H2 (cluster mode needs PostgreSQL) or a
     *                                single-mode server owns it
     * @throws StoreException         when the database cannot be reached, opened or migrated
     */
    public static JdbcStores openAsClusterNode(DatabaseSettings settings, OwnerRecord me, String nodeId,
                                               int leaseSeconds) {
        if (JdbcUrls.isH2(settings.jdbcUrl())) {
            throw new DatabaseOwnedException(DatabaseOwnership.h2ClusterRefusal(JdbcUrls.redact(settings.jdbcUrl())));
        }
        Database db = Database.open(settings);
        DatabaseOwnership ownership = null;
        try {
            ownership = DatabaseOwnership.joinAsClusterNode(db, me);
            int version = new SchemaMigrator(Migrations.all()).migrate(db);
            ownership.claim(settings.jdbcUrl());
            JdbcStores stores = new JdbcStores(db, version, settings.journalWriters(), ownership);
            stores.cluster = new JdbcClusterStore(db, nodeId, leaseSeconds);
            stores.journal.fenceWith(stores.cluster.fence());
            return stores;
        } catch (RuntimeException e) {
            if (ownership != null) {
                ownership.close();
            }
            db.close();
            throw e;
        }
    }

    /**
     * Cluster mode: the nodes and leases, for this node; every journal write of a bot commits only
     * while this node holds the bot's lease there. Null outside cluster mode.
     */
    public JdbcClusterStore cluster() {
        return cluster;
    }

    /**
     * Fences every journal write with the leases of {@code cluster} (tools and tests that open the
     * stores with {@link #open} and play a node); returns it.
     */
    public JdbcClusterStore fenceAsNode(String nodeId, int leaseSeconds) {
        JdbcClusterStore store = new JdbcClusterStore(db, nodeId, leaseSeconds);
        journal.fenceWith(store.fence());
        cluster = store;
        return store;
    }

    public BotStore botStore() {
        return botStore;
    }

    /** The journal; its concrete type also offers the order status history and the writer's health. */
    public JdbcBotJournal journal() {
        return journal;
    }

    public DeploymentStore deployments() {
        return deployments;
    }

    public ArtifactStore artifacts() {
        return artifacts;
    }

    public AuditLog audit() {
        return audit;
    }

    public TokenStore tokens() {
        return tokens;
    }

    public JdbcNotificationOutbox notificationOutbox() {
        return outbox;
    }

    public InstallationStore installation() {
        return installation;
    }

    public HaltStore halts() {
        return halts;
    }

    public BacktestStore backtests() {
        return backtests;
    }

    /** The schema version the database is at. */
    public int schemaVersion() {
        return schemaVersion;
    }

    /** The database URL, passwords masked. */
    public String describe() {
        return db.describe();
    }

    /**
     * Throws {@link StoreException} with the reason when the database does not answer within a few
     * seconds. (The journal's own last failure is not consulted: once the database answers again,
     * the next batch will succeed, and a quiet journal would otherwise look broken forever.)
     */
    public void checkHealth() {
        db.ping();
    }

    /**
     * Why this server does not own its database now (it lost the ownership lock: every write is
     * refused until it holds it again), or null while it does or when opened without ownership.
     */
    public String ownershipProblem() {
        return ownership == null ? null : ownership.problem();
    }

    /** Commits every journal write already submitted, then closes the connections. */
    @Override
    public void close() {
        JdbcClusterStore node = cluster;
        if (node != null) {
            node.close();
        }
        try {
            journal.close();
        } finally {
            try {
                if (ownership != null) {
                    ownership.close(); // after the journal's last commits, which need the lock
                }
            } finally {
                db.close();
            }
        }
    }
}
