package io.botfleet.runtime.exchange;

import io.botfleet.api.exchange.AccountHealth;
import io.botfleet.api.exchange.Balance;
import io.botfleet.api.exchange.CandleListener;
import io.botfleet.api.exchange.ErrorKind;
import io.botfleet.api.exchange.ExchangeAdapter;
import io.botfleet.api.exchange.ExchangeException;
import io.botfleet.api.exchange.ExchangeOrder;
import io.botfleet.api.exchange.Execution;
import io.botfleet.api.exchange.OrderAck;
import io.botfleet.api.exchange.OrderRequest;
import io.botfleet.api.exchange.OrderUpdateListener;
import io.botfleet.api.exchange.Subscription;
import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Instrument;
import io.botfleet.api.market.Interval;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A venue whose answers the test scripts: up, down (every call fails with {@code failure}), or
 * failing the next N calls. It stands for the exchange, not for the breaker under test.
 */
final class ScriptedVenue implements ExchangeAdapter {

    volatile ErrorKind failure;        // null: the venue answers
    final AtomicInteger failNext = new AtomicInteger();
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger places = new AtomicInteger();

    private <T> CompletionStage<T> answer(T value) {
        calls.incrementAndGet();
        ErrorKind kind = failure;
        if (kind == null && failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            kind = ErrorKind.TRANSIENT;
        }
        return kind == null ? CompletableFuture.completedFuture(value)
                : CompletableFuture.failedFuture(new ExchangeException(kind, "test", "scripted " + kind));
    }

    @Override
    public String exchangeId() {
        return "scripted";
    }

    @Override
    public String account() {
        return "a1";
    }

    @Override
    public AccountHealth health() {
        return AccountHealth.up();
    }

    @Override
    public CompletionStage<OrderAck> place(OrderRequest order) {
        places.incrementAndGet();
        return answer(new OrderAck(order.clientOrderId(), "x-" + order.clientOrderId()));
    }

    @Override
    public CompletionStage<ExchangeOrder> cancel(String symbol, String clientOrderId) {
        return answer(null);
    }

    @Override
    public CompletionStage<Optional<ExchangeOrder>> findByClientOrderId(String symbol, String clientOrderId) {
        return answer(Optional.empty());
    }

    @Override
    public CompletionStage<List<ExchangeOrder>> openOrders(String symbol) {
        return answer(List.of());
    }

    @Override
    public CompletionStage<List<Execution>> executions(String symbol, Instant since) {
        return answer(List.of());
    }

    @Override
    public CompletionStage<List<Balance>> balances() {
        return answer(List.of());
    }

    @Override
    public CompletionStage<Instrument> instrument(String symbol) {
        return answer(null);
    }

    @Override
    public CompletionStage<List<Candle>> candleHistory(String symbol, Interval interval, Instant from, Instant to) {
        return answer(List.of());
    }

    @Override
    public Subscription subscribeCandles(String symbol, Interval interval, Instant after, CandleListener listener) {
        return () -> { };
    }

    @Override
    public Subscription subscribeOrders(OrderUpdateListener listener) {
        return () -> { };
    }
}
