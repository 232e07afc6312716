package io.botfleet.runtime.cluster;

import io.botfleet.api.bot.DesiredState;
import io.botfleet.api.cluster.ClusterNode;
import io.botfleet.api.cluster.ClusterSettings;
import io.botfleet.api.cluster.ClusterStats;
import io.botfleet.api.cluster.ClusterStore;
import io.botfleet.api.cluster.ClusterView;
import io.botfleet.api.store.BotStore;
import io.botfleet.runtime.bot.Fleet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This server as a node of a cluster: joins, then runs a {@link LeaseRounds round} every
 * {@code renewSeconds} on a thread of its own, and leaves on stop: when the other nodes have room
 * it drains first (its bots handed over, waiting until others run them), else its bots stop
 * gracefully; then their leases are given up, so the other nodes take them at once. Outside cluster mode (no
 * {@link ClusterStore}: the persistence bundle registers one only in cluster mode) it does nothing,
 * so that it is satisfied either way. Registers {@link ClusterView} for the control API.
 */
@Component(service = {}, immediate = true, configurationPid = ClusterSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ClusterConfig.class)
public final class ClusterNodeComponent implements ClusterView {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterNodeComponent.class);
    private static final String HTTP_PORT = "org.osgi.service.http.port";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL)
    ClusterStore store;
    @Reference
    Fleet fleet;
    @Reference
    BotStore bots;

    private final LeaseFigures figures = new LeaseFigures();
    private ScheduledExecutorService rounds;
    private LeaseRounds leaseRounds;
    private ServiceRegistration<ClusterView> registration;
    private ClusterSettings settings;

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        if (store == null) {
            return; // single mode
        }
        ClusterSettings settings = ClusterSettings.read(properties, ClusterSettings.defaultNodeId(
                ClusterSettings.localHostName(), context.getProperty(HTTP_PORT)));
        this.settings = settings;
        store.join(settings.advertisedUrl(), context.getBundle().getVersion().toString(), settings.maxBots());
        leaseRounds = new LeaseRounds(store, fleet, bots, settings, figures);
        rounds = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "botfleet-cluster-node");
            t.setDaemon(true);
            return t;
        });
        rounds.scheduleWithFixedDelay(this::round, 0, settings.renewSeconds(), TimeUnit.SECONDS);
        registration = context.registerService(ClusterView.class, this, null);
        LOG.info("node {} joined the cluster (lease {} s, renewed every {} s{})", store.nodeId(),
                settings.leaseSeconds(), settings.renewSeconds(),
                settings.maxBots().isPresent() ? ", at most " + settings.maxBots().getAsInt() + " bots" : "");
    }

    private void round() {
        try {
            leaseRounds.run();
        } catch (RuntimeException e) {
            // the database may be unreachable: the next round tries again; the journal fence keeps
            // every bot whose lease lapses meanwhile from committing, and so from sending
            LOG.warn("cluster round of node {} failed: {}", store.nodeId(), e.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        if (store == null) {
            return;
        }
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework unregistered it first
            }
        }
        rounds.shutdown(); // a round in hand ends (it may be handing bots over), no other starts
        try {
            if (!rounds.awaitTermination(settings.leaseSeconds() + 5L, TimeUnit.SECONDS)) {
                rounds.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            leaseRounds.leave(settings.leaseSeconds() + 2 * settings.renewSeconds());
            LOG.info("node {} left the cluster; its bots' leases are free", store.nodeId());
        } catch (RuntimeException e) {
            LOG.warn("node {} could not leave the cluster cleanly ({}); its leases expire by themselves",
                    store.nodeId(), e.getMessage());
        }
    }

    @Override
    public String nodeId() {
        return store.nodeId();
    }

    @Override
    public List<ClusterNode> nodes() {
        return store.nodes();
    }

    @Override
    public ClusterNode drain(String nodeId) {
        List<ClusterNode> nodes = store.nodes();
        ClusterNode node = nodes.stream().filter(n -> n.id().equals(nodeId)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no node '" + nodeId + "' in the cluster"));
        if (node.drained()) {
            return node;
        }
        if (!node.active()) {
            throw new IllegalStateException("node " + nodeId + " is " + node.state() + ": only a live (ACTIVE) node "
                    + "drains; the bots of a node that stopped beating move when their leases expire");
        }
        int shouldRun = (int) bots.list().stream()
                .filter(b -> b.isValid() && b.desiredState() != DesiredState.STOPPED).count();
        if (!Balancing.roomWithout(nodeId, nodes, shouldRun)) {
            throw new IllegalStateException("node " + nodeId + " cannot drain: the other ACTIVE nodes cannot run the "
                    + shouldRun + " bots that should run (none, or their maxBots are too few)");
        }
        if (!store.drain(nodeId)) {
            throw new IllegalStateException("node " + nodeId + " stopped beating meanwhile: it does not drain");
        }
        if (nodeId.equals(store.nodeId())) {
            try {
                rounds.execute(this::round); // at once, not at the next round
            } catch (RejectedExecutionException stopping) {
                // this node is stopping: it drains on its way out when the others have room
            }
        }
        LOG.info("node {} told to drain (by node {})", nodeId, store.nodeId());
        return store.nodes().stream().filter(n -> n.id().equals(nodeId)).findFirst().orElse(node);
    }

    @Override
    public ClusterStats stats() {
        return figures.snapshot(store.held().size());
    }
}
