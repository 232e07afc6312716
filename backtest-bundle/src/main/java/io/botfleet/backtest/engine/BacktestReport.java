package io.botfleet.backtest.engine;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * The figures of one run. Money is exact (BigDecimal), ratios are doubles (null when undefined:
 * no trades, no losses, fewer than two days). Definitions (docs/backtests.md says the same):
 *
 * @param candles             candles decided
 * @param firstCandle         open time of the first, null when none
 * @param lastCandle          open time of the last, null when none
 * @param orders              orders placed (intents the risk gate let pass), rejected ones included
 * @param fills               executions
 * @param trades              round trips: an entry and the exits back to zero (an open one at the end is not counted)
 * @param wins                trades with pnl &gt; 0
 * @param losses              trades with pnl &lt; 0 (a trade at exactly 0 is neither)
 * @param winRatePct          wins / trades &times; 100
 * @param netPnl              last equity &minus; first equity, exact
 * @param grossProfit         sum of the winning trades' pnl, exact
 * @param grossLoss           sum of the losing trades' pnl as a positive number, exact
 * @param fees                sum of every fill's fee (quote coin), exact
 * @param returnPct           netPnl / first equity &times; 100
 * @param profitFactor        grossProfit / grossLoss
 * @param maxDrawdown         the largest fall of equity from its running peak, exact
 * @param maxDrawdownPct      the largest fall of equity from its running peak as a % of that peak
 * @param sharpe              mean / sample standard deviation of daily (UTC) equity returns &times; &radic;365
 * @param sortino             mean daily return / downside deviation (root mean square of the negative
 *                            returns over all days) &times; &radic;365
 * @param exposurePct         candles that closed with a position open / candles &times; 100
 * @param avgTradeMinutes     mean time from a trade's entry fill to its last exit fill
 * @param buyAndHoldReturnPct (last close &minus; first close) / first close &times; 100
 * @param endBalances         every coin's balance at the end
 * @param finalQty            the bot's position at the end
 * @param finalAvgPrice       its average entry price (0 when flat)
 */
public record BacktestReport(long candles, Instant firstCandle, Instant lastCandle, long orders, long fills,
                             int trades, int wins, int losses, Double winRatePct, BigDecimal netPnl,
                             BigDecimal grossProfit, BigDecimal grossLoss, BigDecimal fees, Double returnPct,
                             Double profitFactor, BigDecimal maxDrawdown, Double maxDrawdownPct, Double sharpe,
                             Double sortino, Double exposurePct, Double avgTradeMinutes,
                             Double buyAndHoldReturnPct, Map<String, BigDecimal> endBalances,
                             BigDecimal finalQty, BigDecimal finalAvgPrice) {

    public BacktestReport {
        endBalances = Map.copyOf(endBalances);
    }
}
