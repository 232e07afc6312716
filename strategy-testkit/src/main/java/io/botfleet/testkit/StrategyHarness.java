package io.botfleet.testkit;

import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Instrument;
import io.botfleet.api.sim.MarketFillModel;
import io.botfleet.api.strategy.FillEvent;
import io.botfleet.api.strategy.Signal;
import io.botfleet.api.strategy.SignalType;
import io.botfleet.api.strategy.Strategy;
import io.botfleet.api.strategy.StrategyContext;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Queue;

/**
 * Runs a configured strategy over candles the way a bot on the paper exchange does, without
 * OSGi or a server: each candle goes to {@link Strategy#onCandle}, then every signal it emitted
 * becomes a market order filled at once at that candle's close by the paper exchange's own
 * {@link MarketFillModel}, the position moves, and the strategy hears {@link Strategy#onFill}
 * before the next candle, exactly the order of events of a speed-0 replay.
 *
 * <p>Orders follow the runtime's rules for market orders: an entry trades the signal's qty, or
 * the harness's order quantity, rounded down to the instrument's step, and is refused while a
 * position on the other side is open; an exit closes the whole position and is refused when
 * there is none. Refusals are recorded, not thrown. Not modelled: balances, the other risk
 * limits (maxPositionQty, maxOrderNotional, maxDailyLoss, stop-loss/take-profit), limit orders.
 *
 * <p>Not thread-safe; one harness per test.
 */
public final class StrategyHarness {

    /** A signal storm (each fill answered by a signal) would never end; a bot would not either. */
    static final int MAX_ORDERS_PER_CANDLE = 100;
    /** The step of the default instrument: the smallest step the test data's prices show. */
    private static final BigDecimal FINE = new BigDecimal("0.00000001");

    private Strategy strategy;
    private MarketFillModel fills = MarketFillModel.FREE;
    private BigDecimal orderQty = BigDecimal.ONE;
    private Instrument instrument;
    private BigDecimal position = BigDecimal.ZERO;
    private final List<RecordedSignal> signals = new ArrayList<>();
    private final List<SimulatedFill> filled = new ArrayList<>();
    private final List<String> refusals = new ArrayList<>();
    private final Queue<Signal> pending = new ArrayDeque<>();
    private final Context context = new Context();
    private Candle current;
    private int candles;

    /** A harness around an already configured strategy instance. */
    public StrategyHarness(Strategy strategy) {
        this.strategy = Objects.requireNonNull(strategy, "strategy");
    }

    /** Fee and slippage of the fills (default {@link MarketFillModel#FREE}). */
    public StrategyHarness fillModel(MarketFillModel model) {
        this.fills = Objects.requireNonNull(model, "fill model");
        return this;
    }

    /** The quantity of an entry whose signal names none, like a bot's orderQty (default 1). */
    public StrategyHarness orderQty(String qty) {
        BigDecimal value = new BigDecimal(qty);
        if (value.signum() <= 0) {
            throw new IllegalArgumentException("orderQty must be > 0, was " + qty);
        }
        this.orderQty = value;
        return this;
    }

    /**
     * The symbol's rules: step for quantities, tick for slipped prices, minimums. Default: the
     * first candle's symbol with step and tick 0.00000001 and no minimums.
     */
    public StrategyHarness instrument(Instrument instrument) {
        this.instrument = Objects.requireNonNull(instrument, "instrument");
        return this;
    }

    /** Starts from a position (positive long, negative short), as a bot resuming would. */
    public StrategyHarness position(String qty) {
        this.position = new BigDecimal(qty);
        return this;
    }

    /**
     * Hands the following candles to another instance, the position kept: what a swap or a
     * restart does after the new instance has been configured and restored.
     */
    public StrategyHarness replaceStrategy(Strategy next) {
        this.strategy = Objects.requireNonNull(next, "strategy");
        return this;
    }

    /**
     * A second harness in this one's state (settings, position, everything recorded) whose
     * candles go to {@code next}: one run cut in two without feeding the first part twice.
     */
    StrategyHarness fork(Strategy next) {
        StrategyHarness copy = new StrategyHarness(next);
        copy.fills = fills;
        copy.orderQty = orderQty;
        copy.instrument = instrument;
        copy.position = position;
        copy.signals.addAll(signals);
        copy.filled.addAll(filled);
        copy.refusals.addAll(refusals);
        copy.current = current;
        copy.candles = candles;
        return copy;
    }

    /** The instance candles currently go to. */
    public Strategy strategy() {
        return strategy;
    }

    /** Feeds candles in order, filling the signals of each before the next. */
    public StrategyHarness feed(List<Candle> series) {
        for (Candle candle : series) {
            feed(candle);
        }
        return this;
    }

    /** Feeds one candle and fills the signals it produced. */
    public StrategyHarness feed(Candle candle) {
        if (instrument == null) {
            instrument = new Instrument(candle.symbol(), "BASE", "QUOTE", FINE, FINE,
                    BigDecimal.ZERO, BigDecimal.ZERO);
        }
        current = candle;
        candles++;
        strategy.onCandle(candle, context);
        int orders = 0;
        while (!pending.isEmpty()) {
            if (++orders > MAX_ORDERS_PER_CANDLE) {
                throw new IllegalStateException("more than " + MAX_ORDERS_PER_CANDLE
                        + " signals on the candle of " + candle.openTime()
                        + ": the strategy answers every fill with a new signal");
            }
            execute(pending.remove());
        }
        return this;
    }

    private void execute(Signal signal) {
        SignalType type = signal.type();
        int sign = position.signum();
        boolean longSide = type == SignalType.ENTER_LONG || type == SignalType.EXIT_LONG;
        BigDecimal qty;
        OrderSide side;
        if (type.isEntry()) {
            if (sign != 0 && (sign > 0) != longSide) {
                refuse(signal, "position is " + position.toPlainString() + "; exit it first");
                return;
            }
            qty = instrument.roundQtyDown(signal.qty() != null ? signal.qty() : orderQty);
            side = longSide ? OrderSide.BUY : OrderSide.SELL;
        } else {
            if (sign == 0 || (sign > 0) != longSide) {
                refuse(signal, "no " + (longSide ? "long" : "short") + " position to exit");
                return;
            }
            qty = instrument.roundQtyDown(position.abs());
            side = longSide ? OrderSide.SELL : OrderSide.BUY;
        }
        BigDecimal price = fills.marketPrice(side, current.close(), instrument);
        String violation = instrument.violation(qty, price);
        if (violation != null) {
            refuse(signal, violation);
            return;
        }
        position = side == OrderSide.BUY ? position.add(qty) : position.subtract(qty);
        SimulatedFill fill = new SimulatedFill(current.closeTime(), type, side, qty, price,
                fills.fee(qty.multiply(price)), position);
        filled.add(fill);
        strategy.onFill(new FillEvent(side == OrderSide.BUY, qty, price, fill.time()), context);
    }

    private void refuse(Signal signal, String why) {
        refusals.add(current.openTime() + " " + signal.type() + " refused: " + why);
    }

    /** Every signal emitted, in order, with its candle. */
    public List<RecordedSignal> signals() {
        return Collections.unmodifiableList(signals);
    }

    /** The types of {@link #signals()}, in order. */
    public List<SignalType> signalTypes() {
        return signals.stream().map(RecordedSignal::type).toList();
    }

    /** Every fill, in order. */
    public List<SimulatedFill> fills() {
        return Collections.unmodifiableList(filled);
    }

    /** Why signals got no order, e.g. {@code "2024-01-01T00:03:00Z EXIT_LONG refused: no long position to exit"}. */
    public List<String> refusals() {
        return Collections.unmodifiableList(refusals);
    }

    /** The position now, in the base coin. */
    public BigDecimal position() {
        return position;
    }

    /** The candles fed so far. */
    public int candleCount() {
        return candles;
    }

    /**
     * The net quote-coin result of every fill (sells minus buys minus fees), and the open
     * position valued at the last close: from a flat start, a backtest's PnL in one number.
     */
    public BigDecimal profit() {
        BigDecimal quote = BigDecimal.ZERO;
        for (SimulatedFill fill : filled) {
            quote = quote.add(fill.quoteChange());
        }
        return current == null ? quote : quote.add(position.multiply(current.close()));
    }

    /** The context the strategy sees: the live position, signals queued for after the call. */
    private final class Context implements StrategyContext {

        @Override
        public String botId() {
            return "testkit-bot";
        }

        @Override
        public String symbol() {
            return instrument.symbol();
        }

        @Override
        public BigDecimal positionQty() {
            return position;
        }

        @Override
        public void emit(Signal signal) {
            Objects.requireNonNull(signal, "signal");
            signals.add(new RecordedSignal(current.openTime(), signal));
            pending.add(signal);
        }
    }
}
