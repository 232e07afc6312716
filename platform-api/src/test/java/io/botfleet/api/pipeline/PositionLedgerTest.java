package io.botfleet.api.pipeline;

import static org.junit.Assert.assertEquals;

import io.botfleet.api.bot.Position;
import io.botfleet.api.exchange.OrderSide;
import java.math.BigDecimal;
import org.junit.Test;

public class PositionLedgerTest {

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    private static Position fill(Position p, OrderSide side, String qty, String price, String fee, String feeCoin) {
        return PositionLedger.apply(p, side, d(qty), d(price), d(fee), feeCoin, "BTC", d(price));
    }

    @Test
    public void buildsAverageAndRealizesOnExitWithQuoteFees() {
        Position p = fill(Position.FLAT, OrderSide.BUY, "1", "100", "0.1", "USDT");
        p = fill(p, OrderSide.BUY, "1", "200", "0.1", "USDT");
        assertEquals(0, d("2").compareTo(p.qty()));
        assertEquals(0, d("150").compareTo(p.avgPrice()));
        assertEquals(0, d("-0.2").compareTo(p.realizedPnl()));
        p = fill(p, OrderSide.SELL, "2", "160", "0.2", "USDT");
        assertEquals(0, p.qty().signum());
        assertEquals(0, p.avgPrice().signum());
        assertEquals(0, d("19.6").compareTo(p.realizedPnl())); // (160-150)*2 - 0.4 fees
    }

    @Test
    public void flipsFromLongToShortAtTheFillPrice() {
        Position p = fill(Position.FLAT, OrderSide.BUY, "1", "100", "0", "");
        p = fill(p, OrderSide.SELL, "3", "90", "0", "");
        assertEquals(0, d("-2").compareTo(p.qty()));
        assertEquals(0, d("90").compareTo(p.avgPrice()));
        assertEquals(0, d("-10").compareTo(p.realizedPnl()));
        p = fill(p, OrderSide.BUY, "2", "80", "0", "");
        assertEquals(0, p.qty().signum());
        assertEquals(0, d("10").compareTo(p.realizedPnl())); // -10 + (90-80)*2
    }

    @Test
    public void aBaseCoinFeeReducesTheQuantityReceived() {
        Position p = fill(Position.FLAT, OrderSide.BUY, "1", "100", "0.001", "BTC");
        assertEquals(0, d("0.999").compareTo(p.qty()));
        assertEquals(0, p.realizedPnl().signum());
    }

    @Test
    public void unrealizedPnlFollowsTheMark() {
        Position p = PositionLedger.mark(fill(Position.FLAT, OrderSide.SELL, "2", "100", "0", ""), d("90"));
        assertEquals(0, d("20").compareTo(p.unrealizedPnl()));
    }
}
