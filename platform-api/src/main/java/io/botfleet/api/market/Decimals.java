package io.botfleet.api.market;

import java.math.BigDecimal;

/**
 * The one rule for every decimal Botfleet reads from outside (the API, configuration files, bot
 * seeds, exchange replies): at most {@value #MAX_FRACTION_DIGITS} digits after the point and a
 * magnitude below 10<sup>{@value #MAX_EXPONENT} + 1</sup>, i.e. a decimal exponent within
 * &plusmn;{@value #MAX_EXPONENT}. Money never needs more, and a value such as {@code 1e999999999}
 * is cheap to parse but costs a gigabyte once printed in plain notation or added to a price; it
 * is refused where it is read, before anything computes with it.
 */
public final class Decimals {

    /** Digits after the decimal point, trailing zeros included (they are written, so they count). */
    public static final int MAX_FRACTION_DIGITS = 30;
    /** Largest exponent of the scientific notation: values stay below 10^31. */
    public static final int MAX_EXPONENT = 30;
    /** Longer texts are refused before parsing: parsing costs grow with the length. */
    public static final int MAX_TEXT_LENGTH = 100;

    private Decimals() {
    }

    /**
     * Parses a decimal text ({@code "0.01"}, {@code "-5"}, {@code "1.5e3"}) and checks it.
     *
     * @throws IllegalArgumentException saying what is wrong, without the field name
     */
    public static BigDecimal parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("is not a decimal number (missing)");
        }
        String trimmed = text.trim();
        if (trimmed.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("is not a decimal number within " + MAX_TEXT_LENGTH + " characters");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(trimmed);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is not a decimal number: '" + trimmed + "'");
        }
        return check(value);
    }

    /**
     * Checks a decimal parsed elsewhere (a JSON number, a configuration value).
     *
     * @return {@code value}
     * @throws IllegalArgumentException when it has too many fraction digits or is too large
     */
    public static BigDecimal check(BigDecimal value) {
        if (value == null) {
            return null;
        }
        // scale and precision only: never print or rescale the value before it is known to be small
        if (value.scale() > MAX_FRACTION_DIGITS) {
            throw new IllegalArgumentException("has more than " + MAX_FRACTION_DIGITS
                    + " digits after the decimal point (scale " + value.scale() + ")");
        }
        long exponent = (long) value.precision() - value.scale() - 1;
        if (exponent > MAX_EXPONENT) {
            throw new IllegalArgumentException("is too large: its exponent " + exponent + " is above "
                    + MAX_EXPONENT);
        }
        return value;
    }

    /** Whether {@link #check} accepts {@code value}. */
    public static boolean withinBounds(BigDecimal value) {
        return value == null || (value.scale() <= MAX_FRACTION_DIGITS
                && (long) value.precision() - value.scale() - 1 <= MAX_EXPONENT);
    }
}
