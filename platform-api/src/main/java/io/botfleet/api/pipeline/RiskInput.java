package io.botfleet.api.pipeline;

import io.botfleet.api.bot.RiskLimits;
import io.botfleet.api.market.Instrument;
import java.math.BigDecimal;

/**
 * Everything the risk gate looks at for one signal.
 *
 * @param limits          the bot's limits
 * @param instrument      the symbol's trading rules
 * @param positionQty     current position (positive long, negative short)
 * @param lastPrice       the close of the candle being processed: the reference for notional
 * @param entryBlock      why entries are not allowed now (paused, daily loss...), or null
 * @param openBuyOrder    a buy order of the bot is still open
 * @param openSellOrder   a sell order of the bot is still open
 * @param resolvedBuyOrder  a buy order of the bot is open and its outcome is not in doubt (being
 *                          sent, or known to the exchange): unresolved orders left out
 * @param resolvedSellOrder the same for sell orders
 */
public record RiskInput(RiskLimits limits, Instrument instrument, BigDecimal positionQty,
                        BigDecimal lastPrice, String entryBlock, boolean openBuyOrder,
                        boolean openSellOrder, boolean resolvedBuyOrder, boolean resolvedSellOrder) {

    /** Input where every open order is resolved. */
    public RiskInput(RiskLimits limits, Instrument instrument, BigDecimal positionQty, BigDecimal lastPrice,
                     String entryBlock, boolean openBuyOrder, boolean openSellOrder) {
        this(limits, instrument, positionQty, lastPrice, entryBlock, openBuyOrder, openSellOrder, openBuyOrder,
                openSellOrder);
    }
}
