package io.botfleet.api.market;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.Test;

public class InstrumentTest {

    private final Instrument btc = new Instrument("BTCUSDT", "BTC", "USDT", new BigDecimal("0.10"),
            new BigDecimal("0.001"), new BigDecimal("0.001"), new BigDecimal("5"));

    @Test
    public void roundsQuantityDownToTheStep() {
        assertEquals(new BigDecimal("0.012"), btc.roundQtyDown(new BigDecimal("0.0129")));
        assertEquals(0, btc.roundQtyDown(new BigDecimal("0.0009")).signum());
    }

    @Test
    public void roundsPriceToTheTickInTheGivenDirection() {
        assertEquals(new BigDecimal("30000.10"), btc.roundPrice(new BigDecimal("30000.05"), RoundingMode.HALF_UP));
        assertEquals(new BigDecimal("30000.00"), btc.roundPrice(new BigDecimal("30000.09"), RoundingMode.DOWN));
    }

    @Test
    public void reportsMinimumQuantityAndNotional() {
        assertTrue(btc.violation(new BigDecimal("0.000"), new BigDecimal("30000")).contains("below the minimum 0.001"));
        assertTrue(btc.violation(new BigDecimal("0.001"), new BigDecimal("1000")).contains("notional 1.000"));
        assertNull(btc.violation(new BigDecimal("0.001"), new BigDecimal("5000")));
    }

    @Test(expected = IllegalArgumentException.class)
    public void refusesZeroTick() {
        new Instrument("X", "A", "B", BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ZERO);
    }
}
