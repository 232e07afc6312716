package io.botfleet.strategy.sma;

import io.botfleet.api.market.Candle;
import io.botfleet.api.strategy.Signal;
import io.botfleet.api.strategy.SignalType;
import io.botfleet.api.strategy.Strategy;
import io.botfleet.api.strategy.StrategyContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A strategy context that records signals and fills each one at once, as the paper exchange
 * does before the next candle: ENTER_LONG makes the position 1, EXIT_LONG makes it 0.
 */
final class RecordingContext implements StrategyContext {

    /** A signal and the open time of the candle that produced it. */
    record Emitted(Instant openTime, SignalType type) {
    }

    private final List<Emitted> emitted = new ArrayList<>();
    private BigDecimal position = BigDecimal.ZERO;
    private Instant current;

    /** Feeds candles to a strategy through this context. */
    RecordingContext feed(Strategy strategy, List<Candle> candles) {
        for (Candle candle : candles) {
            current = candle.openTime();
            strategy.onCandle(candle, this);
        }
        return this;
    }

    List<Emitted> emitted() {
        return emitted;
    }

    List<SignalType> types() {
        return emitted.stream().map(Emitted::type).toList();
    }

    void position(BigDecimal qty) {
        position = qty;
    }

    @Override
    public String botId() {
        return "bot-1";
    }

    @Override
    public String symbol() {
        return "BTCUSDT";
    }

    @Override
    public BigDecimal positionQty() {
        return position;
    }

    @Override
    public void emit(Signal signal) {
        emitted.add(new Emitted(current, signal.type()));
        if (signal.type() == SignalType.ENTER_LONG) {
            position = BigDecimal.ONE;
        } else if (signal.type() == SignalType.EXIT_LONG) {
            position = BigDecimal.ZERO;
        }
    }
}
