package io.botfleet.exchange.bybit;

import static io.botfleet.exchange.bybit.Fixture.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.exchange.OrderAck;
import io.botfleet.api.exchange.OrderRequest;
import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.exchange.OrderType;
import io.botfleet.exchange.bybit.fake.Fault;
import io.botfleet.exchange.bybit.fake.FakeBybit;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * One account's limiter, shared by all its bots: checked at the server, from the fake's request
 * log, that no rolling second ever saw more requests than the limit.
 */
public class RateLimitTest {

    private FakeBybit fake;

    @Before
    public void start() {
        fake = FakeBybit.start();
    }

    @After
    public void stop() {
        fake.close();
    }

    private static OrderRequest order(String id) {
        return new OrderRequest(id, "BTCUSDT", OrderSide.BUY, OrderType.LIMIT, new BigDecimal("0.01"),
                new BigDecimal("25000"), false);
    }

    /** Five "bots" fire orders at once from their own threads; returns the elapsed ms. */
    private long burst(BybitExchangeAdapter adapter, String prefix, int n) throws Exception {
        List<CompletionStage<OrderAck>> acks = new ArrayList<>();
        long start = System.nanoTime();
        List<Thread> bots = new ArrayList<>();
        for (int b = 0; b < 5; b++) {
            int bot = b;
            Thread t = new Thread(() -> {
                for (int i = bot; i < n; i += 5) {
                    CompletionStage<OrderAck> s = adapter.place(order(prefix + i));
                    synchronized (acks) {
                        acks.add(s);
                    }
                }
            });
            bots.add(t);
            t.start();
        }
        for (Thread t : bots) {
            t.join(1000);
            assertTrue("place() must never block the calling bot", !t.isAlive());
        }
        acks.forEach(Fixture::await);
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    public void linearNeverExceedsTenOrdersPerSecond() throws Exception {
        try (BybitExchangeAdapter adapter = Fixture.adapter(fake, Category.LINEAR)) {
            long ms = burst(adapter, "lin-", 35);
            assertEquals(35, fake.account().orders().size());
            assertTrue(fake.log().maxInAnyWindow(FakeBybit.KEY, "order", 1000) <= 10);
            assertTrue("no 10006 needed", fake.log().matching(e -> e.retCode() == 10006).isEmpty());
            assertTrue("35 orders at 10/s take over 3 s, took " + ms, ms >= 3000);
            System.out.printf("linear: a burst of 35 orders from 5 bots acked in %d ms%n", ms);
        }
    }

    @Test
    public void spotNeverExceedsTwentyOrdersPerSecondAndCancelsCount() throws Exception {
        try (BybitExchangeAdapter adapter = Fixture.adapter(fake, Category.SPOT)) {
            burst(adapter, "spot-", 30);
            List<CompletableFuture<?>> cancels = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                cancels.add(adapter.cancel("BTCUSDT", "spot-" + i).toCompletableFuture());
            }
            cancels.forEach(Fixture::await);
            assertTrue(fake.log().maxInAnyWindow(FakeBybit.KEY, "order", 1000) <= 20);
            assertTrue(fake.log().maxInAnyWindow(FakeBybit.KEY, "private", 1000) <= 50);
            assertTrue(fake.log().matching(e -> e.retCode() == 10006).isEmpty());
        }
    }

    @Test
    public void tooManyVisitsWaitsForTheResetThenRetries() {
        try (BybitExchangeAdapter adapter = Fixture.adapter(fake, Category.LINEAR)) {
            fake.inject("/v5/order/create", Fault.retCode(10006));
            long start = System.nanoTime();
            OrderAck ack = await(adapter.place(order("rl-1")));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(fake.account().order("rl-1").orderId, ack.exchangeOrderId());
            assertEquals(1, fake.account().ordersWithLinkId("rl-1"));
            assertTrue("waited for the reset timestamp (+300 ms), waited " + ms, ms >= 250);
        }
    }

    @Test
    public void serverLimitHeadersAreHonoured() throws Exception {
        fake.orderLimits(4, 4); // the venue allows less than the adapter believes
        try (BybitExchangeAdapter adapter = Fixture.adapter(fake, Category.LINEAR)) {
            for (int i = 0; i < 12; i++) { // sequential: each answer's headers are seen in time
                await(adapter.place(order("hdr-" + i)));
            }
            assertEquals(12, fake.account().orders().size());
            assertEquals(fake.log().entries().toString(), List.of(),
                    fake.log().matching(e -> e.retCode() == 10006));
            assertTrue(fake.log().maxInAnyWindow(FakeBybit.KEY, "order", 1000) <= 4);
        }
    }
}
