package io.botfleet.api.exchange;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import org.junit.Test;

public class OrderRequestTest {

    @Test
    public void clientOrderIdsFollowBybitsRule() {
        assertTrue(ClientOrderIds.isValid("bf-k3z9-1a-2f"));
        assertTrue(ClientOrderIds.isValid("a".repeat(36)));
        assertFalse(ClientOrderIds.isValid("a".repeat(37)));
        assertFalse(ClientOrderIds.isValid("a.b"));
        assertFalse(ClientOrderIds.isValid(""));
    }

    @Test(expected = IllegalArgumentException.class)
    public void limitOrderNeedsAPrice() {
        new OrderRequest("c1", "BTCUSDT", OrderSide.BUY, OrderType.LIMIT, BigDecimal.ONE, null, false);
    }

    @Test(expected = IllegalArgumentException.class)
    public void marketOrderTakesNoPrice() {
        new OrderRequest("c1", "BTCUSDT", OrderSide.BUY, OrderType.MARKET, BigDecimal.ONE, BigDecimal.ONE, false);
    }

    @Test
    public void findsExchangeExceptionInACauseChain() {
        ExchangeException e = new ExchangeException(ErrorKind.REJECTED, "110007", "insufficient balance");
        assertTrue(ExchangeException.find(new java.util.concurrent.CompletionException(e)) == e);
    }
}
