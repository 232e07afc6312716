package io.botfleet.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.distribution.DistributionProcess;
import io.botfleet.exchange.bybit.fake.FakeAccount;
import io.botfleet.exchange.bybit.fake.FakeBybit;
import io.botfleet.exchange.bybit.fake.FakeMarket;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * A bot of the real distribution trades on a Bybit account pointed at the fake Bybit server (a
 * real HTTP and WebSocket server on loopback that checks every signature): closed klines pushed
 * over the public stream drive an SMA 2/4 bot through crossovers; its orders arrive signed, once
 * each, with the bot's client order ids, and the fills the fake executed come back to the bot.
 */
public class BybitTradingIT {

    private static final String SYMBOL = "BTCUSDT";
    /** A zigzag with clear SMA 2/4 crossovers: up, down, up, down. */
    private static final int[] PRICES = {30000, 30000, 30000, 30000, 30300, 30600, 30900, 30600, 30000, 29400,
        29100, 29400, 30000, 30600, 31200, 30600, 30000, 29400, 28800, 28800};

    private static FakeBybit fake;
    private static DistributionProcess server;
    private static Api api;
    private static String admin;

    @BeforeClass
    public static void start() throws Exception {
        fake = FakeBybit.start();
        fake.market().lastPrice(SYMBOL, new BigDecimal(PRICES[0]));
        server = DistributionProcess.builder("bybit-trading")
                .etcFile("io.botfleet.exchange.bybit-fake.cfg", String.join("\n", "account=fake",
                        "apiKey=" + FakeBybit.KEY, "apiSecret=" + FakeBybit.SECRET, "category=linear",
                        "restUrl=" + fake.restUrl(), "wsPublicUrl=" + fake.wsPublicUrl("linear"),
                        "wsPrivateUrl=" + fake.wsPrivateUrl(), ""))
                .start();
        server.awaitReady(Duration.ofSeconds(90));
        api = new Api(server);
        admin = server.adminToken();
    }

    @AfterClass
    public static void stop() {
        if (server != null) {
            server.terminate();
            server.awaitExit(Duration.ofSeconds(30));
            server.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    @Test
    public void ordersArriveSignedOnceEachAndFillsComeBack() throws Exception {
        Api.Reply created = api.post("/api/v1/bots", admin, "{\"id\":\"bybit-sma\",\"strategy\":{\"id\":\"sma-crossover\","
                + "\"version\":\"1.0.0\",\"params\":{\"fast\":2,\"slow\":4}},\"exchange\":{\"id\":\"bybit\",\"account\":\"fake\"},"
                + "\"symbol\":\"" + SYMBOL + "\",\"interval\":\"1m\",\"risk\":{\"orderQty\":\"0.001\"},\"autoStart\":true}");
        assertEquals(created.toString(), 201, created.status());
        api.await("/api/v1/bots/bybit-sma", admin, b -> "RUNNING".equals(b.path("state").asText()),
                Duration.ofSeconds(60), "bot RUNNING");
        await("the fake has a kline subscriber", () -> fake.publicSubscribers("kline.1." + SYMBOL) > 0);

        long step = 60_000;
        // the stream owes a new subscriber the candles from the one forming now on
        long first = (fake.now() / step) * step;
        for (int i = 0; i < PRICES.length; i++) {
            String price = Integer.toString(PRICES[i]);
            FakeMarket.Kline kline = FakeMarket.kline(first + i * step, price);
            fake.market().lastPrice(SYMBOL, new BigDecimal(price));
            fake.market().addKline(SYMBOL, "1", kline);
            fake.pushKline(SYMBOL, "1", kline, true);
            int candles = i + 1;
            api.await("/api/v1/bots/bybit-sma", admin, b -> FakeBybitBots.tookCandlesAndSettled(b, candles),
                    Duration.ofSeconds(30), "candle " + candles + " processed and its orders filled");
        }

        JsonNode status = api.get("/api/v1/bots/bybit-sma", admin).json();
        List<FakeAccount.Order> placed = fake.account().orders();
        assertTrue("the crossovers traded: " + status, placed.size() >= 3);
        Set<String> linkIds = new HashSet<>();
        for (FakeAccount.Order order : placed) {
            assertTrue("one order per client order id: " + order.orderLinkId, linkIds.add(order.orderLinkId));
            assertEquals(1, fake.account().ordersWithLinkId(order.orderLinkId));
        }
        JsonNode orders = api.get("/api/v1/bots/bybit-sma/orders?status=all&limit=100", admin).json();
        assertEquals(placed.size(), orders.size());
        for (JsonNode order : orders) {
            assertTrue(order.toString(), linkIds.contains(order.path("clientOrderId").asText()));
            assertEquals(order.toString(), "FILLED", order.path("status").asText());
        }
        JsonNode fills = api.get("/api/v1/bots/bybit-sma/fills?limit=100", admin).json();
        Set<String> fakeExecIds = new HashSet<>();
        fake.account().executions().forEach(e -> fakeExecIds.add(e.execId()));
        assertEquals(fakeExecIds.size(), fills.size());
        for (JsonNode fill : fills) {
            assertTrue(fill.toString(), fakeExecIds.contains(fill.path("execId").asText()));
        }
        assertEquals(placed.size(), status.path("counters").path("orders").asLong());
        assertEquals(0, status.path("counters").path("rejected").asLong());
        assertFalse("every request was signed correctly", server.logText().contains("10004"));
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " within 30 s");
            }
            Thread.sleep(100);
        }
    }
}
