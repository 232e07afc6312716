package io.botfleet.api.bot;

import io.botfleet.api.market.Interval;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything that defines a bot. Immutable; validated on construction, so an instance is always
 * structurally valid (whether its strategy and account exist is checked by the {@link BotManager}).
 *
 * @param id        1-32 characters of {@code [a-z0-9-]}
 * @param strategy  the strategy and its parameters
 * @param exchange  the exchange account it trades on
 * @param symbol    exchange symbol, 1-32 characters of {@code [A-Z0-9_-]}
 * @param interval  candle interval the strategy runs on
 * @param risk      risk limits
 * @param autoStart start as soon as it is created
 */
public record BotConfig(String id, StrategySpec strategy, ExchangeRef exchange, String symbol,
                        Interval interval, RiskLimits risk, boolean autoStart) {

    private static final Pattern ID = Pattern.compile("[a-z0-9-]{1,32}");
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9_-]{1,32}");

    public BotConfig {
        requireId(id);
        if (strategy == null) {
            throw new InvalidBotConfigException("strategy", "is required");
        }
        if (exchange == null) {
            throw new InvalidBotConfigException("exchange", "is required");
        }
        if (symbol == null || !SYMBOL.matcher(symbol).matches()) {
            throw new InvalidBotConfigException("symbol", "must be 1-32 characters of [A-Z0-9_-]");
        }
        if (interval == null) {
            throw new InvalidBotConfigException("interval", "is required");
        }
        if (risk == null) {
            throw new InvalidBotConfigException("risk", "is required (at least risk.orderQty)");
        }
    }

    /** @throws InvalidBotConfigException when {@code id} is not a valid bot id */
    public static String requireId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new InvalidBotConfigException("id", "must be 1-32 characters of [a-z0-9-]");
        }
        return id;
    }

    /** True when {@code id} is a valid bot id. */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public BotConfig withStrategy(StrategySpec newStrategy) {
        return new BotConfig(id, Objects.requireNonNull(newStrategy), exchange, symbol, interval, risk, autoStart);
    }

    public BotConfig withRisk(RiskLimits newRisk) {
        return new BotConfig(id, strategy, exchange, symbol, interval, Objects.requireNonNull(newRisk), autoStart);
    }
}
