package io.botfleet.itests.swap;

import io.botfleet.api.market.Candle;
import io.botfleet.api.strategy.Strategy;
import io.botfleet.api.strategy.StrategyContext;
import java.util.Map;

/**
 * A broken release: accepts any parameters and state, then throws on every candle. Its snapshot
 * is the state it was given, so a rollback restores the previous version's data untouched.
 */
public class FailingStrategy implements Strategy {

    private Map<String, Object> state = Map.of();

    @Override
    public void configure(Map<String, Object> params) {
    }

    @Override
    public int warmupCandles() {
        return 0;
    }

    @Override
    public void onCandle(Candle candle, StrategyContext context) {
        throw new IllegalStateException("broken release: cannot handle " + candle.openTime());
    }

    @Override
    public Map<String, Object> snapshot() {
        return state;
    }

    @Override
    public void restore(Map<String, Object> snapshot, String fromVersion) {
        state = snapshot;
    }
}
