package io.botfleet.itests.swap;

import io.botfleet.api.market.Candle;
import io.botfleet.api.strategy.Signal;
import io.botfleet.api.strategy.SignalType;
import io.botfleet.api.strategy.Strategy;
import io.botfleet.api.strategy.StrategyContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps its own record of every candle it saw (count, last open time, anything out of order or
 * repeated) and carries it across swaps in its snapshot, so a test can prove from the strategy's
 * side that each candle was processed exactly once, in order. Trades on a fixed rhythm: enters at
 * every 100th candle it sees while flat, exits 50 candles later.
 */
public class RecordingStrategy implements Strategy {

    private long count;
    private long last = Long.MIN_VALUE;
    private long disorder;

    @Override
    public void configure(Map<String, Object> params) {
    }

    @Override
    public int warmupCandles() {
        return 0;
    }

    @Override
    public void onCandle(Candle candle, StrategyContext context) {
        long time = candle.openTime().toEpochMilli();
        if (time <= last) {
            disorder++;
        }
        last = time;
        count++;
        if (count % 100 == 0 && context.positionQty().signum() == 0) {
            context.emit(Signal.of(SignalType.ENTER_LONG, "rhythm " + count));
        } else if (count % 100 == 50 && context.positionQty().signum() > 0) {
            context.emit(Signal.of(SignalType.EXIT_LONG, "rhythm " + count));
        }
    }

    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("count", count);
        snapshot.put("last", last);
        snapshot.put("disorder", disorder);
        return snapshot;
    }

    @Override
    public void restore(Map<String, Object> snapshot, String fromVersion) {
        count = ((Number) snapshot.getOrDefault("count", 0L)).longValue();
        last = ((Number) snapshot.getOrDefault("last", Long.MIN_VALUE)).longValue();
        disorder = ((Number) snapshot.getOrDefault("disorder", 0L)).longValue();
    }
}
