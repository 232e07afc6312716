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
 * The account as the runtime sees it: every call goes through the account's circuit breaker
 * once ({@link AccountBreaker#call}). Nothing is retried here: retrying a read after a transient
 * failure is the adapter's (see {@link ExchangeAdapter}), the one layer that knows which of its
 * venue's answers are safe to send again, and a second layer on top would multiply the requests
 * of a venue in trouble. An order create is sent at most once from here: an unknown outcome is
 * resolved by the adapter's own client-order-id logic and by the bot's look-ups, never by a resend. Streams pass straight through: their reconnects
 * and gap fills are the adapter's.
 */
public final class GuardedExchangeAdapter implements ExchangeAdapter {

    private final ExchangeAdapter adapter;
    private final AccountBreaker breaker;
    GuardedExchangeAdapter(ExchangeAdapter adapter, AccountBreaker breaker) {
        this.adapter = adapter;
        this.breaker = breaker;
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
        return breaker.call(() -> adapter.place(order));
    }

    @Override
    public CompletionStage<ExchangeOrder> cancel(String symbol, String clientOrderId) {
        return breaker.call(() -> adapter.cancel(symbol, clientOrderId));
    }

    @Override
    public CompletionStage<Optional<ExchangeOrder>> findByClientOrderId(String symbol, String clientOrderId) {
        return breaker.call(() -> adapter.findByClientOrderId(symbol, clientOrderId));
    }

    @Override
    public CompletionStage<List<ExchangeOrder>> openOrders(String symbol) {
        return breaker.call(() -> adapter.openOrders(symbol));
    }

    @Override
    public CompletionStage<List<Execution>> executions(String symbol, Instant since) {
        return breaker.call(() -> adapter.executions(symbol, since));
    }

    @Override
    public CompletionStage<List<Balance>> balances() {
        return breaker.call(adapter::balances);
    }

    @Override
    public CompletionStage<Instrument> instrument(String symbol) {
        return breaker.call(() -> adapter.instrument(symbol));
    }

    @Override
    public CompletionStage<List<Candle>> candleHistory(String symbol, Interval interval, Instant from, Instant to) {
        return breaker.call(() -> adapter.candleHistory(symbol, interval, from, to));
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
