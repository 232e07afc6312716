package io.botfleet.itests.faults;

import io.botfleet.api.market.Candle;
import io.botfleet.api.strategy.Strategy;
import io.botfleet.api.strategy.StrategyContext;
import java.util.Map;

/** A release that takes over any state, then never returns from its first candle. */
public class HangingRelease implements Strategy {

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
        while (!Thread.currentThread().isInterrupted()) {
            Thread.onSpinWait();
        }
        // interrupted: returns, late, as a strategy that honours interrupts would
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
