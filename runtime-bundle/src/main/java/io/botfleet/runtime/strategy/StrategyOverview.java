package io.botfleet.runtime.strategy;

import io.botfleet.api.admin.StrategyCatalog;
import io.botfleet.api.bot.BotManager;
import io.botfleet.api.bot.BotStatus;
import io.botfleet.api.store.DeploymentStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.framework.Bundle;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The strategy catalog operators see: installed versions from the registry, the bots on each from
 * the fleet, and the bad marks from the deployment store.
 */
@Component(service = StrategyCatalog.class)
public class StrategyOverview implements StrategyCatalog {

    @Reference
    StrategyRegistry registry;
    @Reference
    BotManager bots;
    @Reference
    DeploymentStore deployments;

    @Override
    public List<StrategyInfo> strategies() {
        List<BotStatus> fleet = bots.list();
        Map<String, List<VersionInfo>> byId = new LinkedHashMap<>();
        for (StrategyProvider p : registry.all()) {
            Set<String> bad = deployments.badVersions(p.id()).keySet();
            List<String> on = fleet.stream()
                    .filter(b -> b.strategyId().equals(p.id()) && p.versionString().equals(b.strategyVersion()))
                    .map(BotStatus::id).toList();
            byId.computeIfAbsent(p.id(), k -> new ArrayList<>()).add(new VersionInfo(p.versionString(),
                    p.bundle().getBundleId(), stateName(p.bundle().getState()), on, bad.contains(p.versionString())));
        }
        List<StrategyInfo> result = new ArrayList<>();
        byId.forEach((id, versions) -> result.add(new StrategyInfo(id, List.copyOf(versions))));
        return result;
    }

    public static String stateName(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            default -> "UNINSTALLED";
        };
    }
}
