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
import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.exchange.OrderStatus;
import io.botfleet.api.pipeline.PositionLedger;
import io.botfleet.api.pipeline.TradingBook;
import io.botfleet.api.strategy.FillEvent;
import io.botfleet.runtime.order.OrderSink;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A bot's orders after the journal: sending intents, and applying what the exchange says about
 * them (acks, rejections, status updates, executions). Every exchange callback becomes a message
 * in the bot's mailbox, so this runs one step at a time with the rest of the session. Each change is
 * journaled, and the mailbox waits for the write before the next event.
 *
 * <p>An order whose fate is unknown (a timeout, a lost response) is never sent again: it is
 * unresolved, and looked up by its client order id, with capped and jittered backoff, for as long
 * as it takes, until the exchange says what happened. It is marked NOT_SENT only when the exchange
 * has never seen it: no send of it still in progress, its grace period since the send over and two
 * look-ups empty ({@link OrderResolution}). Unresolved orders show in the bot's status, in
 * {@code /metrics} and as events; they hold back entries on their side, never protective exits.
 */
final class OrderFlow implements OrderSink {

    private final BotSession session;
    private final BotServices services;
    private final StrategyCalls calls;
    private final BotHost host;
    /**
     * When this process last handed each order to the exchange, kept (across runs) while its
     * outcome is unknown: the grace period before NOT_SENT counts from there.
     */
    private final Map<String, Instant> sentAt = new ConcurrentHashMap<>();
    /** Orders whose {@code place()} has not completed, in any run: nothing proves them unsent yet. */
    private final Set<String> sending = ConcurrentHashMap.newKeySet();
    /** Mailbox-only, this run's: the look-ups of each order being settled with the exchange. */
    private final Map<String, OrderResolution> resolving = new HashMap<>();

    OrderFlow(BotSession session, BotServices services, StrategyCalls calls, BotHost host) {
        this.session = session;
        this.services = services;
        this.calls = calls;
        this.host = host;
    }

    /** A new run settles every unfinished order afresh; the look-ups of the run before are dropped. */
    void beginRun() {
        resolving.clear();
    }

    /** Sends a journaled intent; the stage completes once the exchange answered (or failed). */
    CompletableFuture<Void> send(BotOrder intent) {
        BigDecimal held = session.book().position().qty();
        boolean reduceOnly = held.signum() != 0 && intent.side().sign() != held.signum();
        OrderRequest request = new OrderRequest(intent.clientOrderId(), intent.symbol(), intent.side(),
                intent.type(), intent.qty(), intent.price(), reduceOnly);
        int run = session.run();
        String id = intent.clientOrderId();
        sending.add(id);
        sentAt.put(id, services.clock().instant());
        CompletionStage<OrderAck> placed;
        if (!services.leases().maySend(intent.botId(), System.nanoTime())) {
            // Not sent, and settled as an order whose outcome is unknown: looked up by its client
            // order id, NOT_SENT since the exchange does not have it. Had another node taken the
            // lease, the next lease round stands the bot down and the new owner settles it so.
            placed = CompletableFuture.failedFuture(new IllegalStateException("not sent: this node's lease of bot "
                    + intent.botId() + " lapsed before the order went out (the node was paused or cut off)"));
        } else {
            try {
                placed = session.adapter().place(request);
            } catch (RuntimeException e) {
                placed = CompletableFuture.failedFuture(e);
            }
        }
        return placed.handle((ack, failure) -> {
            sending.remove(id);
            if (failure == null) {
                sentAt.remove(id); // acknowledged: the exchange has it
            }
            host.post(() -> session.isCurrentRun(run) ? onPlaced(id, ack, failure) : null);
            return (Void) null;
        }).toCompletableFuture();
    }

    private CompletionStage<?> onPlaced(String clientOrderId, OrderAck ack, Throwable failure) {
        BotOrder order = session.orders().get(clientOrderId);
        if (order == null) {
            return null;
        }
        Instant now = services.clock().instant();
        if (failure == null) {
            if (order.status() == OrderStatus.PENDING_SEND) {
                session.book().countOrder();
                return journal(order.with(OrderStatus.NEW, ack.exchangeOrderId(), null, null, null, now), true);
            }
            return order.exchangeOrderId() == null
                    ? journal(order.with(order.status(), ack.exchangeOrderId(), null, null, null, now), false)
                    : null;
        }
        ExchangeException error = ExchangeException.find(failure);
        if (error != null && error.kind() == ErrorKind.REJECTED && order.status() == OrderStatus.PENDING_SEND) {
            session.book().countOrder();
            session.book().countRejected();
            host.event(BotEvent.Type.ORDER, "order " + clientOrderId + " rejected: " + error.getMessage());
            return journal(order.with(OrderStatus.REJECTED, null, null, null, error.getMessage(), now), true);
        }
        String why = error != null ? error.kind() + ": " + error.getMessage() : BotRuntime.rootMessage(failure);
        if (order.status() == OrderStatus.PENDING_SEND) {
            unresolved(order, "outcome unknown (" + why + ")");
            host.lastError("order " + clientOrderId + ": " + why);
        }
        scheduleLookup(clientOrderId);
        return null;
    }

    // ------------------------------------------------------------ updates from the exchange

    @Override
    public void onOrderUpdate(ExchangeOrder update) {
        int run = session.run();
        host.post(() -> session.isCurrentRun(run) ? applyUpdate(update) : null);
    }

    @Override
    public void onExecution(Execution execution) {
        int run = session.run();
        host.post(() -> session.isCurrentRun(run) ? applyExecution(execution) : null);
    }

    private CompletionStage<?> applyUpdate(ExchangeOrder update) {
        BotOrder order = session.orders().get(update.clientOrderId());
        if (order == null || OrderTracker.rank(update.status()) < OrderTracker.rank(order.status())
                || (update.status() == order.status() && order.exchangeOrderId() != null)) {
            return null;
        }
        boolean counted = false;
        if (order.status() == OrderStatus.PENDING_SEND) {
            session.book().countOrder();
            counted = true;
        }
        if (update.status() == OrderStatus.REJECTED) {
            session.book().countRejected();
            counted = true;
            host.event(BotEvent.Type.ORDER, "order " + order.clientOrderId() + " rejected: " + update.reason());
        }
        BotOrder updated = order.with(update.status(), update.exchangeOrderId(), null, null, update.reason(),
                services.clock().instant());
        return journal(updated, counted);
    }

    private CompletionStage<?> applyExecution(Execution execution) {
        BotOrder order = session.orders().get(execution.clientOrderId());
        if (order == null) {
            return null;
        }
        TradingBook t = session.book();
        Position before = t.position();
        long ordersBefore = t.orders();
        BotOrder filled = OrderTracker.afterExecution(order, execution.qty(), execution.price(),
                services.clock().instant());
        if (order.status() == OrderStatus.PENDING_SEND) {
            t.countOrder();
        }
        t.fill(PositionLedger.apply(before, execution.side(), execution.qty(), execution.price(),
                execution.fee(), execution.feeCurrency(), session.instrument().baseCoin(), t.lastClose()));
        BotFill fill = new BotFill(session.id(), execution.execId(), order.clientOrderId(), execution.side(),
                execution.qty(), execution.price(), execution.fee(), execution.feeCurrency(), execution.time());
        return services.journal().applyFill(fill, filled, t.progress())
                .handleAsync((applied, failure) -> {
                    if (failure != null || !Boolean.TRUE.equals(applied)) {
                        t.undoFill(before, ordersBefore);
                        if (failure != null) {
                            host.journalFailed("journal write failed", failure);
                        }
                        return null;
                    }
                    session.orders().put(filled);
                    settled(filled);
                    tellStrategy(execution);
                    host.publish();
                    return null;
                }, services.botExecutor());
    }

    private void tellStrategy(Execution execution) {
        if (session.strategy() == null) {
            return;
        }
        session.context().reset(session.book().position().qty());
        try {
            calls.onFill(session.strategy(), new FillEvent(execution.side() == OrderSide.BUY,
                    execution.qty(), execution.price(), execution.time()), session.context());
        } catch (RuntimeException | LinkageError e) {
            host.event(BotEvent.Type.ERROR, "strategy threw in onFill: " + e);
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
        for (BotOrder order : session.orders().unfinished()) {
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
        return session.adapter().openOrders(session.config().symbol()).handleAsync((open, failure) -> {
            if (failure != null) {
                host.event(BotEvent.Type.ERROR, "listing open orders on " + session.config().symbol()
                        + " failed; orders placed outside Botfleet are not checked: " + BotRuntime.rootMessage(failure));
                return null;
            }
            for (ExchangeOrder order : open) {
                OptionalLong owner = services.ids().botKeyOf(order.clientOrderId());
                if (owner.isEmpty()) {
                    host.event(BotEvent.Type.RECOVERY, "open order " + describe(order)
                            + " was not placed by Botfleet; left untouched");
                } else if (owner.getAsLong() == session.key() && session.orders().get(order.clientOrderId()) == null) {
                    host.event(BotEvent.Type.ERROR, "open order " + describe(order)
                            + " carries this bot's id but is missing from its journal; left untouched");
                }
            }
            return null;
        }, services.botExecutor());
    }

    private static String describe(ExchangeOrder order) {
        return (order.clientOrderId() == null || order.clientOrderId().isEmpty() ? "#" + order.exchangeOrderId()
                : order.clientOrderId()) + " (" + order.side() + " " + order.qty().toPlainString() + " "
                + order.symbol() + (order.price() != null ? " @ " + order.price().toPlainString() : "") + ")";
    }

    private CompletionStage<Void> settle(BotOrder order) {
        String id = order.clientOrderId();
        Instant lookupSentAt = services.clock().instant();
        return session.adapter().findByClientOrderId(order.symbol(), id)
                .handleAsync((found, failure) -> orDone(onLookedUp(id, found, failure, lookupSentAt))
                        .thenApply(v -> (Void) null), services.botExecutor())
                .thenCompose(stage -> stage);
    }

    /** Applies, one after the other, the executions of {@code order} the bot has not seen. */
    private CompletionStage<Void> missedExecutions(BotOrder order) {
        return session.adapter().executions(order.symbol(), order.createdAt().minusSeconds(60))
                .handleAsync((executions, failure) -> {
                    if (failure != null) {
                        host.event(BotEvent.Type.ERROR, "fetching executions of " + order.clientOrderId() + " failed: " + failure);
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
                    for (Execution e : executions) {
                        if (e.clientOrderId().equals(order.clientOrderId())) {
                            chain = chain.thenCompose(v -> orDone(applyExecution(e))).thenApply(v -> (Void) null);
                        }
                    }
                    return chain;
                }, services.botExecutor())
                .thenCompose(stage -> stage);
    }

    private CompletionStage<?> markNotSent(BotOrder order) {
        host.event(BotEvent.Type.RECOVERY, "order " + order.clientOrderId() + " never reached the exchange: NOT_SENT");
        return journal(order.with(OrderStatus.NOT_SENT, null, null, null, "never reached the exchange",
                services.clock().instant()), false);
    }

    /** The order's placement outcome is unknown: count it and say so, until the exchange says. */
    private void unresolved(BotOrder order, String why) {
        String id = order.clientOrderId();
        if (!session.orders().isUnresolved(id)) {
            session.orders().markUnresolved(id);
            host.event(BotEvent.Type.ERROR, BotEvent.Kind.UNRESOLVED_ORDER, "order " + id + " unresolved: " + why
                    + "; looking it up by client order id until the exchange answers, never resending");
            host.publish();
        }
    }

    /** The look-ups of {@code clientOrderId}, begun now if not yet: its grace runs from its send. */
    private OrderResolution resolution(String clientOrderId) {
        return resolving.computeIfAbsent(clientOrderId, id -> {
            // An order this process did not send (recovered after a restart) was sent, if ever,
            // before this process began settling it: the grace counts from now, to be safe.
            Instant from = sentAt.getOrDefault(id, services.clock().instant());
            return new OrderResolution(from.plusMillis(services.settings().notSentGraceMillis()));
        });
    }

    /** The exchange has said what became of an order: it leaves the resolution loop. */
    private void settled(BotOrder order) {
        if (order.status() == OrderStatus.PENDING_SEND) {
            return;
        }
        String id = order.clientOrderId();
        resolving.remove(id);
        sentAt.remove(id);
        session.orders().markResolved(id);
    }

    private void scheduleLookup(String clientOrderId) {
        OrderResolution resolution = resolution(clientOrderId);
        int attempt = resolution.nextLookup();
        long delay = resolution.nextDelayMillis(services.settings().orderLookupBackoff().delayMillis(attempt),
                services.clock().instant());
        if (attempt >= 4 && Integer.bitCount(attempt) == 1 && session.orders().isUnresolved(clientOrderId)) {
            host.event(BotEvent.Type.ERROR, BotEvent.Kind.UNRESOLVED_ORDER, "order " + clientOrderId + " still unresolved after " + (attempt - 1)
                    + " look-ups; next in " + (delay + 500) / 1000 + " s, for as long as it takes");
        }
        int run = session.run();
        services.scheduler().schedule(() -> lookup(clientOrderId, run), delay, TimeUnit.MILLISECONDS);
    }

    private void lookup(String clientOrderId, int run) {
        if (session.adapter() == null || !session.isCurrentRun(run)) {
            return; // a later run reconciles the order at its start
        }
        Instant lookupSentAt = services.clock().instant();
        CompletionStage<Optional<ExchangeOrder>> found;
        try {
            found = session.adapter().findByClientOrderId(session.config().symbol(), clientOrderId);
        } catch (RuntimeException e) {
            found = CompletableFuture.failedFuture(e);
        }
        found.whenComplete((order, failure) -> host.post(() -> session.isCurrentRun(run)
                ? onLookedUp(clientOrderId, order, failure, lookupSentAt) : null));
    }

    /**
     * What a look-up found: the order (its missed executions applied, then its state), nothing
     * (an order never sent becomes NOT_SENT once that is proven, see {@link OrderResolution}), or
     * no answer. Anything short of an answer keeps the order in the loop.
     */
    private CompletionStage<?> onLookedUp(String clientOrderId, Optional<ExchangeOrder> found, Throwable failure,
                                          Instant lookupSentAt) {
        BotOrder order = session.orders().get(clientOrderId);
        if (order == null || order.status().isTerminal()) {
            resolving.remove(clientOrderId);
            return null;
        }
        if (failure != null) {
            if (order.status() == OrderStatus.PENDING_SEND) {
                unresolved(order, "its look-up failed (" + BotRuntime.rootMessage(failure) + ")");
            }
            scheduleLookup(clientOrderId);
            return null;
        }
        if (found.isPresent()) {
            host.event(BotEvent.Type.RECOVERY, "order " + clientOrderId + " found on the exchange: " + found.get().status());
            resolving.remove(clientOrderId);
            return missedExecutions(order).thenCompose(v -> orDone(applyUpdate(found.get())));
        }
        if (order.status() != OrderStatus.PENDING_SEND) {
            resolving.remove(clientOrderId);
            return null; // acknowledged before: its updates come from the order stream
        }
        OrderResolution resolution = resolution(clientOrderId);
        resolution.foundNothing();
        if (resolution.provesNeverSent(lookupSentAt, sending.contains(clientOrderId))) {
            resolving.remove(clientOrderId);
            return markNotSent(order);
        }
        unresolved(order, "the exchange does not list it yet, which proves nothing before "
                + services.settings().notSentGraceMillis() + " ms from its send and two empty look-ups");
        scheduleLookup(clientOrderId);
        return null;
    }

    /** A step's stage, or a done one for a step that had nothing to do. */
    private static CompletionStage<?> orDone(CompletionStage<?> step) {
        return step != null ? step : CompletableFuture.completedFuture(null);
    }

    private CompletionStage<?> journal(BotOrder updated, boolean withProgress) {
        session.orders().put(updated);
        settled(updated);
        host.publish();
        int run = session.run();
        return services.journal().updateOrder(updated, withProgress ? session.book().progress() : null)
                .exceptionally(failure -> {
                    host.post(() -> {
                        if (session.isCurrentRun(run)) {
                            host.journalFailed("journal write failed", failure);
                        }
                        return null;
                    });
                    return null;
                });
    }
}
