package io.botfleet.api.market;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * The trading rules of one symbol on one exchange. Orders are rounded to these rules at the
 * decision boundary, before they are journaled, so the exchange never sees an unroundable value.
 *
 * @param symbol      exchange symbol
 * @param baseCoin    the coin bought and sold, for example {@code BTC}
 * @param quoteCoin   the coin prices are quoted in, for example {@code USDT}
 * @param tickSize    smallest price increment, &gt; 0
 * @param qtyStep     smallest quantity increment, &gt; 0
 * @param minQty      smallest order quantity, &ge; 0
 * @param minNotional smallest order value (qty &times; price) in the quote coin, &ge; 0 (0: none)
 */
public record Instrument(String symbol, String baseCoin, String quoteCoin, BigDecimal tickSize,
                         BigDecimal qtyStep, BigDecimal minQty, BigDecimal minNotional) {

    public Instrument {
        if (symbol == null || symbol.isBlank()) {
            throw new IllegalArgumentException("instrument symbol must not be blank");
        }
        Objects.requireNonNull(baseCoin, "instrument baseCoin");
        Objects.requireNonNull(quoteCoin, "instrument quoteCoin");
        requireSign("tickSize", tickSize, 1);
        requireSign("qtyStep", qtyStep, 1);
        requireSign("minQty", minQty, 0);
        requireSign("minNotional", minNotional, 0);
    }

    /** Rounds a price to a multiple of the tick size with the given rounding mode. */
    public BigDecimal roundPrice(BigDecimal price, RoundingMode mode) {
        return toMultiple(price, tickSize, mode);
    }

    /** Rounds a quantity down to a multiple of the quantity step (never more than asked). */
    public BigDecimal roundQtyDown(BigDecimal qty) {
        return toMultiple(qty, qtyStep, RoundingMode.DOWN);
    }

    /**
     * Says why an order of {@code qty} at {@code price} breaks the minimums, or returns null when
     * it is acceptable. Both values must already be rounded.
     */
    public String violation(BigDecimal qty, BigDecimal price) {
        if (qty.signum() <= 0 || qty.compareTo(minQty) < 0) {
            return "quantity " + qty.toPlainString() + " is below the minimum "
                    + minQty.toPlainString() + " for " + symbol;
        }
        BigDecimal notional = qty.multiply(price);
        if (notional.compareTo(minNotional) < 0) {
            return "notional " + notional.toPlainString() + " is below the minimum "
                    + minNotional.toPlainString() + " " + quoteCoin + " for " + symbol;
        }
        return null;
    }

    private static BigDecimal toMultiple(BigDecimal value, BigDecimal step, RoundingMode mode) {
        BigDecimal steps = value.divide(step, 0, mode);
        return steps.multiply(step).max(BigDecimal.ZERO);
    }

    private static void requireSign(String field, BigDecimal value, int minSign) {
        Objects.requireNonNull(value, () -> "instrument " + field);
        if (value.signum() < minSign) {
            throw new IllegalArgumentException("instrument " + field + " must be "
                    + (minSign > 0 ? "> 0" : ">= 0") + ", was " + value);
        }
    }
}
