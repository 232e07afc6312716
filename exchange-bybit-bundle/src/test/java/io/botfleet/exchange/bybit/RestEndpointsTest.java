package io.botfleet.exchange.bybit;

import static io.botfleet.exchange.bybit.Fixture.await;
import static io.botfleet.exchange.bybit.Fixture.failure;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.botfleet.api.exchange.Balance;
import io.botfleet.api.exchange.ErrorKind;
import io.botfleet.api.exchange.ExchangeOrder;
import io.botfleet.api.exchange.Execution;
import io.botfleet.api.exchange.OrderAck;
import io.botfleet.api.exchange.OrderRequest;
import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.exchange.OrderStatus;
import io.botfleet.api.exchange.OrderType;
import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Instrument;
import io.botfleet.api.market.Interval;
import io.botfleet.exchange.bybit.fake.FakeAccount;
import io.botfleet.exchange.bybit.fake.FakeBybit;
import io.botfleet.exchange.bybit.fake.FakeMarket;
import io.botfleet.exchange.bybit.fake.RequestLog;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

/** Every REST endpoint, on the linear and on the spot shapes. */
@RunWith(Parameterized.class)
public class RestEndpointsTest {

    @Parameterized.Parameters(name = "{0}")
    public static Collection<Object[]> categories() {
        return Arrays.asList(new Object[][] {{Category.LINEAR}, {Category.SPOT}});
    }

    private final Category category;
    private FakeBybit fake;
    private BybitExchangeAdapter adapter;

    public RestEndpointsTest(Category category) {
        this.category = category;
    }

    @Before
    public void start() {
        fake = FakeBybit.start();
        adapter = Fixture.adapter(fake, category);
    }

    @After
    public void stop() {
        adapter.close();
        fake.close();
    }

    private static OrderRequest limit(String id, String qty, String price) {
        return new OrderRequest(id, "BTCUSDT", OrderSide.BUY, OrderType.LIMIT, new BigDecimal(qty),
                new BigDecimal(price), false);
    }

    @Test
    public void instrumentIsMappedAndCached() {
        Instrument i = await(adapter.instrument("BTCUSDT"));
        assertEquals("BTCUSDT", i.symbol());
        assertEquals(category == Category.SPOT ? new BigDecimal("0.000001") : new BigDecimal("0.001"),
                i.qtyStep());
        await(adapter.instrument("BTCUSDT"));
        assertEquals(1, fake.log().count("/v5/market/instruments-info"));
        assertEquals(ErrorKind.NOT_FOUND, failure(adapter.instrument("NOPEUSDT")).kind());
    }

    @Test
    public void placeLimitSignedOnceThenFindCancelAndFindAgain() throws Exception {
        OrderAck ack = await(adapter.place(limit("bot1-1", "0.01", "25000")));
        assertEquals("bot1-1", ack.clientOrderId());
        FakeAccount.Order o = fake.account().order("bot1-1");
        assertEquals(o.orderId, ack.exchangeOrderId());
        RequestLog.Entry create = fake.log().matching(e -> e.path().equals("/v5/order/create")).get(0);
        JsonNode body = new ObjectMapper().readTree(create.body());
        assertEquals(category.wire(), body.path("category").asText());
        assertEquals("0.01", body.path("qty").asText());
        assertEquals("25000", body.path("price").asText());
        assertEquals("bot1-1", body.path("orderLinkId").asText());
        assertEquals("GTC", body.path("timeInForce").asText());

        ExchangeOrder found = await(adapter.findByClientOrderId("BTCUSDT", "bot1-1")).orElseThrow();
        assertEquals(OrderStatus.NEW, found.status());
        assertEquals(new BigDecimal("25000"), found.price());

        ExchangeOrder cancelled = await(adapter.cancel("BTCUSDT", "bot1-1"));
        assertEquals(OrderStatus.CANCELLED, cancelled.status());
        // finished orders come from /v5/order/history when realtime no longer has them
        assertEquals(OrderStatus.CANCELLED,
                await(adapter.findByClientOrderId("BTCUSDT", "bot1-1")).orElseThrow().status());
        assertEquals(Optional.empty(), await(adapter.findByClientOrderId("BTCUSDT", "never")));
        assertTrue(fake.log().count("/v5/order/history") >= 1);
    }

    @Test
    public void cancelOfAFinishedOrderReturnsItsFinalState() {
        await(adapter.place(new OrderRequest("mkt-1", "BTCUSDT", OrderSide.SELL, OrderType.MARKET,
                new BigDecimal("0.002"), null, false)));
        ExchangeOrder o = await(adapter.cancel("BTCUSDT", "mkt-1")); // 110001 on the wire
        assertEquals(OrderStatus.FILLED, o.status());
        assertEquals(0, new BigDecimal("0.002").compareTo(o.filledQty()));
        assertTrue(fake.log().matching(e -> e.path().equals("/v5/order/cancel") && e.retCode() == 110001)
                .size() == 1);
        assertEquals(ErrorKind.NOT_FOUND, failure(adapter.cancel("BTCUSDT", "never-placed")).kind());
    }

    @Test
    public void marketBuyQtyIsInBaseCoin() throws Exception {
        await(adapter.place(new OrderRequest("mkt-buy", "BTCUSDT", OrderSide.BUY, OrderType.MARKET,
                new BigDecimal("0.01"), null, false)));
        FakeAccount.Order o = fake.account().order("mkt-buy");
        assertEquals("Filled", o.status);
        assertEquals(0, new BigDecimal("0.01").compareTo(o.cumExecQty));
        JsonNode body = new ObjectMapper().readTree(fake.log().matching(
                e -> e.path().equals("/v5/order/create")).get(0).body());
        assertEquals(category == Category.SPOT ? "baseCoin" : "", body.path("marketUnit").asText());
        assertFalse(body.has("price"));
    }

    @Test
    public void openOrdersFollowTheCursor() {
        for (int i = 0; i < 57; i++) {
            fake.account().seedOpenOrder(category.wire(), "BTCUSDT", "seed-" + i, "0.01", "20000");
        }
        fake.account().seedOpenOrder(category.wire(), "ETHUSDT", "other", "0.1", "1000");
        List<ExchangeOrder> open = await(adapter.openOrders("BTCUSDT"));
        assertEquals(57, open.size());
        assertEquals(57, open.stream().map(ExchangeOrder::clientOrderId).distinct().count());
        assertEquals(2, fake.log().count("/v5/order/realtime")); // 50 + 7
    }

    @Test
    public void executionsOldestFirstFromTheGivenTime() {
        long now = System.currentTimeMillis();
        for (int i = 0; i < 3; i++) {
            fake.account().seedOpenOrder(category.wire(), "BTCUSDT", "fill-" + i, "1", "20000");
        }
        fake.account().fillAt("fill-0", "0.5", "20000", now - 10 * 86_400_000L); // 10 days ago
        fake.account().fillAt("fill-1", "0.25", "20001", now - 3 * 86_400_000L);
        fake.account().fillAt("fill-2", "1", "20002", now - 60_000);
        fake.account().fillAt("fill-0", "0.5", "20003", now - 30_000);
        List<Execution> all = await(adapter.executions("BTCUSDT", Instant.ofEpochMilli(now - 11 * 86_400_000L)));
        assertEquals(4, all.size());
        for (int i = 1; i < all.size(); i++) {
            assertFalse(all.get(i).time().isBefore(all.get(i - 1).time()));
        }
        assertEquals(new BigDecimal("20000"), all.get(0).price());
        assertEquals("fill-0", all.get(0).clientOrderId());
        List<Execution> recent = await(adapter.executions("BTCUSDT", Instant.ofEpochMilli(now - 120_000)));
        assertEquals(2, recent.size());
        assertEquals(new BigDecimal("20002"), recent.get(0).price());
    }

    @Test
    public void balancesOfTheUnifiedAccount() {
        fake.account().balance("USDT", "1234.5", "100");
        List<Balance> b = await(adapter.balances());
        Balance usdt = b.stream().filter(x -> x.coin().equals("USDT")).findFirst().orElseThrow();
        assertEquals(new BigDecimal("1234.5"), usdt.total());
        assertEquals(new BigDecimal("1134.5"), usdt.available());
        assertTrue(fake.log().entries().stream().anyMatch(e -> e.query().contains("accountType=UNIFIED")));
    }

    @Test
    public void candleHistoryIsOldestFirstPagedAndClosedOnly() {
        long step = 60_000;
        long current = System.currentTimeMillis() / step * step; // forming now
        long first = current - 2500 * step;
        for (long t = first; t <= current; t += step) {
            fake.market().addKline("BTCUSDT", "1", FakeMarket.kline(t, "30000"));
        }
        List<Candle> c = await(adapter.candleHistory("BTCUSDT", Interval.M1,
                Instant.ofEpochMilli(first), Instant.ofEpochMilli(current + step)));
        assertEquals(2500, c.size()); // the forming candle is left out
        for (int i = 0; i < c.size(); i++) {
            assertEquals(first + i * step, c.get(i).openTime().toEpochMilli());
            assertTrue(c.get(i).closed());
        }
        assertEquals(3, fake.log().count("/v5/market/kline"));
        assertTrue(fake.log().entries().stream().filter(e -> e.path().equals("/v5/market/kline"))
                .allMatch(e -> e.query().contains("interval=1&") && e.query().contains("limit=1000")));
    }
}
