package io.botfleet.persistence.osgi;

import io.botfleet.api.cluster.ClusterSettings;
import io.botfleet.api.cluster.ClusterStore;
import io.botfleet.api.home.BotfleetHome;
import io.botfleet.persistence.JdbcStores;
import io.botfleet.persistence.db.DatabaseSettings;
import io.botfleet.persistence.db.JdbcUrls;
import io.botfleet.persistence.owner.DatabaseOwnership;
import io.botfleet.persistence.owner.DatabaseOwnedException;
import io.botfleet.persistence.owner.OwnerRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the database (exclusively: see {@code DatabaseOwnership}): opens and migrates it (in the background, retrying with backoff from 1 s up
 * to 30 s), and only then registers the {@link JdbcStores} service that the store components wrap.
 * It is also the {@code persistence} readiness health check, which says why the database is not
 * usable: unreachable, corrupt, too new, or failed to migrate. The component itself never fails,
 * so a bad database can never make SCR crash-loop it.
 *
 * <p>Both services are registered by hand, not by DS: DS would publish the component's
 * configuration, database password included, as service properties that anyone can list.
 */
@Component(service = {}, immediate = true, configurationPid = PersistenceConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = PersistenceConfig.class)
public final class PersistenceComponent implements HealthCheck {

    private static final Logger LOG = LoggerFactory.getLogger(PersistenceComponent.class);
    private static final long FIRST_RETRY_MS = 1_000;
    private static final long MAX_RETRY_MS = 30_000;
    private static final String HTTP_PORT = "org.osgi.service.http.port";

    @Reference
    ConfigurationAdmin configurationAdmin;

    private final Object lock = new Object();
    private StoresOpener opener;
    private String configurationProblem;
    private ServiceRegistration<JdbcStores> registration;
    private ServiceRegistration<ClusterStore> clusterRegistration;
    private ServiceRegistration<HealthCheck> healthCheck;
    private boolean stopped;

    @Activate
    void activate(BundleContext context, PersistenceConfig config) {
        Hashtable<String, Object> hcProps = new Hashtable<>();
        hcProps.put(HealthCheck.NAME, "persistence");
        hcProps.put(HealthCheck.TAGS, new String[] {"ready"});
        healthCheck = context.registerService(HealthCheck.class, this, hcProps);
        DatabaseSettings settings;
        ClusterSettings cluster;
        try {
            cluster = ClusterSettings.read(clusterProperties(), ClusterSettings.defaultNodeId(
                    ClusterSettings.localHostName(), context.getProperty(HTTP_PORT)));
        } catch (IllegalArgumentException | IOException | InvalidSyntaxException e) {
            refuse(context, "invalid configuration " + ClusterSettings.PID + ": " + e.getMessage());
            return;
        }
        try {
            Path home = BotfleetHome.resolve(context::getProperty);
            settings = new DatabaseSettings(config.jdbcUrl(), config.user(), config.password(), config.poolSize(),
                    config.journalWriters()).resolvedAgainst(home);
            if (config.jdbcUrl().isBlank()) {
                Files.createDirectories(home.resolve("data"));
            }
        } catch (IllegalArgumentException | IOException e) {
            configurationProblem = "invalid configuration " + PersistenceConfig.PID + ": " + e.getMessage();
            LOG.error("persistence not started: {}", configurationProblem);
            return;
        }
        if (cluster.enabled() && JdbcUrls.isH2(settings.jdbcUrl())) {
            refuse(context, DatabaseOwnership.h2ClusterRefusal(JdbcUrls.redact(settings.jdbcUrl())));
            return;
        }
        OwnerRecord me = OwnerRecord.thisProcess(cluster.enabled() ? OwnerRecord.CLUSTER : OwnerRecord.SINGLE);
        Supplier<JdbcStores> open = cluster.enabled()
                ? () -> openAsClusterNode(context, settings, me, cluster)
                : () -> openAsOwner(context, settings, me);
        opener = new StoresOpener(open, stores -> register(context, stores), FIRST_RETRY_MS, MAX_RETRY_MS);
        opener.start();
    }

    /**
     * The configuration {@value ClusterSettings#PID} as it is now (empty when absent). Read once at
     * activation: whether this server is a cluster node is decided at start (FileInstall, started
     * before this bundle, has read {@code etc/} by then); the runtime's cluster component declares
     * its keys.
     */
    private Map<String, Object> clusterProperties() throws IOException, InvalidSyntaxException {
        Configuration[] found = configurationAdmin.listConfigurations(
                "(" + Constants.SERVICE_PID + "=" + ClusterSettings.PID + ")");
        Map<String, Object> out = new HashMap<>();
        if (found != null && found.length > 0 && found[0].getProperties() != null) {
            Dictionary<String, Object> properties = found[0].getProperties();
            for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements(); ) {
                String key = keys.nextElement();
                out.put(key, properties.get(key));
            }
        }
        return out;
    }

    /** A configuration this server cannot start with: the launcher refuses the start; readiness says why. */
    private void refuse(BundleContext context, String reason) {
        configurationProblem = reason;
        LOG.error("persistence not started: {}", reason);
        StartupRefusal.tell(context, reason);
    }

    @Deactivate
    void deactivate() {
        ServiceRegistration<JdbcStores> toUnregister;
        ServiceRegistration<ClusterStore> clusterToUnregister;
        synchronized (lock) {
            stopped = true;
            toUnregister = registration;
            registration = null;
            clusterToUnregister = clusterRegistration;
            clusterRegistration = null;
        }
        if (clusterToUnregister != null) {
            try {
                clusterToUnregister.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework unregistered it first (bundle stopping)
            }
        }
        if (toUnregister != null) {
            try {
                toUnregister.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework unregistered it first (bundle stopping)
            }
        }
        if (opener != null) {
            // after unregistering: the store components are gone, the journal commits what they wrote
            opener.close();
        }
        try {
            healthCheck.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework unregistered it first (bundle stopping)
        }
    }

    @Override
    public Result execute() {
        if (opener == null) {
            FormattingResultLog log = new FormattingResultLog();
            log.critical("persistence unavailable: {}", configurationProblem);
            return new Result(log);
        }
        return PersistenceHealth.evaluate(opener.state());
    }

    /**
     * Opens the stores owning the database. When another server owns it, the launcher is told to
     * refuse the start; without a launcher the opener keeps trying, readiness saying who holds it.
     */
    private static JdbcStores openAsOwner(BundleContext context, DatabaseSettings settings, OwnerRecord me) {
        try {
            return JdbcStores.openAsOwner(settings, me);
        } catch (DatabaseOwnedException e) {
            if (StartupRefusal.tell(context, e.getMessage())) {
                LOG.error("refusing to start: {}", e.getMessage());
            }
            throw e;
        }
    }

    /** Opens the stores as a node of a cluster; a single-mode server owning the database refuses the start. */
    private static JdbcStores openAsClusterNode(BundleContext context, DatabaseSettings settings, OwnerRecord me,
                                                ClusterSettings cluster) {
        try {
            return JdbcStores.openAsClusterNode(settings, me, cluster.nodeId(), cluster.leaseSeconds());
        } catch (DatabaseOwnedException e) {
            if (StartupRefusal.tell(context, e.getMessage())) {
                LOG.error("refusing to start: {}", e.getMessage());
            }
            throw e;
        }
    }

    private void register(BundleContext context, JdbcStores stores) {
        synchronized (lock) {
            if (stopped) {
                return; // the opener closes the stores
            }
            Hashtable<String, Object> props = new Hashtable<>();
            props.put(Constants.SERVICE_DESCRIPTION, "Botfleet stores on " + stores.describe());
            if (stores.cluster() != null) {
                // first: the runtime's fleet, which needs the stores, must find it bound when it
                // activates (it then starts no bot without its lease)
                Hashtable<String, Object> clusterProps = new Hashtable<>();
                clusterProps.put("cluster.node", stores.cluster().nodeId());
                clusterRegistration = context.registerService(ClusterStore.class, stores.cluster(), clusterProps);
            }
            registration = context.registerService(JdbcStores.class, stores, props);
        }
    }
}
