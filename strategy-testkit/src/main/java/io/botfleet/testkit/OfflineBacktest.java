package io.botfleet.testkit;

import io.botfleet.api.bot.RiskLimits;
import io.botfleet.api.market.Candle;
import io.botfleet.api.market.CandleCsv;
import io.botfleet.api.market.Interval;
import io.botfleet.api.strategy.Strategy;
import io.botfleet.backtest.dataset.CandleSeries;
import io.botfleet.backtest.engine.BacktestEngine;
import io.botfleet.backtest.engine.BacktestResult;
import io.botfleet.backtest.engine.BacktestSetup;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A backtest in one call, without a server: the platform's own backtest engine (the code a
 * server's backtests run: the live bot's decision pipeline, the paper exchange's fills) over
 * candles from a list or a candle file, returning the same report.
 *
 * <pre>{@code
 * BacktestResult r = OfflineBacktest.of(new MyStrategy()).params(Map.of("period", 14))
 *         .orderQty("0.01").balance("USDT", "100000").feeBps("7.5").run(candles);
 * assertTrue(r.report().trades() > 0);
 * }</pre>
 *
 * Defaults: orderQty 1 and no other risk limit, 1,000,000 of the symbol's quote coin, no fee, no
 * slippage. The strategy instance is configured with the params by the run.
 */
public final class OfflineBacktest {

    private final Strategy strategy;
    private Map<String, Object> params = Map.of();
    private RiskLimits risk = RiskLimits.ofOrderQty(BigDecimal.ONE);
    private final Map<String, BigDecimal> balances = new LinkedHashMap<>();
    private BigDecimal feeBps = BigDecimal.ZERO;
    private BigDecimal slippageBps = BigDecimal.ZERO;

    private OfflineBacktest(Strategy strategy) {
        this.strategy = Objects.requireNonNull(strategy, "strategy");
    }

    /** A backtest of this (not yet configured) strategy instance. */
    public static OfflineBacktest of(Strategy strategy) {
        return new OfflineBacktest(strategy);
    }

    public OfflineBacktest params(Map<String, Object> params) {
        this.params = Map.copyOf(params);
        return this;
    }

    /** The bot's risk limits, as in its configuration. */
    public OfflineBacktest risk(RiskLimits risk) {
        this.risk = Objects.requireNonNull(risk, "risk");
        return this;
    }

    /** Only the order quantity: shorthand for {@code risk(RiskLimits.ofOrderQty(qty))}. */
    public OfflineBacktest orderQty(String qty) {
        return risk(RiskLimits.ofOrderQty(new BigDecimal(qty)));
    }

    /** An opening balance; the first one given replaces the default. */
    public OfflineBacktest balance(String coin, String amount) {
        balances.put(coin, new BigDecimal(amount));
        return this;
    }

    public OfflineBacktest feeBps(String bps) {
        this.feeBps = new BigDecimal(bps);
        return this;
    }

    public OfflineBacktest slippageBps(String bps) {
        this.slippageBps = new BigDecimal(bps);
        return this;
    }

    /** Runs over these candles (one symbol, one interval, oldest first, as a bot receives them). */
    public BacktestResult run(List<Candle> candles) {
        if (candles.isEmpty()) {
            throw new IllegalArgumentException("no candles to backtest");
        }
        Candle first = candles.get(0);
        CandleSeries.Builder series = new CandleSeries.Builder(first.interval(), candles.size());
        candles.forEach(series::add);
        Map<String, BigDecimal> opening = balances.isEmpty()
                ? Map.of(quoteOf(first.symbol()), new BigDecimal("1000000")) : balances;
        BacktestSetup setup = new BacktestSetup(first.symbol(), params, risk, opening, feeBps, slippageBps);
        return new BacktestEngine().run(strategy, series.build(), setup);
    }

    /** Runs over a candle file ({@code open_time_ms,open,high,low,close,volume}) read with the platform's reader. */
    public BacktestResult run(Path csv, String symbol, Interval interval) {
        return run(CandleCsv.read(csv, symbol, interval));
    }

    private static String quoteOf(String symbol) {
        for (String quote : List.of("USDT", "USDC", "BUSD", "BTC", "ETH", "USD", "EUR")) {
            if (symbol.length() > quote.length() && symbol.endsWith(quote)) {
                return quote;
            }
        }
        throw new IllegalArgumentException("symbol " + symbol + " does not end in a known quote coin: give balance(...)");
    }
}
