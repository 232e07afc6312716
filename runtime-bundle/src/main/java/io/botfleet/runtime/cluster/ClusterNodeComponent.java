package io.botfleet.runtime.cluster;

import io.botfleet.api.cluster.ClusterNode;
import io.botfleet.api.cluster.ClusterSettings;
import io.botfleet.api.cluster.ClusterStats;
import io.botfleet.api.cluster.ClusterStore;
import io.botfleet.api.cluster.ClusterView;
import io.botfleet.api.store.BotStore;
import io.botfleet.runtime.bot.Fleet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
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
 * {@code renewSeconds} on a thread of its own, and leaves on stop (its bots stop gracefully, then
 * their leases are given up, so the other nodes take them at once). Outside cluster mode (no
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

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        if (store == null) {
            return; // single mode
        }
        ClusterSettings settings = ClusterSettings.read(properties, ClusterSettings.defaultNodeId(
                ClusterSettings.localHostName(), context.getProperty(HTTP_PORT)));
        store.join(settings.advertisedUrl(), context.getBundle().getVersion().toString());
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
        rounds.shutdownNow();
        try {
            rounds.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            leaseRounds.leave();
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
    public ClusterStats stats() {
        return figures.snapshot(store.held().size());
    }
}
