package io.botfleet.backtest.osgi;

import io.botfleet.api.exchange.AccountHealth;
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
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real adapter's candle history (the paper exchange's) with a script in front of each call:
 * fail it, hold it, or pass it on. Everything but the history is the real adapter's.
 */
final class HistoryAdapter implements ExchangeAdapter {

    /** What happens to call {@code n} (0 first); null passes it on. */
    interface Script {
        CompletionStage<List<Candle>> call(int n);
    }

    private final ExchangeAdapter real;
    private final String account;
    private volatile Script script;
    final AtomicInteger calls = new AtomicInteger();

    HistoryAdapter(ExchangeAdapter real, String account, Script script) {
        this.real = real;
        this.account = account;
        this.script = script;
    }

    void script(Script newScript) {
        this.script = newScript;
    }

    @Override
    public CompletionStage<List<Candle>> candleHistory(String symbol, Interval interval, Instant from, Instant to) {
        int n = calls.getAndIncrement();
        CompletionStage<List<Candle>> scripted = script == null ? null : script.call(n);
        return scripted != null ? scripted : real.candleHistory(symbol, interval, from, to);
    }

    @Override
    public String exchangeId() {
        return real.exchangeId();
    }

    @Override
    public String account() {
        return account;
    }

    @Override
    public AccountHealth health() {
        return real.health();
    }

    @Override
    public CompletionStage<OrderAck> place(OrderRequest order) {
        return real.place(order);
    }

    @Override
    public CompletionStage<ExchangeOrder> cancel(String symbol, String clientOrderId) {
        return real.cancel(symbol, clientOrderId);
    }

    @Override
    public CompletionStage<Optional<ExchangeOrder>> findByClientOrderId(String symbol, String clientOrderId) {
        return real.findByClientOrderId(symbol, clientOrderId);
    }

    @Override
    public CompletionStage<List<ExchangeOrder>> openOrders(String symbol) {
        return real.openOrders(symbol);
    }

    @Override
    public CompletionStage<List<Execution>> executions(String symbol, Instant since) {
        return real.executions(symbol, since);
    }

    @Override
    public CompletionStage<List<Balance>> balances() {
        return real.balances();
    }

    @Override
    public CompletionStage<Instrument> instrument(String symbol) {
        return real.instrument(symbol);
    }

    @Override
    public Subscription subscribeCandles(String symbol, Interval interval, Instant after, CandleListener listener) {
        return real.subscribeCandles(symbol, interval, after, listener);
    }

    @Override
    public Subscription subscribeOrders(OrderUpdateListener listener) {
        return real.subscribeOrders(listener);
    }
}
