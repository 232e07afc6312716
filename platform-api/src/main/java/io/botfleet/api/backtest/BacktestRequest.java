package io.botfleet.api.backtest;

import io.botfleet.api.bot.RiskLimits;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What to backtest (the body of {@code POST /api/v1/backtests}).
 *
 * @param strategy    the strategy, its version(s) and parameter value(s)
 * @param data        the dataset and range
 * @param risk        the risk limits of a bot ({@code BotConfig.risk}); a request that names none
 *                    gets {@link #defaultRisk()}
 * @param balances    opening balances by coin, each &ge; 0; empty when the request named none: the
 *                    service then opens with {@link #DEFAULT_QUOTE_BALANCE} of the symbol's quote
 *                    coin ({@link #withBalances}), the one coin it knows only once it reads the symbol
 * @param feeBps      the paper exchange's fee in basis points of notional, &ge; 0
 * @param slippageBps its market order slippage in basis points, &ge; 0
 */
public record BacktestRequest(StrategySweep strategy, DatasetRange data, RiskLimits risk,
                              Map<String, BigDecimal> balances, BigDecimal feeBps, BigDecimal slippageBps) {

    /** The most runs one request may make. */
    public static final int MAX_RUNS = 10_000;
    /** A request's {@code risk.orderQty} when it names no risk: one unit of the base coin. */
    public static final BigDecimal DEFAULT_ORDER_QTY = BigDecimal.ONE;
    /** The opening balance of the quote coin when a request names no balances. */
    public static final BigDecimal DEFAULT_QUOTE_BALANCE = new BigDecimal("100000");

    public BacktestRequest {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(risk, "risk");
        balances = Map.copyOf(new TreeMap<>(balances));
        balances.forEach((coin, amount) -> {
            if (amount.signum() < 0) {
                throw new InvalidBacktestException("balances." + coin, "must be >= 0, was " + amount.toPlainString());
            }
        });
        if (feeBps.signum() < 0) {
            throw new InvalidBacktestException("feeBps", "must be >= 0, was " + feeBps.toPlainString());
        }
        if (slippageBps.signum() < 0) {
            throw new InvalidBacktestException("slippageBps", "must be >= 0, was " + slippageBps.toPlainString());
        }
        long runs = strategy.runCount();
        if (runs > MAX_RUNS) {
            throw new InvalidBacktestException("strategy", "makes " + (runs == Long.MAX_VALUE ? "more than "
                    + Long.MAX_VALUE : runs) + " runs (versions × parameter values); at most " + MAX_RUNS
                    + " per backtest");
        }
    }

    /** The risk of a request that names none: {@link #DEFAULT_ORDER_QTY} per entry order, no other limit. */
    public static RiskLimits defaultRisk() {
        return RiskLimits.ofOrderQty(DEFAULT_ORDER_QTY);
    }

    /** This request opening with {@code balances} instead. */
    public BacktestRequest withBalances(Map<String, BigDecimal> balances) {
        return new BacktestRequest(strategy, data, risk, balances, feeBps, slippageBps);
    }

    /** How many runs this request makes (at most {@link #MAX_RUNS}). */
    public int runs() {
        return (int) strategy.runCount();
    }
}
