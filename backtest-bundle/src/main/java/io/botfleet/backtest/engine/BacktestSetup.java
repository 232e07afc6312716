package io.botfleet.backtest.engine;

import io.botfleet.api.bot.RiskLimits;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one backtest run trades under, shaped like a backtest request: the strategy's params, the
 * risk limits of a bot ({@code BotConfig.risk}), the opening balances and the paper exchange's fee
 * and slippage.
 *
 * @param symbol      the symbol the strategy and the orders name; its coins come from it as the
 *                    paper exchange derives them (BTCUSDT: BTC/USDT)
 * @param params      the strategy's params, as given to {@code configure}
 * @param risk        the bot's risk limits
 * @param balances    opening balances by coin
 * @param feeBps      fee in basis points of notional, &ge; 0
 * @param slippageBps market order slippage in basis points, &ge; 0
 */
public record BacktestSetup(String symbol, Map<String, Object> params, RiskLimits risk,
                            Map<String, BigDecimal> balances, BigDecimal feeBps, BigDecimal slippageBps) {

    public BacktestSetup {
        Objects.requireNonNull(symbol, "symbol");
        params = Map.copyOf(Objects.requireNonNull(params, "params"));
        Objects.requireNonNull(risk, "risk");
        balances = new TreeMap<>(Objects.requireNonNull(balances, "balances"));
        balances.forEach((coin, amount) -> {
            if (amount == null || amount.signum() < 0) {
                throw new IllegalArgumentException("balance of " + coin + " must be >= 0, was " + amount);
            }
        });
        balances = Map.copyOf(balances);
        Objects.requireNonNull(feeBps, "feeBps");
        Objects.requireNonNull(slippageBps, "slippageBps");
    }
}
