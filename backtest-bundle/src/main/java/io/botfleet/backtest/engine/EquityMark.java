package io.botfleet.backtest.engine;

import java.math.BigDecimal;

/**
 * Marks the account at a candle's close into the equity curve: the quote balance plus the base
 * balance times the close, computed in {@code long}s with the value and the scale that decimal
 * arithmetic gives ({@code quote.add(base.multiply(close))}: scale max(quote's, base's + close's)).
 * A held position is marked at every candle, and as decimals that was two objects a candle; here
 * the balances are converted once per fill, the close comes unscaled from the series. Anything
 * that does not fit a {@code long} is done in decimals instead, with the same result.
 */
final class EquityMark {

    /** The balances last converted, by identity: the account replaces them at each fill. */
    private BigDecimal base;
    private BigDecimal quote;
    private boolean inLongs;
    private long baseUnits;
    private int baseScale;
    private long quoteUnits;
    private int quoteScale;

    /** Adds the point for balances {@code base}, {@code quote} at the close {@code closeUnits}·10^-{@code closeScale}. */
    void add(EquityCurve curve, BigDecimal base, BigDecimal quote, long closeUnits, int closeScale) {
        if (base.signum() == 0) {
            curve.add(quote); // the same object while flat: the curve repeats it without converting
            return;
        }
        if (base != this.base || quote != this.quote) {
            convert(base, quote);
        }
        if (inLongs) {
            int productScale = baseScale + closeScale;
            int scale = Math.max(quoteScale, productScale);
            try {
                long units = Math.addExact(PowersOfTen.scaleUp(quoteUnits, scale - quoteScale),
                        PowersOfTen.scaleUp(Math.multiplyExact(baseUnits, closeUnits), scale - productScale));
                curve.add(units, scale);
                return;
            } catch (ArithmeticException tooLarge) {
                // in decimals below
            }
        }
        curve.add(quote.add(base.multiply(BigDecimal.valueOf(closeUnits, closeScale))));
    }

    private void convert(BigDecimal base, BigDecimal quote) {
        this.base = base;
        this.quote = quote;
        try {
            baseUnits = base.unscaledValue().longValueExact();
            quoteUnits = quote.unscaledValue().longValueExact();
            baseScale = base.scale();
            quoteScale = quote.scale();
            inLongs = true;
        } catch (ArithmeticException tooLarge) {
            inLongs = false;
        }
    }
}
