package io.botfleet.backtest.engine;

/** 10^0 .. 10^18, the powers of ten a {@code long} holds: rescaling unscaled decimals exactly. */
final class PowersOfTen {

    /** The largest exponent whose power fits a {@code long}. */
    static final int MAX = 18;

    private static final long[] POWERS = new long[MAX + 1];

    static {
        POWERS[0] = 1;
        for (int k = 1; k <= MAX; k++) {
            POWERS[k] = POWERS[k - 1] * 10;
        }
    }

    private PowersOfTen() {
    }

    /** 10^{@code k}, for 0 &le; k &le; {@link #MAX}. */
    static long of(int k) {
        return POWERS[k];
    }

    /** {@code units}·10^{@code digits}, exactly; throws when it does not fit a long. */
    static long scaleUp(long units, int digits) {
        if (digits > MAX) {
            throw new ArithmeticException("10^" + digits + " does not fit a long");
        }
        return Math.multiplyExact(units, POWERS[digits]);
    }
}
