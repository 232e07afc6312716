package io.botfleet.runtime.bot;

import io.botfleet.api.bot.BotConfig;
import io.botfleet.api.bot.BotOrder;
import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.exchange.OrderStatus;
import io.botfleet.api.exchange.OrderType;
import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Instrument;
import io.botfleet.api.strategy.Signal;
import io.botfleet.api.strategy.Strategy;
import io.botfleet.runtime.order.ClientOrderIdFactory;
import io.botfleet.runtime.order.PositionLedger;
import io.botfleet.runtime.risk.ProtectiveExits;
import io.botfleet.runtime.risk.RiskDecision;
import io.botfleet.runtime.risk.RiskGate;
import io.botfleet.runtime.risk.RiskInput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One closed candle through a bot: strategy, protective exits, risk gate, order intents. Updates
 * the bot's trading state in memory; the caller journals the result before anything is sent.
 * No I/O, so this is the path the throughput benchmark measures.
 */
final class CandleStep {

    /**
     * @param intents        orders to journal, then send (status PENDING_SEND)
     * @param notes          risk refusals and untraded history candles for the event log
     * @param strategyFault  what the strategy threw, or null
     */
    record Outcome(List<BotOrder> intents, List<String> notes, Throwable strategyFault) {
    }

    private final RiskGate gate = new RiskGate();
    private final ProtectiveExits protectiveExits = new ProtectiveExits();
    private final ClientOrderIdFactory ids;
    private final StrategyCalls calls;

    CandleStep(ClientOrderIdFactory ids, StrategyCalls calls) {
        this.ids = ids;
        this.calls = calls;
    }

    /**
     * @param history why the candle is history by the exchange's clock, or null when it is current
     *                ({@code CandleCurrency}): a history candle feeds the
     *                strategy and the bot's figures, but nothing it asks for is traded
     */
    Outcome run(Candle candle, String history, boolean paused, Strategy strategy, BotContext context,
                TradingState state, OrderTracker orders, BotConfig config, long botKey,
                Instrument instrument, Instant now) {
        Throwable fault = callStrategy(strategy, candle, context, state);
        List<Signal> signals = fault == null ? context.signals() : List.of(); // half-done work is dropped
        state.signals += signals.size();
        state.candles++;
        state.lastCandleTime = candle.openTime();
        state.lastClose = candle.close();
        Optional<Signal> exit = protectiveExits.check(config.risk(), state.position.qty(), state.position.avgPrice(),
                candle.close());
        state.position = PositionLedger.mark(state.position, candle.close());
        state.dailyLoss.onCandle(candle.closeTime(), state.position.realizedPnl());
        if (history != null) {
            return new Outcome(List.of(), untraded(candle, history, exit, signals), fault);
        }
        List<Signal> candidates = new ArrayList<>(signals.size() + 1);
        Signal protective = exit.orElse(null);
        if (protective != null) {
            candidates.add(protective);
        }
        candidates.addAll(signals);
        List<BotOrder> intents = new ArrayList<>(1);
        List<String> notes = new ArrayList<>(0);
        for (Signal signal : candidates) {
            String entryBlock = paused ? "bot is PAUSED"
                    : state.dailyLoss.block(config.risk().maxDailyLoss(), state.position.realizedPnl());
            RiskInput input = new RiskInput(config.risk(), instrument, state.position.qty(), candle.close(),
                    entryBlock, orders.anyOpen(OrderSide.BUY), orders.anyOpen(OrderSide.SELL),
                    orders.anyResolvedOpen(OrderSide.BUY), orders.anyResolvedOpen(OrderSide.SELL));
            RiskDecision decision = signal == protective ? gate.evaluateProtectiveExit(signal, input)
                    : gate.evaluate(signal, input);
            if (decision instanceof RiskDecision.Place place) {
                BotOrder intent = new BotOrder(config.id(), ids.id(botKey, state.nextOrderSeq++), null,
                        config.symbol(), place.side(), OrderType.MARKET, place.qty(), null,
                        OrderStatus.PENDING_SEND, null, null, now, now, place.reason());
                orders.put(intent);
                intents.add(intent);
            } else {
                notes.add(((RiskDecision.Refuse) decision).reason());
            }
        }
        return new Outcome(intents, notes, fault);
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

    private Throwable callStrategy(Strategy strategy, Candle candle, BotContext context, TradingState state) {
        context.reset(state.position.qty());
        try {
            calls.onCandle(strategy, candle, context);
            return null;
        } catch (RuntimeException | LinkageError | StackOverflowError | OutOfMemoryError | AssertionError e) {
            // A strategy fault is the strategy's version's problem, never the bot's: it is counted
            // and the candle still counts as processed, so the bot never retries a poisoned candle.
            state.errors++;
            return e;
        }
    }
}
