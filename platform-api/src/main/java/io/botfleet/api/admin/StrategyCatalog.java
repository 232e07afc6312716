package io.botfleet.api.admin;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What strategies are installed, in which versions, and which bots run each: the view behind
 * {@code GET /api/v1/strategies} and {@code strategy:list}. Implemented by the strategy registry.
 */
@ProviderType
public interface StrategyCatalog {

    /** Every strategy id with its versions, ordered by id then version. */
    List<StrategyInfo> strategies();

    /**
     * @param id       strategy id
     * @param versions installed versions, oldest first
     */
    record StrategyInfo(String id, List<VersionInfo> versions) {
    }

    /**
     * @param version     OSGi version string
     * @param bundleId    the bundle providing it, or -1 when it is known only from the artifact store
     * @param bundleState {@code ACTIVE}, {@code RESOLVED}, {@code INSTALLED} or {@code UNINSTALLED}
     * @param bots        ids of bots running it
     * @param bad         whether it is marked bad (automatic rollback)
     */
    record VersionInfo(String version, long bundleId, String bundleState, List<String> bots,
                       boolean bad) {
    }
}
