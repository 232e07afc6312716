package io.botfleet.exchange.bybit;

import static io.botfleet.exchange.bybit.Fixture.await;
import static io.botfleet.exchange.bybit.Fixture.failure;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.exchange.AccountStatus;
import io.botfleet.api.exchange.ErrorKind;
import io.botfleet.api.exchange.ExchangeException;
import io.botfleet.api.exchange.OrderAck;
import io.botfleet.api.exchange.OrderRequest;
import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.exchange.OrderType;
import io.botfleet.exchange.bybit.fake.Fault;
import io.botfleet.exchange.bybit.fake.FakeBybit;
import java.math.BigDecimal;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Authentication, clock skew, HTTP and business errors, and how they reach health. */
public class ErrorHandlingTest {

    private static final String WALLET = "/v5/account/wallet-balance";
    private static final String CREATE = "/v5/order/create";
    private FakeBybit fake;
    private BybitExchangeAdapter adapter;

    @Before
    public void start() {
        fake = FakeBybit.start();
    }

    @After
    public void stop() {
        if (adapter != null) {
            adapter.close();
        }
        fake.close();
    }

    private static OrderRequest limit(String id) {
        return new OrderRequest(id, "BTCUSDT", OrderSide.BUY, OrderType.LIMIT, new BigDecimal("0.01"),
                new BigDecimal("25000"), false);
    }

    private static void assertNoSecret(String text) {
        assertFalse(text, text.contains(FakeBybit.SECRET));
        assertFalse(text, text.contains("wrong-secret"));
        assertFalse(text, text.contains("origin_string"));
    }

    @Test
    public void badSignatureIsAuthAndTheAccountGoesDown() {
        adapter = new BybitExchangeAdapter(Fixture.settings(fake, Category.LINEAR)
                .apiSecret("wrong-secret").build());
        ExchangeException e = failure(adapter.balances());
        assertEquals(ErrorKind.AUTH, e.kind());
        assertEquals("10004", e.code());
        assertNoSecret(e.getMessage());
        assertEquals(AccountStatus.DOWN, adapter.health().status());
        assertNoSecret(adapter.health().detail());
        assertEquals("no retry on auth errors", 1, fake.log().count(WALLET));
        ExchangeException p = failure(adapter.place(limit("auth-1")));
        assertEquals(ErrorKind.AUTH, p.kind());
        assertEquals(0, fake.account().orders().size());
    }

    @Test
    public void wrongKeyIsAuth() {
        adapter = new BybitExchangeAdapter(Fixture.settings(fake, Category.LINEAR)
                .apiKey("someone-else").build());
        ExchangeException e = failure(adapter.balances());
        assertEquals(ErrorKind.AUTH, e.kind());
        assertEquals("10003", e.code());
        assertEquals(AccountStatus.DOWN, adapter.health().status());
    }

    @Test
    public void http401IsAuthAndASuccessBringsTheAccountBack() {
        adapter = Fixture.adapter(fake, Category.LINEAR);
        fake.inject(WALLET, Fault.http(401));
        assertEquals(ErrorKind.AUTH, failure(adapter.balances()).kind());
        assertEquals(AccountStatus.DOWN, adapter.health().status());
        await(adapter.balances());
        assertEquals(AccountStatus.UP, adapter.health().status());
    }

    @Test
    public void clockSkewIsRejectedOnceThenResyncedAndRetried() {
        adapter = Fixture.adapter(fake, Category.LINEAR);
        await(adapter.syncClock());
        await(adapter.balances());
        long timeCalls = fake.log().count("/v5/market/time");
        fake.clockSkew(-20_000); // Bybit's clock is 20 s behind ours: every timestamp is "future"
        await(adapter.balances());
        List<Integer> codes = fake.log().matching(e -> e.path().equals(WALLET)).stream()
                .map(e -> e.retCode()).toList();
        assertEquals(List.of(0, 10002, 0), codes);
        assertTrue("re-synced", fake.log().count("/v5/market/time") > timeCalls);
        assertTrue(Math.abs(adapter.clockOffsetMillis() + 20_000) < 1000);
        // an order refused with 10002 was not processed: resending it is safe, and happens once
        fake.clockSkew(30_000);
        OrderAck ack = await(adapter.place(limit("skew-1")));
        assertEquals(fake.account().order("skew-1").orderId, ack.exchangeOrderId());
        assertEquals(1, fake.account().ordersWithLinkId("skew-1"));
    }

    @Test
    public void http500OnReadsIsRetriedWithBackoff() {
        adapter = Fixture.adapter(fake, Category.LINEAR);
        fake.inject(WALLET, Fault.http(500), Fault.http(503), Fault.retCode(10016));
        await(adapter.balances());
        assertEquals(4, fake.log().count(WALLET));
        fake.inject(WALLET, Fault.http(500), Fault.http(500), Fault.http(500), Fault.http(500));
        ExchangeException e = failure(adapter.balances());
        assertEquals(ErrorKind.TRANSIENT, e.kind());
        assertEquals("http-500", e.code());
    }

    @Test
    public void createRefusedWith500BeforeExecutingIsSentOnceMoreAfterTheLookUp() {
        adapter = Fixture.adapter(fake, Category.LINEAR);
        fake.inject(CREATE, Fault.http(500));
        OrderAck ack = await(adapter.place(limit("five-1")));
        assertEquals(fake.account().order("five-1").orderId, ack.exchangeOrderId());
        assertEquals(1, fake.account().ordersWithLinkId("five-1"));
        assertEquals(2, fake.log().count(CREATE));
        assertTrue(fake.log().count("/v5/order/realtime") >= 1);
    }

    @Test
    public void businessRejectionsKeepTheirReasonAndAreNotRetried() {
        adapter = Fixture.adapter(fake, Category.LINEAR);
        fake.inject(CREATE, Fault.retCode(110007));
        ExchangeException e = failure(adapter.place(limit("poor-1")));
        assertEquals(ErrorKind.REJECTED, e.kind());
        assertEquals("110007", e.code());
        assertTrue(e.getMessage(), e.getMessage().contains("insufficient balance"));
        assertEquals(1, fake.log().count(CREATE));

        ExchangeException param = failure(adapter.place(new OrderRequest("p-1", "NOPEUSDT",
                OrderSide.BUY, OrderType.MARKET, BigDecimal.ONE, null, false)));
        assertEquals(ErrorKind.REJECTED, param.kind());
        assertEquals("10001", param.code());

        fake.inject(CREATE, Fault.retCode(110094));
        assertTrue(failure(adapter.place(limit("small-1"))).getMessage().contains("too small"));
        assertEquals(AccountStatus.UP, adapter.health().status());
    }

    @Test
    public void ipBanAndWrongPathAreTyped() {
        adapter = Fixture.adapter(fake, Category.LINEAR);
        fake.inject(WALLET, Fault.http(403));
        ExchangeException ban = failure(adapter.balances());
        assertEquals(ErrorKind.RATE_LIMITED, ban.kind());
        assertTrue(ban.retryAfterMillis() >= 600_000);
        fake.inject(WALLET, Fault.http(404));
        assertEquals("http-404", failure(adapter.balances()).code());
    }

    @Test
    public void unreachableVenueDegradesThenGoesDown() throws Exception {
        adapter = Fixture.adapter(fake, Category.LINEAR);
        await(adapter.balances());
        fake.close(); // nothing listens any more
        for (int i = 0; i < 2; i++) {
            assertEquals(ErrorKind.TRANSIENT, failure(adapter.balances()).kind());
        }
        assertEquals(AccountStatus.DEGRADED, adapter.health().status());
        Thread.sleep(2100);
        failure(adapter.balances());
        assertEquals(AccountStatus.DOWN, adapter.health().status());
        assertTrue(adapter.health().detail().contains("unreachable"));
        fake = FakeBybit.start(); // for @After
    }
}
