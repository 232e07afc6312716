package io.botfleet.persistence.cluster;

import io.botfleet.api.cluster.BotLease;
import io.botfleet.api.cluster.BotOwner;
import io.botfleet.api.cluster.ClusterNode;
import io.botfleet.api.cluster.ClusterStore;
import io.botfleet.persistence.db.Columns;
import io.botfleet.persistence.db.Database;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * The nodes and bot leases in {@code cluster_nodes} and {@code bot_leases}. Every method is one
 * transaction, and every time is the database's ({@code now()}), so the nodes' clocks never
 * matter. PostgreSQL only (cluster mode refuses H2), so the SQL uses what PostgreSQL offers:
 * {@code ON CONFLICT}, {@code RETURNING}, arrays, {@code make_interval}.
 *
 * <p>Lock order: whatever locks several lease rows locks them by bot id ({@code ORDER BY bot_id
 * FOR ...}): the renewal and the journal fence then never deadlock.
 */
public final class JdbcClusterStore implements ClusterStore {

    private static final String ACTIVE = ClusterNode.ACTIVE;

    /** How long a lease statement waits for a row another transaction holds (see waitForLocksAtMost). */
    static final long LOCK_WAIT_MILLIS = 2_000;

    private final Database db;
    private final String nodeId;
    private final int leaseSeconds;
    /** Tells this process's row from another process's that claims the same node id. */
    private final String instance = UUID.randomUUID().toString();
    private final HeldLeases held = new HeldLeases();
    private final GivenUpLeases givenUp;

    public JdbcClusterStore(Database db, String nodeId, int leaseSeconds) {
        this.db = Objects.requireNonNull(db, "db");
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        if (leaseSeconds < 1) {
            throw new IllegalArgumentException("leaseSeconds must be >= 1");
        }
        this.leaseSeconds = leaseSeconds;
        this.givenUp = new GivenUpLeases(db);
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    /** The journal fence that checks this node's leases (installed by {@code JdbcStores}). */
    public LeaseFence fence() {
        return new LeaseFence(nodeId, held, leaseSeconds);
    }

    @Override
    public void join(String url, String version) {
        join(url, version, OptionalInt.empty());
    }

    @Override
    public void join(String url, String version, OptionalInt maxBots) {
        db.inTransaction("join the cluster as node " + nodeId, c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT instance, state, heartbeat, "
                    + "heartbeat > now() - make_interval(secs => ?) AS live FROM cluster_nodes WHERE id = ? FOR UPDATE")) {
                st.setInt(1, leaseSeconds);
                st.setString(2, nodeId);
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next() && ACTIVE.equals(rs.getString("state")) && rs.getBoolean("live")
                            && !instance.equals(rs.getString("instance"))) {
                        throw new IllegalStateException("node id " + nodeId + " is in use by another live node (its "
                                + "heartbeat " + Columns.getTime(rs, "heartbeat") + " is less than " + leaseSeconds
                                + " s old): give each node its own nodeId in io.botfleet.cluster");
                    }
                }
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO cluster_nodes (id, instance, url, version, "
                    + "state, joined_at, heartbeat, max_bots) VALUES (?, ?, ?, ?, 'ACTIVE', now(), now(), ?) "
                    + "ON CONFLICT (id) DO UPDATE SET instance = EXCLUDED.instance, url = EXCLUDED.url, "
                    + "version = EXCLUDED.version, state = 'ACTIVE', joined_at = now(), heartbeat = now(), "
                    + "max_bots = EXCLUDED.max_bots")) {
                st.setString(1, nodeId);
                st.setString(2, instance);
                st.setString(3, url == null ? "" : url);
                st.setString(4, version == null ? "" : version);
                if (maxBots.isPresent()) {
                    st.setInt(5, maxBots.getAsInt());
                } else {
                    st.setNull(5, Types.INTEGER);
                }
                st.executeUpdate();
            }
            return null;
        });
        givenUp.start();
    }

    @Override
    public void heartbeat() {
        db.inTransaction("heartbeat of node " + nodeId, c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE cluster_nodes SET heartbeat = now(), state = CASE WHEN state IN ('DRAINING', 'DRAINED') "
                            + "THEN state ELSE 'ACTIVE' END WHERE id = ? AND instance = ?")) {
                st.setString(1, nodeId);
                st.setString(2, instance);
                if (st.executeUpdate() == 0) {
                    throw new IllegalStateException("node " + nodeId + " has no row of its own: another process joined"
                            + " under its node id");
                }
            }
            return null;
        });
    }

    @Override
    public boolean drain(String node) {
        Objects.requireNonNull(node, "node");
        return db.inTransaction("tell node " + node + " to drain", c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE cluster_nodes SET state = CASE WHEN state = 'ACTIVE' "
                    + "THEN 'DRAINING' ELSE state END WHERE id = ? AND state IN ('ACTIVE', 'DRAINING', 'DRAINED') "
                    + "AND heartbeat > now() - make_interval(secs => ?)")) {
                st.setString(1, node);
                st.setInt(2, leaseSeconds);
                return st.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean activate(String node) {
        Objects.requireNonNull(node, "node");
        return db.inTransaction("take node " + node + " back into service", c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE cluster_nodes SET state = 'ACTIVE' WHERE id = ? "
                    + "AND state IN ('ACTIVE', 'DRAINING', 'DRAINED') AND heartbeat > now() - make_interval(secs => ?)")) {
                st.setString(1, node);
                st.setInt(2, leaseSeconds);
                return st.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void drained() {
        db.inTransaction("node " + nodeId + " is drained", c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE cluster_nodes SET state = 'DRAINED' "
                    + "WHERE id = ? AND instance = ? AND state = 'DRAINING'")) {
                st.setString(1, nodeId);
                st.setString(2, instance);
                st.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void leave() {
        db.inTransaction("node " + nodeId + " leaves the cluster", c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE bot_leases SET expires_at = now(), given_up = TRUE "
                    + "WHERE bot_id IN (SELECT bot_id FROM bot_leases WHERE owner_node = ? AND expires_at > now() "
                    + "ORDER BY bot_id FOR UPDATE)")) {
                st.setString(1, nodeId);
                if (st.executeUpdate() > 0) {
                    GivenUpLeases.notifyGivenUp(c, nodeId);
                }
            }
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE cluster_nodes SET state = 'LEFT', heartbeat = now() WHERE id = ? AND instance = ?")) {
                st.setString(1, nodeId);
                st.setString(2, instance);
                st.executeUpdate();
            }
            return null;
        });
        held.clear();
        givenUp.stop();
    }

    @Override
    public List<ClusterNode> nodes() {
        return db.withConnection("list the cluster's nodes", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT n.id, n.url, n.version, n.heartbeat, n.max_bots, "
                    + "CASE WHEN n.state IN ('ACTIVE', 'DRAINING', 'DRAINED') "
                    + "AND n.heartbeat <= now() - make_interval(secs => ?) THEN 'SILENT' ELSE n.state END AS state, "
                    + "(SELECT count(*) FROM bot_leases l WHERE l.owner_node = n.id AND l.expires_at > now()) AS held "
                    + "FROM cluster_nodes n ORDER BY n.id")) {
                st.setInt(1, leaseSeconds);
                List<ClusterNode> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        int max = rs.getInt("max_bots");
                        OptionalInt maxBots = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(max);
                        out.add(new ClusterNode(rs.getString("id"), rs.getString("url"), rs.getString("version"),
                                Columns.getTime(rs, "heartbeat"), rs.getString("state"), rs.getInt("held"), maxBots));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public Optional<BotLease> acquire(String botId) {
        Objects.requireNonNull(botId, "botId");
        Optional<BotLease> taken = db.inTransaction("acquire the lease of bot " + botId, c -> {
            waitForLocksAtMost(c);
            // Free, expired or this node's: taken (a change of owner, or a lease that lapsed, gets
            // the next epoch; this node's own live lease is only renewed). Another node's live
            // lease: the WHERE leaves it alone and nothing is returned.
            // given_up of the row before (read in the same statement's snapshot) tells a hand-over
            // from a failover
            try (PreparedStatement st = c.prepareStatement("WITH before AS (SELECT owner_node, given_up, "
                    + "expires_at > now() AS live FROM bot_leases WHERE bot_id = ?) "
                    + "INSERT INTO bot_leases AS l (bot_id, owner_node, epoch, "
                    + "acquired_at, expires_at, given_up) VALUES (?, ?, 1, now(), now() + make_interval(secs => ?), FALSE) "
                    + "ON CONFLICT (bot_id) DO UPDATE SET given_up = FALSE, "
                    + "epoch = CASE WHEN l.owner_node = EXCLUDED.owner_node AND l.expires_at > now() THEN l.epoch "
                    + "ELSE l.epoch + 1 END, "
                    + "acquired_at = CASE WHEN l.owner_node = EXCLUDED.owner_node AND l.expires_at > now() "
                    + "THEN l.acquired_at ELSE now() END, "
                    + "owner_node = EXCLUDED.owner_node, expires_at = EXCLUDED.expires_at "
                    + "WHERE l.owner_node = EXCLUDED.owner_node OR l.expires_at <= now() "
                    + "RETURNING " + LeaseRows.COLUMNS + ", COALESCE((SELECT given_up AND owner_node <> ? "
                    + "AND NOT live FROM before), FALSE) AS handed_over")) {
                st.setString(1, botId);
                st.setString(2, botId);
                st.setString(3, nodeId);
                st.setInt(4, leaseSeconds);
                st.setString(5, nodeId);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<BotLease>empty();
                    }
                    BotLease lease = LeaseRows.read(rs);
                    return Optional.of(new BotLease(lease.botId(), lease.ownerNode(), lease.epoch(), lease.expiresAt(),
                            rs.getBoolean("handed_over")));
                }
            }
        });
        taken.ifPresent(held::put);
        return taken;
    }

    /**
     * A lease row can be held by another node's journal transaction (its fence reads it FOR
     * SHARE); a node frozen in one holds it until PostgreSQL ends that transaction. A round must
     * not wait that long: it fails the statement after {@link #LOCK_WAIT_MILLIS} and the next
     * round asks again, while this node's own leases keep being renewed.
     */
    private static void waitForLocksAtMost(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL lock_timeout = " + LOCK_WAIT_MILLIS);
        }
    }

    @Override
    public Map<String, BotLease> renewAll() {
        Map<String, BotLease> renewed = db.inTransaction("renew the leases of node " + nodeId, c -> {
            waitForLocksAtMost(c);
            // a lease given up stays given up: renewing it would keep it from the node taking it
            try (PreparedStatement st = c.prepareStatement("WITH mine AS (SELECT bot_id FROM bot_leases "
                    + "WHERE owner_node = ? AND NOT given_up ORDER BY bot_id FOR UPDATE) "
                    + "UPDATE bot_leases l SET expires_at = now() + make_interval(secs => ?) FROM mine "
                    + "WHERE l.bot_id = mine.bot_id AND l.owner_node = ? "
                    + "RETURNING l.bot_id, l.owner_node, l.epoch, l.expires_at")) {
                st.setString(1, nodeId);
                st.setInt(2, leaseSeconds);
                st.setString(3, nodeId);
                Map<String, BotLease> out = new HashMap<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        BotLease lease = LeaseRows.read(rs);
                        out.put(lease.botId(), lease);
                    }
                }
                return out;
            }
        });
        held.renewed(renewed);
        return Map.copyOf(renewed);
    }

    @Override
    public void release(String botId) {
        Objects.requireNonNull(botId, "botId");
        held.remove(botId); // first: from now on no write of the bot commits here
        db.inTransaction("release the lease of bot " + botId, c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE bot_leases SET expires_at = now(), given_up = TRUE WHERE bot_id = ? AND owner_node = ? "
                            + "AND expires_at > now()")) {
                st.setString(1, botId);
                st.setString(2, nodeId);
                if (st.executeUpdate() > 0) {
                    GivenUpLeases.notifyGivenUp(c, botId);
                }
            }
            return null;
        });
    }

    @Override
    public Optional<BotOwner> owner(String botId) {
        Objects.requireNonNull(botId, "botId");
        return db.withConnection("find the node that runs bot " + botId, c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT l.owner_node, n.url FROM bot_leases l "
                    + "JOIN cluster_nodes n ON n.id = l.owner_node WHERE l.bot_id = ? AND l.expires_at > now()")) {
                st.setString(1, botId);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(new BotOwner(botId, rs.getString(1), rs.getString(2)))
                            : Optional.<BotOwner>empty();
                }
            }
        });
    }

    @Override
    public List<String> unheld(Collection<String> botIds) {
        if (botIds.isEmpty()) {
            return List.of();
        }
        return db.withConnection("find the bots without a live lease", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT b.id FROM unnest(?) AS b(id) WHERE NOT EXISTS "
                    + "(SELECT 1 FROM bot_leases l WHERE l.bot_id = b.id AND l.expires_at > now()) ORDER BY b.id")) {
                st.setArray(1, textArray(c, botIds));
                List<String> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public Map<String, BotLease> held() {
        return held.snapshot();
    }

    @Override
    public boolean awaitLeaseGivenUp(long timeoutMillis) throws InterruptedException {
        return givenUp.await(timeoutMillis);
    }

    /** Stops listening for leases given up (the stores close). */
    public void close() {
        givenUp.close();
    }

    /** The database's time now: what leases expire by (for tests and figures). */
    public Instant databaseNow() {
        return db.withConnection("read the database's time", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT now() AS t"); ResultSet rs = st.executeQuery()) {
                rs.next();
                return Columns.getTime(rs, "t");
            }
        });
    }

    static Array textArray(Connection c, Collection<String> values) throws SQLException {
        return c.createArrayOf("varchar", values.toArray(new String[0]));
    }
}
