package io.botfleet.api.cluster;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the control API shows of the cluster: registered by the node's cluster component, only in
 * cluster mode.
 */
@ProviderType
public interface ClusterView {

    /** This node's id. */
    String nodeId();

    /** Every node the database knows, by id. */
    List<ClusterNode> nodes();

    /**
     * Tells node {@code nodeId} to hand all its bots over to the other live nodes (a planned
     * hand-over per bot: stopped at an event boundary with a checkpoint, its lease given up, taken
     * and recovered by another node); it is DRAINING, then DRAINED once it holds none.
     *
     * @return the node as recorded after the request
     * @throws NoSuchElementException          when no node has that id
     * @throws IllegalStateException            when that node is not live, or the other live
     *                                          nodes have no room for the bots (none, or their
     *                                          {@code maxBots} are too few)
     * @since 1.1
     */
    ClusterNode drain(String nodeId);

    /**
     * Takes a drained (or draining) node back into service without a restart: it is ACTIVE again
     * and is given its share of the bots, a few at a time, as a joining node is. An ACTIVE node
     * stays so.
     *
     * @return the node as recorded after the request
     * @throws NoSuchElementException when no node has that id
     * @throws IllegalStateException   when that node is not live (SILENT, LEFT)
     * @since 1.2
     */
    ClusterNode activate(String nodeId);

    /**
     * The node that runs bot {@code botId} now and where its API answers (this node included);
     * empty when no node holds its lease.
     *
     * @since 1.2
     */
    Optional<BotOwner> owner(String botId);

    /** This node's lease figures, for {@code /metrics}. */
    ClusterStats stats();
}
