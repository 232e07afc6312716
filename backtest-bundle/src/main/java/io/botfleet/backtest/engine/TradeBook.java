package io.botfleet.backtest.engine;

import io.botfleet.api.exchange.OrderSide;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the fills into trades: a trade opens with the fill that leaves a flat position and closes
 * with the fill that brings it back to zero. A fill that flips the position (never placed by the
 * risk gate, which exits exactly the position) closes the trade with its whole fee and opens the
 * next with the remainder.
 */
final class TradeBook {

    private final List<BacktestTrade> trades = new ArrayList<>();
    private BigDecimal position = BigDecimal.ZERO;
    private Instant entryTime;
    private boolean longTrade;
    private BigDecimal cash;
    private BigDecimal fees;
    private BigDecimal peak;
    private BigDecimal inQty;
    private BigDecimal inNotional;
    private BigDecimal outQty;
    private BigDecimal outNotional;
    private int fills;

    void fill(BacktestFill fill) {
        BigDecimal signed = fill.side() == OrderSide.BUY ? fill.qty() : fill.qty().negate();
        BigDecimal after = position.add(signed);
        if (position.signum() != 0 && after.signum() != 0 && after.signum() != position.signum()) {
            BigDecimal closing = position.abs();
            record(fill, closing, fill.fee());
            close(fill.time());
            open(fill.time(), fill.side());
            position = BigDecimal.ZERO;
            record(fill, after.abs(), BigDecimal.ZERO);
            position = after;
            peak = after.abs();
            return;
        }
        if (position.signum() == 0) {
            open(fill.time(), fill.side());
        }
        record(fill, fill.qty(), fill.fee());
        position = after;
        peak = peak.max(after.abs());
        if (after.signum() == 0) {
            close(fill.time());
        }
    }

    private void open(Instant time, OrderSide side) {
        entryTime = time;
        longTrade = side == OrderSide.BUY;
        cash = BigDecimal.ZERO;
        fees = BigDecimal.ZERO;
        peak = BigDecimal.ZERO;
        inQty = BigDecimal.ZERO;
        inNotional = BigDecimal.ZERO;
        outQty = BigDecimal.ZERO;
        outNotional = BigDecimal.ZERO;
        fills = 0;
    }

    private void record(BacktestFill fill, BigDecimal qty, BigDecimal fee) {
        BigDecimal notional = qty.multiply(fill.price());
        boolean buy = fill.side() == OrderSide.BUY;
        cash = cash.add(buy ? notional.negate() : notional).subtract(fee);
        fees = fees.add(fee);
        // a fill on the trade's own side (or the first) grows it
        boolean grows = position.signum() == 0 || (position.signum() > 0) == buy;
        if (grows) {
            inQty = inQty.add(qty);
            inNotional = inNotional.add(notional);
        } else {
            outQty = outQty.add(qty);
            outNotional = outNotional.add(notional);
        }
        fills++;
    }

    private void close(Instant time) {
        trades.add(new BacktestTrade(longTrade ? "LONG" : "SHORT", entryTime, time, peak,
                inNotional.divide(inQty, MathContext.DECIMAL64), outNotional.divide(outQty, MathContext.DECIMAL64),
                cash, fees, fills));
        entryTime = null;
    }

    List<BacktestTrade> trades() {
        return trades;
    }
}
