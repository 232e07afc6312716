package io.botfleet.itests.faults;

import io.botfleet.api.market.Candle;
import io.botfleet.api.strategy.Strategy;
import io.botfleet.api.strategy.StrategyContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A release with a leak gone wild: after a few candles it keeps every array it makes, without end. */
public class HoardingStrategy implements Strategy {

    static final int HEALTHY_CANDLES = 20;
    private final List<long[]> hoard = new ArrayList<>();
    private int candles;

    @Override
    public void configure(Map<String, Object> params) {
    }

    @Override
    public int warmupCandles() {
        return 0;
    }

    @Override
    public void onCandle(Candle candle, StrategyContext context) {
        if (++candles <= HEALTHY_CANDLES) {
            return;
        }
        while (true) {
            hoard.add(new long[128 * 1024]); // 1 MiB a turn, all kept
        }
    }

    @Override
    public Map<String, Object> snapshot() {
        return Map.of("candles", candles);
    }

    @Override
    public void restore(Map<String, Object> snapshot, String fromVersion) {
        candles = ((Number) snapshot.getOrDefault("candles", 0)).intValue();
    }
}
