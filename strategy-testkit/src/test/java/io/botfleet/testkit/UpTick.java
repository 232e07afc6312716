package io.botfleet.testkit;

import io.botfleet.api.market.Candle;
import io.botfleet.api.strategy.FillEvent;
import io.botfleet.api.strategy.Signal;
import io.botfleet.api.strategy.SignalType;
import io.botfleet.api.strategy.Strategy;
import io.botfleet.api.strategy.StrategyContext;
import io.botfleet.api.strategy.StrategyParameterException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small real strategy to run the harness with: enters long when a close is above the previous
 * one (by at least {@code minMove}), exits when it is below. {@link #forgetful} snapshots
 * nothing, as a strategy with a snapshot bug would.
 */
class UpTick implements Strategy {

    private final boolean forgetful;
    private BigDecimal minMove;
    private BigDecimal previous;
    final List<FillEvent> heardFills = new ArrayList<>();

    UpTick() {
        this(false);
    }

    private UpTick(boolean forgetful) {
        this.forgetful = forgetful;
    }

    static UpTick forgetful() {
        return new UpTick(true);
    }

    @Override
    public void configure(Map<String, Object> params) {
        Object move = params.getOrDefault("minMove", "0");
        try {
            minMove = new BigDecimal(move.toString());
        } catch (NumberFormatException e) {
            throw new StrategyParameterException("minMove", "must be a decimal, was " + move);
        }
        if (minMove.signum() < 0) {
            throw new StrategyParameterException("minMove", "must be >= 0, was " + move);
        }
    }

    @Override
    public int warmupCandles() {
        return 2;
    }

    @Override
    public void onCandle(Candle candle, StrategyContext context) {
        BigDecimal close = candle.close();
        if (previous != null) {
            BigDecimal move = close.subtract(previous);
            int position = context.positionQty().signum();
            if (position == 0 && move.compareTo(minMove) > 0) {
                context.emit(Signal.of(SignalType.ENTER_LONG, "up " + move.toPlainString()));
            } else if (position > 0 && move.negate().compareTo(minMove) > 0) {
                context.emit(Signal.of(SignalType.EXIT_LONG, "down"));
            }
        }
        previous = close;
    }

    @Override
    public void onFill(FillEvent fill, StrategyContext context) {
        heardFills.add(fill);
    }

    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> snapshot = new HashMap<>();
        if (!forgetful && previous != null) {
            snapshot.put("previous", previous.toPlainString());
        }
        return snapshot;
    }

    @Override
    public void restore(Map<String, Object> snapshot, String fromVersion) {
        Object stored = snapshot.get("previous");
        previous = stored == null ? null : new BigDecimal(stored.toString());
    }
}
