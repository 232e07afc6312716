package io.botfleet.api.pipeline;

import io.botfleet.api.strategy.Signal;
import io.botfleet.api.strategy.StrategyContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The context a bot hands its strategy: collects the signals of one call for the risk gate. Not
 * thread-safe; one per bot (a bot whose strategy call was abandoned takes a new one, since the
 * stuck call may still write to the old).
 */
public final class SignalCollector implements StrategyContext {

    private final String botId;
    private final String symbol;
    private BigDecimal positionQty = BigDecimal.ZERO;
    private final List<Signal> signals = new ArrayList<>(2);

    public SignalCollector(String botId, String symbol) {
        this.botId = botId;
        this.symbol = symbol;
    }

    /** Prepares for one call. */
    public void reset(BigDecimal currentPosition) {
        positionQty = currentPosition;
        signals.clear();
    }

    /** The signals emitted since {@link #reset}, in order. */
    public List<Signal> signals() {
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
