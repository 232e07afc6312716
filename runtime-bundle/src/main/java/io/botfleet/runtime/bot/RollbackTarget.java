package io.botfleet.runtime.bot;

import io.botfleet.api.bot.Deployment;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a rollback returns to: the strategy, version and parameters before the change that brought
 * the bot to what it runs now (the newest successful one of its history). Rows from before moves
 * carry no parameters: the bot's present ones are kept then.
 */
record RollbackTarget(String strategyId, String version, Map<String, Object> params) {

    static Optional<RollbackTarget> find(List<Deployment> newestFirst, String strategyId, String version,
                                         Map<String, Object> params) {
        return newestFirst.stream()
                .filter(d -> Deployment.OK.equals(d.outcome()) && d.fromVersion() != null
                        && d.toStrategyId().equals(strategyId) && d.toVersion().equals(version))
                .findFirst()
                .map(d -> new RollbackTarget(d.fromStrategyId() != null ? d.fromStrategyId() : strategyId,
                        d.fromVersion(), d.fromParams() != null ? d.fromParams() : params));
    }

    /** True when the rollback goes to another strategy id (a move back), not another version. */
    boolean movesFrom(String currentStrategyId) {
        return !strategyId.equals(currentStrategyId);
    }
}
