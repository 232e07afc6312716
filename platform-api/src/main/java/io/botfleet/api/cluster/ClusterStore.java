package io.botfleet.api.cluster;

import io.botfleet.api.store.StoreException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The nodes and bot leases of a cluster, as rows of the shared database, for one node
 * ({@link #nodeId()}). Every call is one transaction; expiries are reckoned on the database's
 * clock ({@code now()}), so the nodes' own clocks do not matter. Registered only in cluster mode.
 * Synchronous and thread-safe.
 */
@ProviderType
public interface ClusterStore {

    /** This node's id. */
    String nodeId();

    /**
     * Records this node ({@code ACTIVE}, heartbeat now), replacing an earlier row of the same id.
     *
     * @throws StoreException saying so when another live process already beats under this node id
     */
    void join(String url, String version);

    /**
     * {@link #join(String, String)}, recording the most bots this node runs (empty: no limit), which
     * every node's balancing respects.
     *
     * @since 1.1
     */
    default void join(String url, String version, OptionalInt maxBots) {
        join(url, version);
    }

    /** Sets this node's heartbeat to now (a DRAINING or DRAINED node stays so). */
    void heartbeat();

    /**
     * Tells node {@code nodeId} to drain: its state becomes {@link ClusterNode#DRAINING}, which
     * it sees at its next round; it then takes no bot and hands over every bot it runs.
     *
     * @return true when it was ACTIVE and beating (or already draining); false when it is not a
     *         live node (unknown, SILENT or LEFT)
     * @since 1.1
     */
    boolean drain(String nodeId);

    /**
     * Takes node {@code nodeId} back into service: a {@link ClusterNode#DRAINING} or
     * {@link ClusterNode#DRAINED} node is {@link ClusterNode#ACTIVE} again, which it sees at its
     * next round; it then takes its share of the bots as a joining node does.
     *
     * @return true when it is a live node (and ACTIVE now); false when it is not (unknown,
     *         SILENT or LEFT)
     * @since 1.2
     */
    boolean activate(String nodeId);

    /**
     * This node holds no lease any more after a drain: {@link ClusterNode#DRAINING} becomes
     * {@link ClusterNode#DRAINED}.
     *
     * @since 1.1
     */
    void drained();

    /** Marks this node {@code LEFT} and releases every lease it holds (a clean stop). */
    void leave();

    /** Every node, by id. */
    List<ClusterNode> nodes();

    /**
     * Takes the lease of {@code botId} for this node, for the cluster's lease time, when it is free,
     * expired, or already this node's (then renewed, same epoch). A change of owner increases the
     * epoch by one.
     *
     * @return the lease now held, or empty when another node holds an unexpired one
     */
    Optional<BotLease> acquire(String botId);

    /**
     * Renews every lease this node holds, in one statement, to the lease time from now.
     *
     * @return the leases still held (epoch unchanged) by bot id; a bot this node thought it held
     *         and that is missing was taken by another node
     */
    Map<String, BotLease> renewAll();

    /**
     * Gives up this node's lease of {@code botId} (expires it now, marked given up: the next owner
     * counts a hand-over, not a failover); no-op when not held.
     */
    void release(String botId);

    /**
     * The node holding the unexpired lease of {@code botId} now (on the database's clock), with its
     * advertised URL; empty when no node does.
     *
     * @since 1.2
     */
    Optional<BotOwner> owner(String botId);

    /**
     * Of these bots, those no node holds now: no lease yet, or its lease has expired (on the
     * database's clock). What a node may try to {@link #acquire}.
     */
    List<String> unheld(Collection<String> botIds);

    /**
     * Waits up to {@code timeoutMillis} for a node to give a lease up (a hand-over, a clean stop):
     * a shortcut that lets this node take the bot at once rather than at its next round.
     *
     * @return true when a lease was given up meanwhile; false on timeout, or when this store cannot
     *         tell (then it waited the timeout)
     * @since 1.1
     */
    default boolean awaitLeaseGivenUp(long timeoutMillis) throws InterruptedException {
        Thread.sleep(timeoutMillis);
        return false;
    }

    /**
     * The leases this node believes it holds (acquired or renewed, not lost or released), by bot
     * id: what every journal write of those bots is fenced with.
     */
    Map<String, BotLease> held();
}
