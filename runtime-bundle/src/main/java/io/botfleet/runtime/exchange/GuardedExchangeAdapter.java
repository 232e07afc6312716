package io.botfleet.runtime.exchange;

import io.botfleet.api.exchange.AccountHealth;
import io.botfleet.api.exchange.AccountStatus;
import io.botfleet.api.exchange.Balance;
import io.botfleet.api.exchange.CandleListener;
import io.botfleet.api.exchange.ExchangeAdapter;
import io.botfleet.api.exchange.ExchangeOrder;
import io.botfleet.api.exchange.Execution;
import io.botfleet.api.exchange.OrderAck;
import io.botfleet.api.exchange.OrderRequest;
import io.botfleet.api.exchange.OrderUpdateListener;
import io.botfleet.api.exchange.Subscription;
import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Instrument;
import io.botfleet.api.market.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The account as the runtime sees it: every call goes through the account's circuit breaker,
 * and reads are retried after transient failures ({@link ReadRetry}). An order create is sent at
 * most once from here: an unknown outcome is resolved by the adapter's own client-order-id logic
 * and by the bot's look-ups, never by a resend. Streams pass straight through: their reconnects
 * and gap fills are the adapter's.
 */
public final class GuardedExchangeAdapter implements ExchangeAdapter {

    private final ExchangeAdapter adapter;
    private final AccountBreaker breaker;
    private final ReadRetry calls;

    GuardedExchangeAdapter(ExchangeAdapter adapter, AccountBreaker breaker, ReadRetry calls) {
        this.adapter = adapter;
        this.breaker = breaker;
        this.calls = calls;
    }

    /** The adapter service underneath. */
    public ExchangeAdapter unwrap() {
        return adapter;
    }

    public AccountBreaker breaker() {
        return breaker;
    }

    @Override
    public String exchangeId() {
        return adapter.exchangeId();
    }

    @Override
    public String account() {
        return adapter.account();
    }

    @Override
    public Instant now() {
        return adapter.now();
    }

    @Override
    public Duration candleLateness() {
        return adapter.candleLateness();
    }

    /** The adapter's health, overruled by an open breaker (DOWN) or a probing one (DEGRADED). */
    @Override
    public AccountHealth health() {
        AccountHealth own = adapter.health();
        return switch (breaker.state()) {
            case CLOSED -> own;
            case OPEN -> new AccountHealth(AccountStatus.DOWN, join(breaker.blockedReason(), own));
            case HALF_OPEN -> new AccountHealth(own.status() == AccountStatus.DOWN ? AccountStatus.DOWN
                    : AccountStatus.DEGRADED, join("circuit breaker HALF_OPEN: probing the exchange", own));
        };
    }

    private static String join(String breakerText, AccountHealth own) {
        return own.detail().isEmpty() ? breakerText : breakerText + "; " + own.detail();
    }

    @Override
    public CompletionStage<OrderAck> place(OrderRequest order) {
        return calls.once(() -> adapter.place(order));
    }

    @Override
    public CompletionStage<ExchangeOrder> cancel(String symbol, String clientOrderId) {
        return calls.once(() -> adapter.cancel(symbol, clientOrderId));
    }

    @Override
    public CompletionStage<Optional<ExchangeOrder>> findByClientOrderId(String symbol, String clientOrderId) {
        return calls.read(() -> adapter.findByClientOrderId(symbol, clientOrderId));
    }

    @Override
    public CompletionStage<List<ExchangeOrder>> openOrders(String symbol) {
        return calls.read(() -> adapter.openOrders(symbol));
    }

    @Override
    public CompletionStage<List<Execution>> executions(String symbol, Instant since) {
        return calls.read(() -> adapter.executions(symbol, since));
    }

    @Override
    public CompletionStage<List<Balance>> balances() {
        return calls.read(adapter::balances);
    }

    @Override
    public CompletionStage<Instrument> instrument(String symbol) {
        return calls.read(() -> adapter.instrument(symbol));
    }

    @Override
    public CompletionStage<List<Candle>> candleHistory(String symbol, Interval interval, Instant from, Instant to) {
        return calls.read(() -> adapter.candleHistory(symbol, interval, from, to));
    }

    @Override
    public Subscription subscribeCandles(String symbol, Interval interval, Instant after, CandleListener listener) {
        return adapter.subscribeCandles(symbol, interval, after, listener);
    }

    @Override
    public Subscription subscribeOrders(OrderUpdateListener listener) {
        return adapter.subscribeOrders(listener);
    }

    @Override
    public String toString() {
        return "guarded " + adapter.exchangeId() + "/" + adapter.account();
    }
}
