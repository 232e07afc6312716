package io.botfleet.runtime.bot;

import io.botfleet.api.strategy.Signal;
import io.botfleet.api.strategy.StrategyContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The context handed to a strategy call: collects its signals for the risk gate. */
final class BotContext implements StrategyContext {

    private final String botId;
    private final String symbol;
    private BigDecimal positionQty = BigDecimal.ZERO;
    private final List<Signal> signals = new ArrayList<>(2);

    BotContext(String botId, String symbol) {
        this.botId = botId;
        this.symbol = symbol;
    }

    /** Prepares for one call. */
    void reset(BigDecimal currentPosition) {
        positionQty = currentPosition;
        signals.clear();
    }

    /** The signals emitted since {@link #reset}, in order. */
    List<Signal> signals() {
        return signals.isEmpty() ? List.of() : List.copyOf(signals);
    }

    @Override
    public String botId() {
        return botId;
    }

    @Override
    public String symbol() {
        return symbol;
    }

    @Override
    public BigDecimal positionQty() {
        return positionQty;
    }

    @Override
    public void emit(Signal signal) {
        signals.add(Objects.requireNonNull(signal, "signal"));
    }
}
