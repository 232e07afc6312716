package io.botfleet.api.pipeline;

import io.botfleet.api.bot.BotConfig;
import io.botfleet.api.bot.BotOrder;
import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.exchange.OrderStatus;
import io.botfleet.api.exchange.OrderType;
import io.botfleet.api.market.Candle;
import io.botfleet.api.strategy.Signal;
import io.botfleet.api.strategy.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One bot's decision on one closed candle: the strategy call, the protective exits, the risk gate
 * and the order intents. Updates the bot's {@link TradingBook} and returns the intents; it neither
 * persists nor sends them (a live bot journals them first, a backtest fills them at once).
 * No I/O, no threads, no framework.
 *
 * <p>One instance per bot, used by one thread at a time: it holds the context the strategy emits
 * its signals into.
 */
public final class CandlePipeline {

    /** The decision of a candle that asks for nothing: most candles, so one shared, immutable instance. */
    private static final CandleDecision NOTHING = new CandleDecision(List.of(), List.of(), null);

    private final RiskGate gate = new RiskGate();
    private final ProtectiveExits protectiveExits = new ProtectiveExits();
    private final StrategyCaller caller;
    private final OrderIds ids;
    private final String botId;
    private final String symbol;
    private SignalCollector context;

    /**
     * @param botId  the bot's id, as the strategy sees it
     * @param symbol the bot's symbol, as the strategy sees it
     * @param caller how the strategy is called (the runtime's guard, or directly)
     * @param ids    the client order id of each order sequence number
     */
    public CandlePipeline(String botId, String symbol, StrategyCaller caller, OrderIds ids) {
        this.botId = Objects.requireNonNull(botId, "botId");
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        this.caller = Objects.requireNonNull(caller, "caller");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.context = new SignalCollector(botId, symbol);
    }

    /** The context the strategy is handed, by this pipeline and for the bot's other calls (fills, catch-up). */
    public SignalCollector context() {
        return context;
    }

    /** Drops the context for a fresh one: a strategy call that never returned may still write to the old. */
    public void abandonContext() {
        context = new SignalCollector(botId, symbol);
    }

    /**
     * Decides on {@code candle}: the book counts it and marks the position at its close; a
     * current candle's protective exit and signals go through the risk gate, and those it lets
     * pass become intents. A strategy that throws costs its signals of this candle (counted as an
     * error), never the candle: the candle counts as processed, so no bot retries a poisoned one.
     *
     * @param orders the bot's unfinished orders before this candle; the intents decided here are
     *               not in it (the caller adds them), the pipeline counts them itself
     */
    public CandleDecision decide(Candle candle, CandleTerms terms, Strategy strategy, TradingBook book,
                                 OpenOrders orders) {
        Throwable fault = callStrategy(strategy, candle, book);
        List<Signal> signals = fault == null ? context.signals() : List.of(); // half-done work is dropped
        BotConfig config = terms.config();
        Optional<Signal> exit = protectiveExits.check(config.risk(), book.position().qty(),
                book.position().avgPrice(), candle.close());
        book.candle(candle, signals.size());
        if (terms.historyReason() != null) {
            return new CandleDecision(List.of(), untraded(candle, terms.historyReason(), exit, signals), fault);
        }
        Signal protective = exit.orElse(null);
        if (protective == null && signals.isEmpty()) {
            return fault == null ? NOTHING : new CandleDecision(List.of(), List.of(), fault);
        }
        List<Signal> candidates = new ArrayList<>(signals.size() + 1);
        if (protective != null) {
            candidates.add(protective);
        }
        candidates.addAll(signals);
        List<BotOrder> intents = new ArrayList<>(1);
        List<String> notes = new ArrayList<>(0);
        boolean placedBuy = false;
        boolean placedSell = false;
        for (Signal signal : candidates) {
            String entryBlock = terms.paused() ? "bot is PAUSED" : book.dailyLossBlock(config.risk().maxDailyLoss());
            // an intent of this candle is an open order, and not in doubt: it is only being sent
            boolean buy = orders.anyOpen(OrderSide.BUY) || placedBuy;
            boolean sell = orders.anyOpen(OrderSide.SELL) || placedSell;
            RiskInput input = new RiskInput(config.risk(), terms.instrument(), book.position().qty(), candle.close(),
                    entryBlock, buy, sell, orders.anyResolvedOpen(OrderSide.BUY) || placedBuy,
                    orders.anyResolvedOpen(OrderSide.SELL) || placedSell);
            RiskDecision decision = signal == protective ? gate.evaluateProtectiveExit(signal, input)
                    : gate.evaluate(signal, input);
            if (decision instanceof RiskDecision.Place place) {
                intents.add(new BotOrder(config.id(), ids.id(book.takeOrderSeq()), null, config.symbol(),
                        place.side(), OrderType.MARKET, place.qty(), null, OrderStatus.PENDING_SEND, null, null,
                        terms.now(), terms.now(), place.reason()));
                placedBuy |= place.side() == OrderSide.BUY;
                placedSell |= place.side() == OrderSide.SELL;
            } else {
                notes.add(((RiskDecision.Refuse) decision).reason());
            }
        }
        return new CandleDecision(intents, notes, fault);
    }

    /** The note naming a history candle whose exit or signals were not traded, and why; none when it asked for nothing. */
    private static List<String> untraded(Candle candle, String history, Optional<Signal> exit, List<Signal> signals) {
        if (exit.isEmpty() && signals.isEmpty()) {
            return List.of();
        }
        StringBuilder what = new StringBuilder();
        exit.ifPresent(e -> what.append("protective exit (").append(e.reason()).append(')'));
        if (!signals.isEmpty()) {
            what.append(what.length() > 0 ? " and " : "").append(signals.size()).append(" signal(s) ")
                    .append(signals.stream().map(s -> s.type().name()).toList());
        }
        return List.of("candle " + candle.openTime() + " not traded: " + what + "; the candle is " + history);
    }

    private Throwable callStrategy(Strategy strategy, Candle candle, TradingBook book) {
        context.reset(book.position().qty());
        try {
            caller.onCandle(strategy, candle, context);
            return null;
        } catch (RuntimeException | LinkageError | StackOverflowError | OutOfMemoryError | AssertionError e) {
            // A strategy fault is the strategy's version's problem, never the bot's: it is counted
            // and the candle still counts as processed, so the bot never retries a poisoned candle.
            book.countError();
            return e;
        }
    }
}
