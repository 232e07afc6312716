package io.botfleet.backtest.engine;

import static org.junit.Assert.assertEquals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.Test;

public class EquityMarkTest {

    /** One mark: balances and a close as the series holds it (unscaled, scale). */
    private record Mark(BigDecimal base, BigDecimal quote, long closeUnits, int closeScale) {

        BigDecimal expected() {
            return base.signum() == 0 ? quote : quote.add(base.multiply(BigDecimal.valueOf(closeUnits, closeScale)));
        }
    }

    @Test
    public void marksAsDecimalArithmeticDoesValueAndScale() {
        List<Mark> marks = new ArrayList<>();
        marks.add(new Mark(BigDecimal.ZERO, new BigDecimal("100000"), 2_000_012, 2));
        marks.add(new Mark(new BigDecimal("0.00000000"), new BigDecimal("100000.0000"), 2_000_012, 2)); // flat, scaled
        marks.add(new Mark(new BigDecimal("0.01"), new BigDecimal("99799.9985"), 2_000_012, 2));
        marks.add(new Mark(new BigDecimal("0.01"), new BigDecimal("99799.9985"), 2_000_015, 2)); // same balances
        marks.add(new Mark(new BigDecimal("1.5"), new BigDecimal("12.123456789"), 7, 0)); // quote's scale wins
        marks.add(new Mark(new BigDecimal("-0.25"), new BigDecimal("500"), 1_999_999, 2)); // short
        marks.add(new Mark(new BigDecimal("3"), new BigDecimal("1E+3"), 12, -1)); // negative scales
        // past a long: the product, the quote's rescale, the sum, a balance itself
        marks.add(new Mark(new BigDecimal("92233720368.54775807"), new BigDecimal("1"), 9_223_372_036_854_775_807L, 2));
        marks.add(new Mark(new BigDecimal("0.000000001"), new BigDecimal("9223372036854775807"), 5, 18));
        marks.add(new Mark(new BigDecimal("1"), new BigDecimal("9223372036854775807"), 1, 0));
        marks.add(new Mark(new BigDecimal("123456789012345678901234567890.5"), new BigDecimal("1"), 3, 1));
        Random random = new Random(11);
        for (int n = 0; n < 2_000; n++) {
            marks.add(new Mark(BigDecimal.valueOf(random.nextInt(2_000_001) - 1_000_000, random.nextInt(10)),
                    BigDecimal.valueOf(random.nextLong() >> random.nextInt(64), random.nextInt(12)),
                    random.nextLong() >> random.nextInt(64), random.nextInt(10)));
        }
        EquityCurve curve = EquityCurve.overCandles(marks.size(), i -> 60_000L * i, 0, 60_000);
        EquityMark mark = new EquityMark();
        for (Mark m : marks) {
            mark.add(curve, m.base(), m.quote(), m.closeUnits(), m.closeScale());
        }
        for (int i = 0; i < marks.size(); i++) {
            BigDecimal want = marks.get(i).expected();
            BigDecimal got = curve.value(i);
            assertEquals(i + ": " + marks.get(i), want, got); // equals: value and scale
        }
    }
}
