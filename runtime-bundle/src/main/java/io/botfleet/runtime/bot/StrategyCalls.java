package io.botfleet.runtime.bot;

import io.botfleet.api.market.Candle;
import io.botfleet.api.pipeline.StrategyCaller;
import io.botfleet.api.strategy.FillEvent;
import io.botfleet.api.strategy.Strategy;
import io.botfleet.api.strategy.StrategyContext;
import io.botfleet.runtime.guard.StrategyCallGuard;
import java.util.Map;

/**
 * A bot's every call into strategy code, each under the guard's time and allocation limits, so a
 * strategy that hangs or hoards fails its own bot and nothing else.
 */
final class StrategyCalls implements StrategyCaller {

    private final StrategyCallGuard guard;
    private final StrategyCallGuard.Owner owner;

    StrategyCalls(StrategyCallGuard guard, StrategyCallGuard.Owner owner) {
        this.guard = guard;
        this.owner = owner;
    }

    @Override
    public void onCandle(Strategy strategy, Candle candle, StrategyContext context) {
        StrategyCallGuard.Slot slot = guard.enter(owner, "onCandle");
        try {
            strategy.onCandle(candle, context);
        } finally {
            guard.exit(slot);
        }
    }

    void onFill(Strategy strategy, FillEvent fill, StrategyContext context) {
        StrategyCallGuard.Slot slot = guard.enter(owner, "onFill");
        try {
            strategy.onFill(fill, context);
        } finally {
            guard.exit(slot);
        }
    }

    Map<String, Object> snapshot(Strategy strategy) {
        StrategyCallGuard.Slot slot = guard.enter(owner, "snapshot");
        try {
            return strategy.snapshot();
        } finally {
            guard.exit(slot);
        }
    }

    void configure(Strategy strategy, Map<String, Object> params) {
        StrategyCallGuard.Slot slot = guard.enter(owner, "configure");
        try {
            strategy.configure(params);
        } finally {
            guard.exit(slot);
        }
    }

    void restore(Strategy strategy, Map<String, Object> snapshot, String fromVersion) {
        StrategyCallGuard.Slot slot = guard.enter(owner, "restore");
        try {
            strategy.restore(snapshot, fromVersion);
        } finally {
            guard.exit(slot);
        }
    }
}
