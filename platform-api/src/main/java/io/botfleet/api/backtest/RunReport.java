package io.botfleet.api.backtest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * The figures of one run ({@code report} in the API). Money is exact, ratios are doubles (null
 * when undefined: no trades, no losses, fewer than two days). Every definition is in
 * docs/api.md ("Backtest report").
 */
public record RunReport(long candles, Instant firstCandle, Instant lastCandle, long orders, long fills,
                        int trades, int wins, int losses, Double winRatePct, BigDecimal netPnl,
                        BigDecimal grossProfit, BigDecimal grossLoss, BigDecimal fees, Double returnPct,
                        Double profitFactor, BigDecimal maxDrawdown, Double maxDrawdownPct, Double sharpe,
                        Double sortino, Double exposurePct, Double avgTradeMinutes,
                        Double buyAndHoldReturnPct, Map<String, BigDecimal> endBalances,
                        BigDecimal finalQty, BigDecimal finalAvgPrice) {

    public RunReport {
        endBalances = Map.copyOf(endBalances);
    }
}
