package io.botfleet.api.backtest;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A round trip of a run: an entry and the fills that bring the position back to zero.
 *
 * @param seq        1-based, in the order the trades closed
 * @param direction  LONG (entered by a buy) or SHORT
 * @param entryTime  time of the entry fill
 * @param exitTime   time of the fill that made the position zero
 * @param qty        the largest absolute position held during the trade
 * @param entryPrice quantity-weighted price of the fills that grew the position
 * @param exitPrice  quantity-weighted price of the fills that shrank it
 * @param pnl        exact: the quote coin received minus paid over the trade's fills, fees included
 * @param fees       the fees of its fills, exact
 * @param fills      how many fills it took
 */
public record RunTrade(int seq, String direction, Instant entryTime, Instant exitTime, BigDecimal qty,
                       BigDecimal entryPrice, BigDecimal exitPrice, BigDecimal pnl, BigDecimal fees, int fills) {
}
