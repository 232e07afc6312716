package io.botfleet.itests.faults;

import io.botfleet.api.market.Candle;
import io.botfleet.api.strategy.Strategy;
import io.botfleet.api.strategy.StrategyContext;
import java.util.Map;

/** A release with an endless loop: fine for a few candles, then spins forever, deaf to interrupts. */
public class SpinningStrategy implements Strategy {

    static final int HEALTHY_CANDLES = 20;
    private int candles;
    private long sink;

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
        long x = candle.openTime().toEpochMilli();
        while (x != 0) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            if (x == 0) {
                x = 1;
            }
            sink = x;
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
