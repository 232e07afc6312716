package io.botfleet.backtest.engine;

import io.botfleet.api.market.Candle;
import io.botfleet.api.strategy.Signal;
import io.botfleet.api.strategy.SignalType;
import io.botfleet.api.strategy.Strategy;
import io.botfleet.api.strategy.StrategyContext;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * The shipped SMA crossover's rule, written again for these tests (the strategy bundle's tests
 * use this module through the testkit, so it cannot be a dependency here): long when the fast
 * average crosses above the slow one (previous &le; 0, now &gt; 0), out when it crosses below
 * (previous &ge; 0, now &lt; 0), compared exactly by cross-multiplying the window sums. An exact
 * tie is no crossing.
 */
public class CrossingSma implements Strategy {

    private int fast;
    private int slow;
    private final Deque<BigDecimal> window = new ArrayDeque<>();
    private Integer previous;

    @Override
    public void configure(Map<String, Object> params) {
        fast = ((Number) params.get("fast")).intValue();
        slow = ((Number) params.get("slow")).intValue();
        if (fast <= 0 || fast >= slow) {
            throw new IllegalArgumentException("fast must be > 0 and < slow");
        }
    }

    @Override
    public int warmupCandles() {
        return slow + 1;
    }

    @Override
    public void onCandle(Candle candle, StrategyContext context) {
        window.addLast(candle.close());
        if (window.size() > slow) {
            window.removeFirst();
        }
        if (window.size() < slow) {
            return;
        }
        BigDecimal slowSum = BigDecimal.ZERO;
        BigDecimal fastSum = BigDecimal.ZERO;
        int k = 0;
        for (BigDecimal close : window) {
            slowSum = slowSum.add(close);
            if (k++ >= slow - fast) {
                fastSum = fastSum.add(close);
            }
        }
        int relation = fastSum.multiply(BigDecimal.valueOf(slow)).compareTo(slowSum.multiply(BigDecimal.valueOf(fast)));
        int position = context.positionQty().signum();
        if (previous != null && previous <= 0 && relation > 0 && position == 0) {
            context.emit(Signal.of(SignalType.ENTER_LONG, "cross up"));
        } else if (previous != null && previous >= 0 && relation < 0 && position > 0) {
            context.emit(Signal.of(SignalType.EXIT_LONG, "cross down"));
        }
        previous = relation;
    }

    @Override
    public Map<String, Object> snapshot() {
        return Map.of();
    }

    @Override
    public void restore(Map<String, Object> snapshot, String fromVersion) {
    }
}
