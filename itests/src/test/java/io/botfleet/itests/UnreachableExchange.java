package io.botfleet.itests;

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

/**
 * An exchange account that reports a fixed health and cannot be reached: every call fails as a
 * transient error. For tests of what the server does with an account, not of trading.
 */
final class UnreachableExchange implements ExchangeAdapter {

    private final String exchangeId;
    private final String account;
    private final AccountHealth health;

    UnreachableExchange(String exchangeId, String account, AccountHealth health) {
        this.exchangeId = exchangeId;
        this.account = account;
        this.health = health;
    }

    @Override
    public String exchangeId() {
        return exchangeId;
    }

    @Override
    public String account() {
        return account;
    }

    @Override
    public AccountHealth health() {
        return health;
    }

    @Override
    public CompletionStage<OrderAck> place(OrderRequest order) {
        return unreachable();
    }

    @Override
    public CompletionStage<ExchangeOrder> cancel(String symbol, String clientOrderId) {
        return unreachable();
    }

    @Override
    public CompletionStage<Optional<ExchangeOrder>> findByClientOrderId(String symbol, String clientOrderId) {
        return unreachable();
    }

    @Override
    public CompletionStage<List<ExchangeOrder>> openOrders(String symbol) {
        return unreachable();
    }

    @Override
    public CompletionStage<List<Execution>> executions(String symbol, Instant since) {
        return unreachable();
    }

    @Override
    public CompletionStage<List<Balance>> balances() {
        return unreachable();
    }

    @Override
    public CompletionStage<Instrument> instrument(String symbol) {
        return unreachable();
    }

    @Override
    public CompletionStage<List<Candle>> candleHistory(String symbol, Interval interval, Instant from, Instant to) {
        return unreachable();
    }

    @Override
    public Subscription subscribeCandles(String symbol, Interval interval, Instant after, CandleListener listener) {
        return () -> { };
    }

    @Override
    public Subscription subscribeOrders(OrderUpdateListener listener) {
        return () -> { };
    }

    private <T> CompletionStage<T> unreachable() {
        return CompletableFuture.failedFuture(new ExchangeException(ErrorKind.TRANSIENT, "", exchangeId + "/" + account
                + " is unreachable"));
    }
}
