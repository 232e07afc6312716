package io.botfleet.runtime.bot;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.bot.BotOrder;
import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.exchange.OrderStatus;
import io.botfleet.api.exchange.OrderType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.Test;

public class OrderTrackerTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final int MANY = 2_000;

    private static BotOrder order(int n, OrderSide side) {
        return new BotOrder("b", "o-" + n, null, "BTCUSDT", side, OrderType.MARKET, new BigDecimal("0.01"), null,
                OrderStatus.PENDING_SEND, null, null, T, T, "");
    }

    private static BotOrder done(BotOrder order) {
        return order.with(OrderStatus.FILLED, "x-" + order.clientOrderId(), order.qty(), new BigDecimal("100"),
                null, T);
    }

    @Test
    public void finishedOrdersStayBoundedWhileAnOlderOrderStaysOpen() {
        OrderTracker tracker = new OrderTracker();
        BotOrder longOpen = order(0, OrderSide.BUY);
        tracker.put(longOpen);
        for (int i = 1; i <= MANY; i++) {
            BotOrder o = order(i, OrderSide.SELL);
            tracker.put(o);
            tracker.put(done(o));
        }
        assertEquals(1 + OrderTracker.RECENT_FINISHED, tracker.size());
        assertNotNull("the open order is kept", tracker.get("o-0"));
        assertNotNull("the most recently finished is kept", tracker.get("o-" + MANY));
        assertNull(tracker.get("o-1"));
    }

    @Test
    public void finishedOrdersStayBoundedWhateverOrderTheyCompleteIn() {
        OrderTracker tracker = new OrderTracker();
        List<BotOrder> open = new ArrayList<>();
        for (int i = 0; i < MANY; i++) {
            BotOrder o = order(i, OrderSide.BUY);
            tracker.put(o);
            open.add(o);
        }
        Collections.reverse(open); // the newest completes first
        for (BotOrder o : open) {
            tracker.put(done(o));
            assertTrue(tracker.size() <= MANY);
        }
        assertEquals(OrderTracker.RECENT_FINISHED, tracker.size());
        assertNotNull("the last to finish is kept", tracker.get("o-0"));
        assertFalse(tracker.anyOpen(OrderSide.BUY));
    }

    @Test
    public void anUnresolvedOrderCountsAsOpenForEntriesButNotAsResolved() {
        OrderTracker tracker = new OrderTracker();
        BotOrder sell = order(1, OrderSide.SELL);
        tracker.put(sell);
        tracker.markUnresolved(sell.clientOrderId());
        assertTrue(tracker.anyOpen(OrderSide.SELL));
        assertFalse(tracker.anyResolvedOpen(OrderSide.SELL));
        assertEquals(1, tracker.unresolvedCount());
        tracker.put(done(sell));
        assertEquals("a finished order is resolved", 0, tracker.unresolvedCount());
    }

    @Test
    public void anOrderIsOpenFromItsIntentUntilItFinishes() {
        OrderTracker tracker = new OrderTracker();
        BotOrder intent = order(1, OrderSide.BUY);
        tracker.put(intent);
        assertEquals("an intent not yet acknowledged is open", 1, tracker.unfinishedCount());
        BotOrder acknowledged = intent.with(OrderStatus.NEW, "x-1", BigDecimal.ZERO, null, null, T);
        tracker.put(acknowledged);
        assertEquals(1, tracker.unfinishedCount());
        tracker.put(done(acknowledged));
        assertEquals("a filled order is not open", 0, tracker.unfinishedCount());
    }
}
