package io.botfleet.api.store;

import io.botfleet.api.bot.Deployment;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Strategy deployment history and versions marked bad. Synchronous, thread-safe.
 */
@ProviderType
public interface DeploymentStore {

    void record(Deployment deployment);

    /** A bot's deployments, newest first. */
    List<Deployment> history(String botId);

    /** Marks a version bad (it failed after a swap); bots are not swapped to it unless forced. */
    void markBad(String strategyId, String version, String reason);

    /** Clears the bad mark, e.g. when an operator forces the version. */
    void clearBad(String strategyId, String version);

    /** Bad versions of a strategy, version to reason. */
    Map<String, String> badVersions(String strategyId);
}
