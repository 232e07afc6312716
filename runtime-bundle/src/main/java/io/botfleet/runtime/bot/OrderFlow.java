package io.botfleet.runtime.bot;

import io.botfleet.api.bot.BotEvent;
import io.botfleet.api.bot.BotFill;
import io.botfleet.api.bot.BotOrder;
import io.botfleet.api.bot.Position;
import io.botfleet.api.exchange.ErrorKind;
import io.botfleet.api.exchange.ExchangeException;
import io.botfleet.api.exchange.ExchangeOrder;
import io.botfleet.api.exchange.Execution;
import io.botfleet.api.exchange.OrderAck;
import io.botfleet.api.exchange.OrderRequest;
import io.botfleet.api.exchange.OrderStatus;
import io.botfleet.api.strategy.FillEvent;
import io.botfleet.runtime.order.OrderSink;
import io.botfleet.runtime.order.PositionLedger;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A bot's orders after the journal: sending intents, and applying what the exchange says about
 * them (acks, rejections, status updates, executions). Every exchange callback becomes a message
 * in the bot's mailbox, so this runs one step at a time with the rest of the bot. Each change is
 * journaled, and the mailbox waits for the write before the next event.
 *
 * <p>An order whose fate is unknown (a timeout, a lost response) is never sent again: it is looked
 * up by its client order id until the exchange says what happened, and marked NOT_SENT only when
 * the exchange has never seen it.
 */
final class OrderFlow implements OrderSink {

    static final long RECONCILE_DELAY_MS = 2_000;
    static final int RECONCILE_ATTEMPTS = 10;

    private final BotRuntime bot;

    OrderFlow(BotRuntime bot) {
        this.bot = bot;
    }

    /** Sends a journaled intent; the stage completes once the exchange answered (or failed). */
    CompletableFuture<Void> send(BotOrder intent) {
        boolean reduceOnly = bot.trading.position.qty().signum() != 0
                && intent.side().sign() != bot.trading.position.qty().signum();
        OrderRequest request = new OrderRequest(intent.clientOrderId(), intent.symbol(), intent.side(),
                intent.type(), intent.qty(), intent.price(), reduceOnly);
        int run = bot.run();
        CompletionStage<OrderAck> placed;
        try {
            placed = bot.adapter.place(request);
        } catch (RuntimeException e) {
            placed = CompletableFuture.failedFuture(e);
        }
        return placed.handle((ack, failure) -> {
            bot.post(() -> bot.isCurrentRun(run) ? onPlaced(intent.clientOrderId(), ack, failure) : null);
            return (Void) null;
        }).toCompletableFuture();
    }

    private CompletionStage<?> onPlaced(String clientOrderId, OrderAck ack, Throwable failure) {
        BotOrder order = bot.orders.get(clientOrderId);
        if (order == null) {
            return null;
        }
        Instant now = bot.services.clock().instant();
        if (failure == null) {
            if (order.status() == OrderStatus.PENDING_SEND) {
                bot.trading.orders++;
                return journal(order.with(OrderStatus.NEW, ack.exchangeOrderId(), null, null, null, now), true);
            }
            return order.exchangeOrderId() == null
                    ? journal(order.with(order.status(), ack.exchangeOrderId(), null, null, null, now), false)
                    : null;
        }
        ExchangeException error = ExchangeException.find(failure);
        if (error != null && error.kind() == ErrorKind.REJECTED && order.status() == OrderStatus.PENDING_SEND) {
            bot.trading.orders++;
            bot.trading.rejected++;
            bot.event(BotEvent.Type.ORDER, "order " + clientOrderId + " rejected: " + error.getMessage());
            return journal(order.with(OrderStatus.REJECTED, null, null, null, error.getMessage(), now), true);
        }
        String why = error != null ? error.kind() + ": " + error.getMessage() : BotRuntime.rootMessage(failure);
        bot.event(BotEvent.Type.ERROR, "order " + clientOrderId + " outcome unknown (" + why
                + "); looking it up by client order id, never resending");
        bot.setLastError("order " + clientOrderId + ": " + why);
        scheduleLookup(clientOrderId, 1);
        return null;
    }

    // ------------------------------------------------------------ updates from the exchange

    @Override
    public void onOrderUpdate(ExchangeOrder update) {
        int run = bot.run();
        bot.post(() -> bot.isCurrentRun(run) ? applyUpdate(update) : null);
    }

    @Override
    public void onExecution(Execution execution) {
        int run = bot.run();
        bot.post(() -> bot.isCurrentRun(run) ? applyExecution(execution) : null);
    }

    private CompletionStage<?> applyUpdate(ExchangeOrder update) {
        BotOrder order = bot.orders.get(update.clientOrderId());
        if (order == null || OrderTracker.rank(update.status()) < OrderTracker.rank(order.status())
                || (update.status() == order.status() && order.exchangeOrderId() != null)) {
            return null;
        }
        boolean counted = false;
        if (order.status() == OrderStatus.PENDING_SEND) {
            bot.trading.orders++;
            counted = true;
        }
        if (update.status() == OrderStatus.REJECTED) {
            bot.trading.rejected++;
            counted = true;
            bot.event(BotEvent.Type.ORDER, "order " + order.clientOrderId() + " rejected: " + update.reason());
        }
        BotOrder updated = order.with(update.status(), update.exchangeOrderId(), null, null, update.reason(),
                bot.services.clock().instant());
        return journal(updated, counted);
    }

    private CompletionStage<?> applyExecution(Execution execution) {
        BotOrder order = bot.orders.get(execution.clientOrderId());
        if (order == null) {
            return null;
        }
        TradingState t = bot.trading;
        Position before = t.position;
        long ordersBefore = t.orders;
        BotOrder filled = OrderTracker.afterExecution(order, execution.qty(), execution.price(),
                bot.services.clock().instant());
        if (order.status() == OrderStatus.PENDING_SEND) {
            t.orders++;
        }
        t.fills++;
        t.position = PositionLedger.apply(before, execution.side(), execution.qty(), execution.price(),
                execution.fee(), execution.feeCurrency(), bot.instrument.baseCoin(), t.lastClose);
        BotFill fill = new BotFill(bot.id, execution.execId(), order.clientOrderId(), execution.side(),
                execution.qty(), execution.price(), execution.fee(), execution.feeCurrency(), execution.time());
        return bot.services.journal().applyFill(fill, filled, t.progress())
                .handleAsync((applied, failure) -> {
                    if (failure != null || !Boolean.TRUE.equals(applied)) {
                        t.position = before;
                        t.orders = ordersBefore;
                        t.fills--;
                        if (failure != null) {
                            bot.journalFailed("journal write failed", failure);
                        }
                        return null;
                    }
                    bot.orders.put(filled);
                    tellStrategy(execution);
                    bot.publish();
                    return null;
                }, bot.services.botExecutor());
    }

    private void tellStrategy(Execution execution) {
        if (bot.strategy() == null) {
            return;
        }
        bot.context().reset(bot.trading.position.qty());
        try {
            bot.calls.onFill(bot.strategy(), new FillEvent(execution.side() == io.botfleet.api.exchange.OrderSide.BUY,
                    execution.qty(), execution.price(), execution.time()), bot.context());
        } catch (RuntimeException | LinkageError e) {
            bot.event(BotEvent.Type.ERROR, "strategy threw in onFill: " + e);
        }
    }

    // ------------------------------------------------------------ reconciliation

    /**
     * At start, before the bot goes live: every order the journal holds as unfinished is looked up
     * on the exchange, one after the other; its missed executions are applied first, then its
     * state. Runs inside the bot's start (the mailbox waits for it), so it applies directly rather
     * than through messages. An exchange that does not answer leaves the order to the periodic
     * lookup, so a start never hangs on it.
     */
    CompletionStage<Void> reconcileAtStart() {
        CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
        for (BotOrder order : bot.orders.all().stream().filter(o -> !o.status().isTerminal()).toList()) {
            chain = chain.thenCompose(v -> settle(order));
        }
        return chain.thenCompose(v -> reportStrangers());
    }

    /**
     * Open orders on the bot's symbol that no bot of this installation placed (another program, a
     * person, another installation), or that carry this bot's key but are missing from its
     * journal: reported as events and never touched, since only their owner may decide on them.
     */
    private CompletionStage<Void> reportStrangers() {
        return bot.adapter.openOrders(bot.config().symbol()).handleAsync((open, failure) -> {
            if (failure != null) {
                bot.event(BotEvent.Type.ERROR, "listing open orders on " + bot.config().symbol()
                        + " failed; orders placed outside Botfleet are not checked: " + BotRuntime.rootMessage(failure));
                return null;
            }
            for (ExchangeOrder order : open) {
                java.util.OptionalLong owner = bot.services.ids().botKeyOf(order.clientOrderId());
                if (owner.isEmpty()) {
                    bot.event(BotEvent.Type.RECOVERY, "open order " + describe(order)
                            + " was not placed by Botfleet; left untouched");
                } else if (owner.getAsLong() == bot.key && bot.orders.get(order.clientOrderId()) == null) {
                    bot.event(BotEvent.Type.ERROR, "open order " + describe(order)
                            + " carries this bot's id but is missing from its journal; left untouched");
                }
            }
            return null;
        }, bot.services.botExecutor());
    }

    private static String describe(ExchangeOrder order) {
        return (order.clientOrderId() == null || order.clientOrderId().isEmpty() ? "#" + order.exchangeOrderId()
                : order.clientOrderId()) + " (" + order.side() + " " + order.qty().toPlainString() + " "
                + order.symbol() + (order.price() != null ? " @ " + order.price().toPlainString() : "") + ")";
    }

    private CompletionStage<Void> settle(BotOrder order) {
        return bot.adapter.findByClientOrderId(order.symbol(), order.clientOrderId())
                .handleAsync((found, failure) -> {
                    if (failure != null) {
                        scheduleLookup(order.clientOrderId(), 1);
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    if (found.isEmpty()) {
                        return order.status() == OrderStatus.PENDING_SEND
                                ? markNotSent(order).thenApply(v -> (Void) null)
                                : CompletableFuture.<Void>completedFuture(null);
                    }
                    bot.event(BotEvent.Type.RECOVERY, "order " + order.clientOrderId() + " found on the exchange: "
                            + found.get().status());
                    return missedExecutions(order).thenCompose(v -> orDone(applyUpdate(found.get()))).thenApply(v -> (Void) null);
                }, bot.services.botExecutor())
                .thenCompose(stage -> stage);
    }

    /** Applies, one after the other, the executions of {@code order} the bot has not seen. */
    private CompletionStage<Void> missedExecutions(BotOrder order) {
        return bot.adapter.executions(order.symbol(), order.createdAt().minusSeconds(60))
                .handleAsync((executions, failure) -> {
                    if (failure != null) {
                        bot.event(BotEvent.Type.ERROR, "fetching executions of " + order.clientOrderId() + " failed: " + failure);
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
                    for (Execution e : executions) {
                        if (e.clientOrderId().equals(order.clientOrderId())) {
                            chain = chain.thenCompose(v -> orDone(applyExecution(e))).thenApply(v -> (Void) null);
                        }
                    }
                    return chain;
                }, bot.services.botExecutor())
                .thenCompose(stage -> stage);
    }

    private CompletionStage<?> markNotSent(BotOrder order) {
        bot.event(BotEvent.Type.RECOVERY, "order " + order.clientOrderId() + " never reached the exchange: NOT_SENT");
        return journal(order.with(OrderStatus.NOT_SENT, null, null, null, "never reached the exchange",
                bot.services.clock().instant()), false);
    }

    private void scheduleLookup(String clientOrderId, int attempt) {
        int run = bot.run();
        bot.services.scheduler().schedule(() -> lookup(clientOrderId, attempt, run),
                RECONCILE_DELAY_MS * Math.min(attempt, 5), TimeUnit.MILLISECONDS);
    }

    private void lookup(String clientOrderId, int attempt, int run) {
        if (bot.adapter == null || !bot.isCurrentRun(run)) {
            return; // a later run reconciles the order at its start
        }
        bot.adapter.findByClientOrderId(bot.config().symbol(), clientOrderId)
                .whenComplete((found, failure) -> bot.post(() -> bot.isCurrentRun(run)
                        ? onLookedUp(clientOrderId, found, failure, attempt) : null));
    }

    private CompletionStage<?> onLookedUp(String clientOrderId, Optional<ExchangeOrder> found, Throwable failure,
                                          int attempt) {
        BotOrder order = bot.orders.get(clientOrderId);
        if (order == null || order.status().isTerminal()) {
            return null;
        }
        if (failure != null) {
            if (attempt < RECONCILE_ATTEMPTS) {
                scheduleLookup(clientOrderId, attempt + 1);
            } else {
                bot.event(BotEvent.Type.ERROR, "order " + clientOrderId + " still unknown after " + attempt
                        + " lookups: " + BotRuntime.rootMessage(failure));
            }
            return null;
        }
        if (found.isPresent()) {
            bot.event(BotEvent.Type.RECOVERY, "order " + clientOrderId + " found on the exchange: " + found.get().status());
            return missedExecutions(order).thenCompose(v -> orDone(applyUpdate(found.get())));
        }
        return order.status() == OrderStatus.PENDING_SEND ? markNotSent(order) : null;
    }

    /** A step's stage, or a done one for a step that had nothing to do. */
    private static CompletionStage<?> orDone(CompletionStage<?> step) {
        return step != null ? step : CompletableFuture.completedFuture(null);
    }

    private CompletionStage<?> journal(BotOrder updated, boolean withProgress) {
        bot.orders.put(updated);
        bot.publish();
        int run = bot.run();
        return bot.services.journal().updateOrder(updated, withProgress ? bot.trading.progress() : null)
                .exceptionally(failure -> {
                    bot.post(() -> {
                        if (bot.isCurrentRun(run)) {
                            bot.journalFailed("journal write failed", failure);
                        }
                        return null;
                    });
                    return null;
                });
    }
}
