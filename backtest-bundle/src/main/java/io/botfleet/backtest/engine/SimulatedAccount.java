package io.botfleet.backtest.engine;

import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.market.Instrument;
import io.botfleet.api.sim.MarketFillModel;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * The backtest's paper account: balances by coin, and the paper exchange's acceptance rules for a
 * market order (quantity on the step, the instrument's minimums at the fill price, enough balance
 * for the notional and fee of a buy or the quantity of a sell). Only market orders, filled at
 * once, so nothing is ever locked.
 */
final class SimulatedAccount {

    private final MarketFillModel fills;
    private final Instrument instrument;
    private final Map<String, BigDecimal> totals;
    private BigDecimal base;
    private BigDecimal quote;

    SimulatedAccount(MarketFillModel fills, Instrument instrument, Map<String, BigDecimal> opening) {
        this.fills = fills;
        this.instrument = instrument;
        this.totals = new TreeMap<>(opening);
        this.base = totals.getOrDefault(instrument.baseCoin(), BigDecimal.ZERO);
        this.quote = totals.getOrDefault(instrument.quoteCoin(), BigDecimal.ZERO);
    }

    BigDecimal base() {
        return base;
    }

    BigDecimal quote() {
        return quote;
    }

    /** Why the paper exchange would reject this market order at {@code price}, or null. */
    String refusal(OrderSide side, BigDecimal qty, BigDecimal price) {
        if (qty.remainder(instrument.qtyStep()).signum() != 0) {
            return "quantity " + qty.toPlainString() + " is not a multiple of the step "
                    + instrument.qtyStep().toPlainString() + " for " + instrument.symbol();
        }
        String violation = instrument.violation(qty, price);
        if (violation != null) {
            return violation;
        }
        BigDecimal needed = side == OrderSide.BUY ? fills.withFee(qty.multiply(price)) : qty;
        BigDecimal available = side == OrderSide.BUY ? quote : base;
        if (available.compareTo(needed) < 0) {
            String coin = side == OrderSide.BUY ? instrument.quoteCoin() : instrument.baseCoin();
            return "insufficient balance: needs " + needed.stripTrailingZeros().toPlainString() + " " + coin
                    + ", available " + available.stripTrailingZeros().toPlainString() + " " + coin;
        }
        return null;
    }

    /** Books a fill as the paper account does: the notional and fee in the quote coin, the quantity in the base. */
    void fill(OrderSide side, BigDecimal qty, BigDecimal notional, BigDecimal fee) {
        if (side == OrderSide.BUY) {
            quote = quote.subtract(notional.add(fee));
            base = base.add(qty);
        } else {
            base = base.subtract(qty);
            quote = quote.add(notional.subtract(fee));
        }
    }

    /** Every coin's balance now. */
    Map<String, BigDecimal> balances() {
        Map<String, BigDecimal> now = new TreeMap<>(totals);
        now.put(instrument.baseCoin(), base);
        now.put(instrument.quoteCoin(), quote);
        return now;
    }
}
