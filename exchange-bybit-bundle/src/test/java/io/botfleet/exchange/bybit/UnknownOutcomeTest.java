package io.botfleet.exchange.bybit;

import static io.botfleet.exchange.bybit.Fixture.await;
import static io.botfleet.exchange.bybit.Fixture.failure;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.exchange.ErrorKind;
import io.botfleet.api.exchange.ExchangeException;
import io.botfleet.api.exchange.OrderAck;
import io.botfleet.api.exchange.OrderRequest;
import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.exchange.OrderType;
import io.botfleet.exchange.bybit.fake.Fault;
import io.botfleet.exchange.bybit.fake.FakeBybit;
import java.math.BigDecimal;
import java.util.concurrent.CompletionStage;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Creates whose answer is lost: never two orders for one client order id. */
public class UnknownOutcomeTest {

    private static final String CREATE = "/v5/order/create";
    private FakeBybit fake;
    private BybitExchangeAdapter adapter;

    @Before
    public void start() {
        fake = FakeBybit.start();
        adapter = Fixture.adapter(fake, Category.LINEAR);
    }

    @After
    public void stop() {
        adapter.close();
        fake.close();
    }

    private static OrderRequest order(String id) {
        return new OrderRequest(id, "BTCUSDT", OrderSide.BUY, OrderType.LIMIT, new BigDecimal("0.01"),
                new BigDecimal("25000"), false);
    }

    private void assertExactlyOne(String id, OrderAck ack) {
        assertEquals(1, fake.account().ordersWithLinkId(id));
        assertEquals(fake.account().order(id).orderId, ack.exchangeOrderId());
        assertEquals(id, ack.clientOrderId());
    }

    @Test
    public void executedButConnectionClosed() {
        fake.inject(CREATE, Fault.dropAfterExecute());
        OrderAck ack = await(adapter.place(order("drop-1")));
        assertExactlyOne("drop-1", ack);
        assertEquals("found by its orderLinkId: no resend", 1, fake.log().count(CREATE));
    }

    @Test
    public void executedButTimedOut() {
        fake.inject(CREATE, Fault.delayAfterExecute(2500)); // client timeout is 1 s
        OrderAck ack = await(adapter.place(order("slow-1")));
        assertExactlyOne("slow-1", ack);
        assertEquals(1, fake.log().count(CREATE));
    }

    @Test
    public void executedBut502() {
        fake.inject(CREATE, Fault.httpAfterExecute(502));
        OrderAck ack = await(adapter.place(order("gw-1")));
        assertExactlyOne("gw-1", ack);
    }

    @Test
    public void notExecutedServerErrorIsResentOnce() {
        fake.inject(CREATE, Fault.retCode(10016));
        OrderAck ack = await(adapter.place(order("e16-1")));
        assertExactlyOne("e16-1", ack);
        assertEquals(2, fake.log().count(CREATE));
    }

    @Test
    public void resendThatHitsTheLateFirstAttemptGetsItsAck() {
        // The first create fails with a 5xx; look-ups do not see it yet (it was queued), so the
        // adapter resends once with the same orderLinkId. By then the first attempt has landed:
        // Bybit answers 110072, which proves it, and the adapter returns that order's ack.
        fake.inject(CREATE, Fault.http(503));
        fake.account().seedOpenOrder("linear", "BTCUSDT", "late-1", "0.01", "25000");
        Fault[] hidden = new Fault[4];
        java.util.Arrays.fill(hidden, Fault.emptyList());
        fake.inject("/v5/order/realtime", hidden);
        fake.inject("/v5/order/history", hidden);
        OrderAck ack = await(adapter.place(order("late-1")));
        assertExactlyOne("late-1", ack);
        assertEquals(java.util.List.of(-1, 110072), fake.log().matching(e -> e.path().equals(CREATE))
                .stream().map(e -> e.retCode()).toList());
    }

    @Test
    public void duplicateOrderLinkIdReturnsTheFirstAckOnLinearAndSpot() {
        OrderAck first = await(adapter.place(order("dup-1")));
        OrderAck second = await(adapter.place(order("dup-1")));
        assertEquals(first, second);
        assertExactlyOne("dup-1", second);
        assertTrue(fake.log().matching(e -> e.path().equals(CREATE) && e.retCode() == 110072).size() == 1);

        try (BybitExchangeAdapter spot = Fixture.adapter(fake, Category.SPOT)) {
            OrderRequest o = new OrderRequest("dup-s", "BTCUSDT", OrderSide.BUY, OrderType.LIMIT,
                    new BigDecimal("0.01"), new BigDecimal("25000"), false);
            OrderAck a = await(spot.place(o));
            assertEquals(a, await(spot.place(o)));
            assertEquals(1, fake.account().ordersWithLinkId("dup-s"));
            assertEquals(fake.log().entries().toString(), 1, fake.log().matching(e -> e.retCode() == 170141).size());
        }
    }

    @Test
    public void concurrentCallsForOneIdShareOnePlacement() {
        fake.inject(CREATE, Fault.delayAfterExecute(200));
        CompletionStage<OrderAck> a = adapter.place(order("same-1"));
        CompletionStage<OrderAck> b = adapter.place(order("same-1"));
        assertEquals(await(a), await(b));
        assertEquals(1, fake.log().count(CREATE));
        assertEquals(1, fake.account().ordersWithLinkId("same-1"));
    }

    @Test
    public void stillUnknownWhenTheLookUpsFailAndNothingIsResent() {
        fake.inject(CREATE, Fault.dropAfterExecute());
        Fault[] many = new Fault[60];
        java.util.Arrays.fill(many, Fault.http(500));
        fake.inject("/v5/order/realtime", many);
        assertEquals(ErrorKind.UNKNOWN_OUTCOME, failure(adapter.place(order("lost-1"))).kind());
        assertEquals(1, fake.log().count(CREATE));
        assertEquals(1, fake.account().ordersWithLinkId("lost-1"));
    }

    /** Every order look-up ({@code realtime} and {@code history}) answers an empty list {@code n} times. */
    private void hideOrders(int n) {
        Fault[] hidden = new Fault[n];
        java.util.Arrays.fill(hidden, Fault.emptyList());
        fake.inject("/v5/order/realtime", hidden);
        fake.inject("/v5/order/history", hidden);
    }

    @Test
    public void duplicateWithEmptyLookUpsIsUnknownNeverRejected() {
        // The id is already taken on Bybit (the first create landed) but not listed yet: the
        // duplicate proves the order exists, so the outcome is unknown, never REJECTED.
        fake.account().seedOpenOrder("linear", "BTCUSDT", "unlisted-1", "0.01", "25000");
        hideOrders(4);
        ExchangeException e = failure(adapter.place(order("unlisted-1")));
        assertEquals(e.toString(), ErrorKind.UNKNOWN_OUTCOME, e.kind());
        assertEquals("110072", e.code());
        assertEquals(1, fake.account().ordersWithLinkId("unlisted-1"));
        assertEquals("listed at last: found by its client order id", fake.account().order("unlisted-1").orderId,
                await(adapter.findByClientOrderId("BTCUSDT", "unlisted-1")).orElseThrow().exchangeOrderId());
    }

    @Test
    public void resendAnsweredDuplicateWithEmptyLookUpsIsUnknownNeverRejected() {
        // 503 before executing; the first attempt lands late and is not listed during the
        // look-ups before the resend, nor during those after its 110072
        fake.inject(CREATE, Fault.http(503));
        fake.account().seedOpenOrder("linear", "BTCUSDT", "late-2", "0.01", "25000");
        hideOrders(8);
        ExchangeException e = failure(adapter.place(order("late-2")));
        assertEquals(e.toString(), ErrorKind.UNKNOWN_OUTCOME, e.kind());
        assertEquals(java.util.List.of(-1, 110072), fake.log().matching(x -> x.path().equals(CREATE))
                .stream().map(x -> x.retCode()).toList());
        assertEquals(1, fake.account().ordersWithLinkId("late-2"));
    }
}
