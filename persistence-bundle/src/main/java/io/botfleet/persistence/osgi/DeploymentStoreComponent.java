package io.botfleet.persistence.osgi;

import io.botfleet.api.bot.Deployment;
import io.botfleet.api.store.DeploymentStore;
import io.botfleet.persistence.JdbcStores;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link DeploymentStore} service; present only while the database is open. */
@Component(service = DeploymentStore.class)
public final class DeploymentStoreComponent implements DeploymentStore {

    @Reference
    private JdbcStores stores;

    @Override
    public void record(Deployment deployment) {
        stores.deployments().record(deployment);
    }

    @Override
    public List<Deployment> history(String botId) {
        return stores.deployments().history(botId);
    }

    @Override
    public void markBad(String strategyId, String version, String reason) {
        stores.deployments().markBad(strategyId, version, reason);
    }

    @Override
    public void clearBad(String strategyId, String version) {
        stores.deployments().clearBad(strategyId, version);
    }

    @Override
    public Map<String, String> badVersions(String strategyId) {
        return stores.deployments().badVersions(strategyId);
    }
}
