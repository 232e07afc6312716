package io.botfleet.api.bot;

import io.botfleet.api.market.Decimals;
import java.math.BigDecimal;

/**
 * The risk gate's limits for one bot. Every field but {@code orderQty} may be null, meaning "no
 * such limit". Quantities are in the base coin, notional and loss in the quote coin, percentages
 * as numbers of percent ({@code 2} = 2 %).
 *
 * @param orderQty         quantity of each entry order, &gt; 0 (required)
 * @param maxPositionQty   the absolute position may not exceed this
 * @param maxOrderNotional qty &times; price of one order may not exceed this
 * @param stopLossPct      exit when the price moves this far against the position's average price
 * @param takeProfitPct    exit when the price moves this far in favour of the position
 * @param maxDailyLoss     no new entries for the rest of the UTC day once the day's realized loss
 *                         reaches this
 */
public record RiskLimits(BigDecimal orderQty, BigDecimal maxPositionQty, BigDecimal maxOrderNotional,
                         BigDecimal stopLossPct, BigDecimal takeProfitPct, BigDecimal maxDailyLoss) {

    public RiskLimits {
        if (orderQty == null) {
            throw new InvalidBotConfigException("risk.orderQty", "is required");
        }
        bounded("risk.orderQty", orderQty);
        bounded("risk.maxPositionQty", maxPositionQty);
        bounded("risk.maxOrderNotional", maxOrderNotional);
        bounded("risk.stopLossPct", stopLossPct);
        bounded("risk.takeProfitPct", takeProfitPct);
        bounded("risk.maxDailyLoss", maxDailyLoss);
        positive("risk.orderQty", orderQty);
        positive("risk.maxPositionQty", maxPositionQty);
        positive("risk.maxOrderNotional", maxOrderNotional);
        percent("risk.stopLossPct", stopLossPct);
        percent("risk.takeProfitPct", takeProfitPct);
        positive("risk.maxDailyLoss", maxDailyLoss);
        if (maxPositionQty != null && orderQty.compareTo(maxPositionQty) > 0) {
            throw new InvalidBotConfigException("risk.orderQty",
                    "is larger than risk.maxPositionQty (" + maxPositionQty.toPlainString() + ")");
        }
    }

    /** Limits with only an order quantity. */
    public static RiskLimits ofOrderQty(BigDecimal orderQty) {
        return new RiskLimits(orderQty, null, null, null, null, null);
    }

    /** Before anything prints or compares it: see {@link Decimals}. */
    private static void bounded(String field, BigDecimal value) {
        try {
            Decimals.check(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidBotConfigException(field, e.getMessage());
        }
    }

    private static void positive(String field, BigDecimal value) {
        if (value != null && value.signum() <= 0) {
            throw new InvalidBotConfigException(field, "must be > 0, was " + value.toPlainString());
        }
    }

    private static void percent(String field, BigDecimal value) {
        positive(field, value);
        if (value != null && value.compareTo(BigDecimal.valueOf(100)) >= 0) {
            throw new InvalidBotConfigException(field, "must be below 100, was " + value.toPlainString());
        }
    }
}
