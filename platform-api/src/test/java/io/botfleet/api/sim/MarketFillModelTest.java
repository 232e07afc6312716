package io.botfleet.api.sim;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;

import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.market.Instrument;
import java.math.BigDecimal;
import java.util.Random;
import org.junit.Test;

public class MarketFillModelTest {

    private static final Instrument TICK_001 = new Instrument("ETHBTC", "ETH", "BTC",
            new BigDecimal("0.01"), new BigDecimal("0.001"), BigDecimal.ZERO, BigDecimal.ZERO);

    @Test
    public void withoutSlippageTheCloseIsThePriceAsTheDataWroteIt() {
        BigDecimal close = new BigDecimal("0.08909374");
        assertSame(close, MarketFillModel.FREE.marketPrice(OrderSide.BUY, close, null));
        assertSame(close, MarketFillModel.FREE.marketPrice(OrderSide.SELL, close, null));
    }

    @Test
    public void slippageMovesAgainstTheOrderAndRoundsAgainstItToTheTick() {
        MarketFillModel model = new MarketFillModel(BigDecimal.ZERO, new BigDecimal("5"));
        // 100 * 5 bps = 0.05: a buy pays 100.05, already on the tick; a sell gets 99.95
        assertEquals(new BigDecimal("100.05"), model.marketPrice(OrderSide.BUY,
                new BigDecimal("100"), TICK_001));
        assertEquals(new BigDecimal("99.95"), model.marketPrice(OrderSide.SELL,
                new BigDecimal("100"), TICK_001));
        // 10.01 * 5 bps = 0.005005: 10.015005 rounds up to 10.02, 10.004995 down to 10.00
        assertEquals(new BigDecimal("10.02"), model.marketPrice(OrderSide.BUY,
                new BigDecimal("10.01"), TICK_001));
        assertEquals(new BigDecimal("10.00"), model.marketPrice(OrderSide.SELL,
                new BigDecimal("10.01"), TICK_001));
    }

    @Test
    public void aSellNeverFillsBelowOneTick() {
        MarketFillModel model = new MarketFillModel(BigDecimal.ZERO, new BigDecimal("100"));
        assertEquals(new BigDecimal("0.01"), model.marketPrice(OrderSide.SELL,
                new BigDecimal("0.01"), TICK_001));
    }

    @Test
    public void theFeeIsExactBasisPointsOfTheNotional() {
        MarketFillModel model = new MarketFillModel(new BigDecimal("7.5"), BigDecimal.ZERO);
        assertEquals(0, new BigDecimal("0.0000075").compareTo(model.fee(new BigDecimal("0.01"))));
        assertEquals(0, new BigDecimal("0.0100075").compareTo(model.withFee(new BigDecimal("0.01"))));
        assertEquals(0, MarketFillModel.FREE.fee(new BigDecimal("123.456")).signum());
    }

    @Test
    public void refusesNegativeOrMissingRates() {
        assertThrows(IllegalArgumentException.class,
                () -> new MarketFillModel(new BigDecimal("-1"), BigDecimal.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> new MarketFillModel(BigDecimal.ZERO, new BigDecimal("-0.1")));
        assertThrows(NullPointerException.class, () -> new MarketFillModel(null, BigDecimal.ZERO));
    }

    /** The fast division by 10,000 is BigDecimal's exact divide, value and scale, on every kind of operand. */
    @Test
    public void perTenThousandIsTheExactDivision() {
        Random random = new Random(5);
        BigDecimal tenThousand = BigDecimal.valueOf(10_000);
        for (int i = 0; i < 100_000; i++) {
            BigDecimal value = BigDecimal.valueOf(random.nextLong() >> random.nextInt(60), random.nextInt(20) - 4);
            BigDecimal expected = value.divide(tenThousand);
            BigDecimal actual = MarketFillModel.perTenThousand(value);
            assertEquals(value.toString(), expected, actual);
        }
        for (String v : new String[] {"0", "0.00", "1E+3", "7.5", "150.00000000", "20000.00"}) {
            assertEquals(v, new BigDecimal(v).divide(tenThousand), MarketFillModel.perTenThousand(new BigDecimal(v)));
        }
    }
}
