package io.botfleet.exchange.bybit;

import static io.botfleet.exchange.bybit.Fixture.await;
import static io.botfleet.exchange.bybit.Fixture.eventually;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.exchange.AccountStatus;
import io.botfleet.api.exchange.ExchangeOrder;
import io.botfleet.api.exchange.Execution;
import io.botfleet.api.exchange.OrderRequest;
import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.exchange.OrderStatus;
import io.botfleet.api.exchange.OrderType;
import io.botfleet.api.exchange.OrderUpdateListener;
import io.botfleet.api.exchange.Subscription;
import io.botfleet.exchange.bybit.fake.FakeBybit;
import io.botfleet.exchange.bybit.fake.Fault;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Order updates and fills: pushed by the private stream, polled from REST while it is down. */
public class PrivateStreamTest {

    private FakeBybit fake;
    private BybitExchangeAdapter adapter;
    private final List<ExchangeOrder> orders = new CopyOnWriteArrayList<>();
    private final List<Execution> fills = new CopyOnWriteArrayList<>();
    private final OrderUpdateListener listener = new OrderUpdateListener() {
        @Override
        public void onOrderUpdate(ExchangeOrder order) {
            orders.add(order);
        }

        @Override
        public void onExecution(Execution execution) {
            fills.add(execution);
        }
    };

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

    private static OrderRequest limit(String id) {
        return new OrderRequest(id, "BTCUSDT", OrderSide.BUY, OrderType.LIMIT, new BigDecimal("0.02"),
                new BigDecimal("25000"), false);
    }

    private boolean sawStatus(String id, OrderStatus status) {
        return orders.stream().anyMatch(o -> o.clientOrderId().equals(id) && o.status() == status);
    }

    @Test
    public void ordersAndFillsArePushed() {
        Subscription sub = adapter.subscribeOrders(listener);
        eventually("authenticated and subscribed", () -> fake.privateSubscribers() == 1);
        eventually("UP", () -> adapter.health().status() == AccountStatus.UP);
        await(adapter.place(limit("push-1")));
        eventually("NEW pushed", () -> sawStatus("push-1", OrderStatus.NEW));
        fake.account().fill("push-1", "0.01", "24990");
        fake.account().fill("push-1", "0.01", "24980");
        eventually("FILLED pushed", () -> sawStatus("push-1", OrderStatus.FILLED));
        eventually("two fills", () -> fills.size() == 2);
        assertEquals(new BigDecimal("24990"), fills.get(0).price());
        assertEquals("push-1", fills.get(0).clientOrderId());
        long realtimePolls = fake.log().count("/v5/order/realtime");
        sub.close();
        eventually("unsubscribed", () -> fake.privateSubscribers() == 0);
        assertTrue("no polling while the stream is live: " + realtimePolls, realtimePolls <= 2);
    }

    @Test
    public void pollingStandsInWhileTheStreamIsDownAndStopsWhenItIsBack() throws Exception {
        fake.refusePrivateWs(true);
        adapter.subscribeOrders(listener);
        eventually("DEGRADED", () -> adapter.health().status() == AccountStatus.DEGRADED);
        assertTrue(adapter.health().detail().contains("private stream down"));
        await(adapter.place(limit("poll-1")));
        eventually("NEW polled", () -> sawStatus("poll-1", OrderStatus.NEW));
        fake.account().fill("poll-1", "0.02", "25000");
        eventually("FILLED polled", () -> sawStatus("poll-1", OrderStatus.FILLED));
        eventually("fill polled", () -> fills.size() == 1);
        assertTrue(fake.log().count("/v5/execution/list") >= 1);

        fake.refusePrivateWs(false);
        eventually("stream back", () -> fake.privateSubscribers() == 1);
        eventually("UP", () -> adapter.health().status() == AccountStatus.UP);
        Thread.sleep(300);
        long polls = fake.log().count("/v5/execution/list");
        Thread.sleep(600); // three poll intervals
        assertEquals("polling stopped", polls, fake.log().count("/v5/execution/list"));
        assertEquals("each fill delivered once here", 1, fills.size());
    }

    @Test
    public void aDroppedStreamReconnectsAndFillsMeanwhileArrive() {
        adapter.subscribeOrders(listener);
        eventually("subscribed", () -> fake.privateSubscribers() == 1);
        await(adapter.place(limit("drop-1")));
        fake.refusePrivateWs(true);
        fake.dropPrivateWs();
        eventually("DEGRADED", () -> adapter.health().status() == AccountStatus.DEGRADED);
        fake.account().fill("drop-1", "0.02", "25000"); // nobody hears the push
        eventually("fill polled", () -> fills.size() == 1);
        fake.refusePrivateWs(false);
        eventually("UP again", () -> adapter.health().status() == AccountStatus.UP);
        eventually("FILLED reported", () -> sawStatus("drop-1", OrderStatus.FILLED));
    }

    @Test
    public void fillsWhileTheStreamWasDownArriveThoughTheLastPollFailed() {
        fake.refusePrivateWs(true);
        adapter.subscribeOrders(listener);
        eventually("DEGRADED", () -> adapter.health().status() == AccountStatus.DEGRADED);
        await(adapter.place(limit("sweep-1")));
        eventually("NEW polled", () -> sawStatus("sweep-1", OrderStatus.NEW));
        fake.outage(Fault.http(503)); // every poll from now on fails
        fake.account().fill("sweep-1", "0.02", "25000"); // pushed to nobody: the stream is refused
        fake.refusePrivateWs(false);
        eventually("stream back", () -> fake.privateSubscribers() == 1);
        long failed = fake.log().count("/v5/execution/list");
        eventually("the last poll after the stream came back failed",
                () -> fake.log().count("/v5/execution/list") > failed);
        fake.endOutage();
        eventually("the fill made while the stream was down", () -> fills.size() == 1);
        eventually("FILLED reported", () -> sawStatus("sweep-1", OrderStatus.FILLED));
    }
}
