package io.botfleet.api.pipeline;

import io.botfleet.api.bot.Position;
import io.botfleet.api.exchange.OrderSide;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Position accounting: how a fill changes quantity, average entry price and realized PnL. Pure
 * and exact except for the average price, which is a quotient (kept to 16 significant digits).
 *
 * <p>Fees charged in the quote coin (or unnamed) are deducted from realized PnL. A fee charged in
 * the base coin (Bybit spot buys) reduces the quantity received instead, which raises the average
 * price: what the bot holds is then exactly what the exchange holds, so an exit never oversells.
 */
public final class PositionLedger {

    private static final MathContext PRICE = MathContext.DECIMAL64;

    private PositionLedger() {
    }

    /**
     * @param position  before the fill
     * @param side      the fill's side
     * @param qty       filled quantity, &gt; 0
     * @param price     fill price, &gt; 0
     * @param fee       fee charged, in {@code feeCoin}
     * @param feeCoin   coin of the fee
     * @param baseCoin  the instrument's base coin
     * @param markPrice price for the unrealized PnL (the last close)
     */
    public static Position apply(Position position, OrderSide side, BigDecimal qty, BigDecimal price,
                                 BigDecimal fee, String feeCoin, String baseCoin, BigDecimal markPrice) {
        BigDecimal delta = qty.multiply(BigDecimal.valueOf(side.sign()));
        BigDecimal tradePrice = price;
        BigDecimal realized = position.realizedPnl();
        if (fee.signum() != 0 && feeCoin.equals(baseCoin)) {
            delta = delta.subtract(fee);
            if (delta.signum() == 0) {
                return position;
            }
            tradePrice = qty.multiply(price).divide(delta.abs(), PRICE);
        } else {
            realized = realized.subtract(fee);
        }
        BigDecimal held = position.qty();
        BigDecimal avg = position.avgPrice();
        if (held.signum() == 0 || held.signum() == delta.signum()) {
            BigDecimal newQty = held.add(delta);
            avg = held.abs().multiply(avg).add(delta.abs().multiply(tradePrice)).divide(newQty.abs(), PRICE);
            return withMark(newQty, avg, realized, markPrice);
        }
        BigDecimal closed = delta.abs().min(held.abs());
        realized = realized.add(tradePrice.subtract(avg).multiply(closed).multiply(BigDecimal.valueOf(held.signum())));
        BigDecimal newQty = held.add(delta);
        if (newQty.signum() == 0) {
            avg = BigDecimal.ZERO;
        } else if (newQty.signum() != held.signum()) {
            avg = tradePrice; // flipped: the remainder opened at this fill's price
        }
        return withMark(newQty, avg, realized, markPrice);
    }

    /** The position re-marked at {@code markPrice}. */
    public static Position mark(Position position, BigDecimal markPrice) {
        if (position.qty().signum() == 0 && BigDecimal.ZERO.equals(position.unrealizedPnl())) {
            return position; // flat: nothing to mark, and no new object for every candle of a backtest
        }
        return withMark(position.qty(), position.avgPrice(), position.realizedPnl(), markPrice);
    }

    private static Position withMark(BigDecimal qty, BigDecimal avg, BigDecimal realized, BigDecimal markPrice) {
        BigDecimal unrealized = qty.signum() == 0 || markPrice == null
                ? BigDecimal.ZERO
                : markPrice.subtract(avg).multiply(qty);
        return new Position(qty, avg, unrealized, realized);
    }
}
