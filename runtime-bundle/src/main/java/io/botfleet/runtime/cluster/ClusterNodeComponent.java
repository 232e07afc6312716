package io.botfleet.runtime.cluster;

import io.botfleet.api.bot.DesiredState;
import io.botfleet.api.cluster.BotOwner;
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
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.SynchronousBundleListener;
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
 * This server as a node of a cluster: joins, then runs a {@link LeaseRounds round} every {@code
 * renewSeconds} on a thread of its own (between rounds, a lease another node gives up wakes it to
 * take what it has room for at once), and leaves on stop: when the other nodes have room it
 * drains first, as the framework begins to stop (its bots handed over, waiting until others run
 * them), else its bots stop gracefully; then their leases are given up, so the other nodes take
 * them at once. Outside cluster mode (no {@link ClusterStore}: the persistence bundle registers
 * one only in cluster mode) it does nothing, so that it is satisfied either way. Registers {@link
 * ClusterView} for the control API.
 */
@Component(service = {}, immediate = true, configurationPid = ClusterSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ClusterConfig.class)
public final class ClusterNodeComponent implements ClusterView {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterNodeComponent.class);
    private static final String HTTP_PORT = "org.osgi.service.http.port";
    private static final String HTTP_HOST = "org.apache.felix.http.host";
    private static final String STOP_TIMEOUT = "botfleet.stop.timeout";
    /** Left of the launcher's stop timeout for the bots' own graceful stop and the other bundles. */
    private static final long STOP_RESERVE_MILLIS = 3_000;
    /** How long one wait for a lease given up lasts before the listener looks at whether to stop. */
    private static final long LISTEN_MILLIS = 1_000;

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
    /** How long leaving may take: the launcher halts a stop that outlasts botfleet.stop.timeout. */
    private long stopBudgetNanos;
    private BundleContext bundleContext;
    private Thread listener;
    private volatile boolean listening;
    private final AtomicBoolean takePending = new AtomicBoolean();
    /** The system bundle STOPPING: the framework begins to stop (called on the stopping thread). */
    private final SynchronousBundleListener frameworkStop = event -> {
        if (event.getType() == BundleEvent.STOPPING && event.getBundle().getBundleId() == 0) {
            frameworkStopping();
        }
    };

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        if (store == null) {
            return; // single mode
        }
        ClusterSettings settings = ClusterSettings.read(properties, ClusterSettings.defaultNodeId(
                ClusterSettings.localHostName(), context.getProperty(HTTP_PORT)));
        stopBudgetNanos = stopBudgetNanos(context.getProperty(STOP_TIMEOUT));
        String url = settings.advertisedUrl().isEmpty() ? ClusterSettings.defaultAdvertisedUrl(
                context.getProperty(HTTP_HOST), ClusterSettings.localHostName(), context.getProperty(HTTP_PORT))
                : settings.advertisedUrl();
        store.join(url, context.getBundle().getVersion().toString(), settings.maxBots());
        leaseRounds = new LeaseRounds(store, fleet, bots, settings, figures);
        rounds = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "botfleet-cluster-node");
            t.setDaemon(true);
            return t;
        });
        rounds.scheduleWithFixedDelay(this::round, 0, settings.renewSeconds(), TimeUnit.SECONDS);
        listening = true;
        listener = new Thread(this::listen, "botfleet-cluster-listener");
        listener.setDaemon(true);
        listener.start();
        registration = context.registerService(ClusterView.class, this, null);
        bundleContext = context;
        context.addBundleListener(frameworkStop);
        LOG.info("node {} joined the cluster (lease {} s, renewed every {} s{})", store.nodeId(),
                settings.leaseSeconds(), settings.renewSeconds(),
                settings.maxBots().isPresent() ? ", at most " + settings.maxBots().getAsInt() + " bots" : "");
    }

    /** Waits for leases given up by other nodes and takes what this node has room for at once. */
    private void listen() {
        while (listening) {
            try {
                if (store.awaitLeaseGivenUp(LISTEN_MILLIS) && listening) {
                    takeSoon();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.debug("waiting for leases given up failed: {}", e.getMessage());
            }
        }
    }

    /** One take on the rounds' thread (after the round in hand), however many notifications came. */
    private void takeSoon() {
        if (!takePending.compareAndSet(false, true)) {
            return;
        }
        try {
            rounds.execute(() -> {
                takePending.set(false);
                try {
                    leaseRounds.takeNow();
                } catch (RuntimeException e) {
                    LOG.warn("node {} could not take the bots given up: {}", store.nodeId(), e.getMessage());
                }
            });
        } catch (RejectedExecutionException stopping) {
            takePending.set(false);
        }
    }

    private void stopListening() {
        listening = false;
        Thread t = listener;
        if (t != null) {
            t.interrupt();
            try {
                t.join(TimeUnit.SECONDS.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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
        try {
            bundleContext.removeBundleListener(frameworkStop);
        } catch (IllegalStateException contextGone) {
            // the bundle is stopping: its listeners go with it
        }
        long deadline = System.nanoTime() + stopBudgetNanos;
        stopListening();
        stopRounds(deadline);
        try {
            leaseRounds.leave(deadline);
            LOG.info("node {} left the cluster; its bots' leases are free", store.nodeId());
        } catch (RuntimeException e) {
            LOG.warn("node {} could not leave the cluster cleanly ({}); its leases expire by themselves",
                    store.nodeId(), e.getMessage());
        }
    }

    /**
     * The framework begins to stop (SIGTERM), before any bundle stops: the node drains now, while
     * its bots still have their strategies and accounts (they stop at an event boundary with a
     * checkpoint and are handed over), instead of once the framework has stopped them.
     */
    private void frameworkStopping() {
        long deadline = System.nanoTime() + stopBudgetNanos;
        stopListening();
        stopRounds(deadline);
        leaseRounds.drainBeforeStop(deadline);
    }

    /** The round in hand ends (it may be handing bots over), no other starts. */
    private void stopRounds(long deadline) {
        rounds.shutdown();
        try {
            if (!rounds.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                rounds.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Leaving (a drain first) may take the launcher's stop timeout less a reserve, at least 1 s. */
    static long stopBudgetNanos(String stopTimeoutMillis) {
        long timeout = 10_000;
        if (stopTimeoutMillis != null && !stopTimeoutMillis.isBlank()) {
            try {
                timeout = Long.parseLong(stopTimeoutMillis.trim());
            } catch (NumberFormatException e) {
                LOG.warn("{} is not a number of ms ('{}'); leaving the cluster takes at most {} ms", STOP_TIMEOUT,
                        stopTimeoutMillis, timeout - STOP_RESERVE_MILLIS);
            }
        }
        return TimeUnit.MILLISECONDS.toNanos(Math.max(1_000, timeout - STOP_RESERVE_MILLIS));
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
    public ClusterNode activate(String nodeId) {
        ClusterNode node = store.nodes().stream().filter(n -> n.id().equals(nodeId)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no node '" + nodeId + "' in the cluster"));
        if (!store.activate(nodeId)) {
            throw new IllegalStateException("node " + nodeId + " is " + node.state() + ": only a live node is taken "
                    + "back into service; a node that stopped joins ACTIVE when it starts again");
        }
        LOG.info("node {} taken back into service (by node {})", nodeId, store.nodeId());
        return store.nodes().stream().filter(n -> n.id().equals(nodeId)).findFirst().orElse(node);
    }

    @Override
    public Optional<BotOwner> owner(String botId) {
        return store.owner(botId);
    }

    @Override
    public ClusterStats stats() {
        return figures.snapshot(store.held().size());
    }
}
