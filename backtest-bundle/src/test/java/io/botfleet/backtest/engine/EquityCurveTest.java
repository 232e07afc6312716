package io.botfleet.backtest.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.Test;

public class EquityCurveTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    public void everyPointReadsBackEqualInValueAndScaleWhateverItsSize() {
        BigDecimal[] values = {new BigDecimal("100000"), new BigDecimal("100000.000000000"), new BigDecimal("1E+5"),
            new BigDecimal("99999.123456789012345678901234567890"), new BigDecimal("-0.5"),
            new BigDecimal("9223372036854775807"), new BigDecimal("9223372036854775808"),
            new BigDecimal("1E-200"), new BigDecimal("0E-8"), new BigDecimal("100000")};
        Instant[] times = new Instant[values.length];
        for (int i = 0; i < times.length; i++) {
            times[i] = T0.plusSeconds(60L * i);
        }
        EquityCurve curve = EquityCurve.of(times, values);
        assertEquals(values.length, curve.size());
        for (int i = values.length - 1; i >= 0; i--) { // out of order too
            assertEquals("point " + i, values[i], curve.value(i));
            assertEquals(values[i].scale(), curve.value(i).scale());
            assertEquals(times[i], curve.time(i));
        }
    }

    @Test
    public void anEqualPointReadInOrderIsTheSameObject() {
        BigDecimal a = new BigDecimal("100.25");
        EquityCurve curve = EquityCurve.of(new Instant[] {T0, T0.plusSeconds(60), T0.plusSeconds(120), T0.plusSeconds(180)},
                new BigDecimal[] {a, a, new BigDecimal("100.25"), new BigDecimal("100.250")});
        BigDecimal first = curve.value(0);
        assertSame(first, curve.value(1));
        assertSame(first, curve.value(2));
        BigDecimal otherScale = curve.value(3);
        assertNotSame(first, otherScale);
        assertEquals(new BigDecimal("100.250"), otherScale);
    }

    @Test
    public void pointsCompareAsTheirDecimalsDo() {
        BigDecimal[] values = {new BigDecimal("100.25"), new BigDecimal("100.250"), new BigDecimal("100.26"),
            new BigDecimal("99"), new BigDecimal("1E+3"), new BigDecimal("123456789012345678901234567890.5"),
            new BigDecimal("100.25"),
            // across scales in longs, near the ends of a long, and past the 18 digits a long can shift by
            new BigDecimal("9223372036854775807"), new BigDecimal("922337203685477580.7"),
            new BigDecimal("-9223372036854775807"), new BigDecimal("-922337203685477580.8"),
            new BigDecimal("0.000000000000000000001"), new BigDecimal("-0.5"), new BigDecimal("0"),
            new BigDecimal("0.00"), new BigDecimal("-100.2500001")};
        Instant[] times = new Instant[values.length];
        for (int i = 0; i < times.length; i++) {
            times[i] = T0.plusSeconds(60L * i);
        }
        EquityCurve curve = EquityCurve.of(times, values);
        for (int i = 0; i < values.length; i++) {
            for (int j = 0; j < values.length; j++) {
                assertEquals(i + " vs " + j, Integer.signum(values[i].compareTo(values[j])),
                        Integer.signum(curve.compare(i, j)));
            }
        }
        assertEquals(false, curve.repeats(1)); // equal in value, not in scale
        assertEquals(false, curve.repeats(6));
    }
}
