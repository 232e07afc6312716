package io.botfleet.runtime.bot;

import io.botfleet.api.bot.BotEvent;
import io.botfleet.api.bot.BotOrder;
import io.botfleet.api.exchange.ExchangeOrder;
import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.exchange.OrderStatus;
import io.botfleet.api.exchange.OrderType;
import io.botfleet.api.pipeline.TradingBook;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A halt's or a flatten's work in the bot's mailbox: every unfinished order is cancelled on the
 * exchange (each answer goes back through the order flow like a stream update), then, when asked,
 * the position is closed by a market order on the other side. That order is an exit: it is
 * journaled as an intent before it is sent, as a candle's orders are, is sent reduce-only, and no
 * entry limit (paused, daily loss, halt) holds it back. Completes with what was done, in words.
 */
final class CloseOut {

    private final BotSession session;
    private final BotServices services;
    private final OrderFlow orderFlow;
    private final BotLifecycle bot;

    CloseOut(BotSession session, BotServices services, OrderFlow orderFlow, BotLifecycle bot) {
        this.session = session;
        this.services = services;
        this.orderFlow = orderFlow;
        this.bot = bot;
    }

    /** Mailbox only; for a bot that holds a run (an adapter and its book). */
    CompletionStage<String> run(boolean closePosition, String why) {
        return cancelOpenOrders().thenComposeAsync(cancelled -> {
            if (!closePosition) {
                return CompletableFuture.completedFuture(cancelled);
            }
            return closePosition(why).thenApply(closed -> cancelled + "; " + closed);
        }, services.botExecutor());
    }

    private CompletionStage<String> cancelOpenOrders() {
        List<BotOrder> open = session.orders().unfinished();
        if (open.isEmpty()) {
            return CompletableFuture.completedFuture("no open order");
        }
        AtomicInteger cancelled = new AtomicInteger();
        List<String> failed = new ArrayList<>();
        CompletableFuture<?>[] answers = open.stream().map(order -> cancel(order).handle((answer, failure) -> {
            if (failure == null) {
                cancelled.incrementAndGet();
                orderFlow.onOrderUpdate(answer);
            } else {
                synchronized (failed) {
                    failed.add(order.clientOrderId() + " (" + BotRuntime.rootMessage(failure) + ")");
                }
            }
            return null;
        }).toCompletableFuture()).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(answers).thenApply(v -> {
            String outcome = "cancelled " + cancelled.get() + " of " + open.size() + " open order(s)"
                    + (failed.isEmpty() ? "" : "; not cancelled: " + String.join(", ", failed));
            bot.event(BotEvent.Type.HALT, outcome);
            return outcome;
        });
    }

    private CompletionStage<ExchangeOrder> cancel(BotOrder order) {
        try {
            return session.adapter().cancel(order.symbol(), order.clientOrderId());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletionStage<String> closePosition(String why) {
        TradingBook book = session.book();
        BigDecimal held = book.position().qty();
        if (held.signum() == 0) {
            return CompletableFuture.completedFuture("position already flat");
        }
        Instant now = services.clock().instant();
        OrderSide side = held.signum() > 0 ? OrderSide.SELL : OrderSide.BUY;
        BotOrder exit = new BotOrder(session.id(), services.ids().id(session.key(), book.takeOrderSeq()), null,
                session.config().symbol(), side, OrderType.MARKET, held.abs(), null, OrderStatus.PENDING_SEND,
                null, null, now, now, why + ": close the position at market");
        session.orders().put(exit);
        String what = "closing " + held.toPlainString() + " " + session.config().symbol() + " with market "
                + side + " " + exit.clientOrderId();
        bot.event(BotEvent.Type.HALT, what);
        // durable before it is sent, like a candle's intents
        return services.journal().commitCandle(book.progress(), List.of(exit))
                .thenComposeAsync(v -> orderFlow.send(exit), services.botExecutor())
                .handleAsync((v, failure) -> {
                    if (failure != null) {
                        bot.journalFailed("journal write failed", failure);
                        return what + " failed: " + BotRuntime.rootMessage(failure);
                    }
                    return what + " handed to the exchange";
                }, services.botExecutor());
    }
}
