package io.botfleet.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.distribution.DistributionProcess;
import io.botfleet.exchange.bybit.fake.FakeAccount;
import io.botfleet.exchange.bybit.fake.FakeBybit;
import io.botfleet.testdata.CandleFiles;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.After;
import org.junit.Test;

/**
 * {@code POST /api/v1/bots/{id}/stop} with {@code {"flatten":true}} on the real server: the bot's
 * position is closed by a market order on the other side and the bot ends STOPPED (desired state
 * too), on the paper exchange and on the fake Bybit, whose own records show the reduce-only
 * market order and a flat account.
 */
public class StopFlattenIT {

    private static final String FLATTEN = "{\"flatten\":true}";

    private DistributionProcess server;
    private FakeBybit fake;

    @After
    public void stop() {
        if (server != null) {
            server.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    @Test
    public void stopWithFlattenClosesThePositionOnPaper() throws Exception {
        Path data = CandleFiles.path(CandleFiles.UNITTEST_BTC);
        server = DistributionProcess.builder("stop-flatten").withoutEtcFile("bots/demo-sma.json")
                .etcFile("io.botfleet.exchange.paper-replay.cfg", "replay.file=" + data
                        + "\nreplay.symbol=UNITTESTBTC\nreplay.interval=1m\nreplay.speed=1200\nbalance.BTC=1000000\n")
                .start();
        server.awaitReady(Duration.ofSeconds(90));
        String token = server.adminToken();
        Api api = new Api(server);
        Api.Reply created = api.post("/api/v1/bots", token, "{\"id\":\"sf\",\"strategy\":"
                + "{\"id\":\"sma-crossover\",\"version\":\"1.0.0\",\"params\":{\"fast\":5,\"slow\":20}},"
                + "\"exchange\":{\"id\":\"paper\",\"account\":\"replay\"},\"symbol\":\"UNITTESTBTC\","
                + "\"interval\":\"1m\",\"risk\":{\"orderQty\":\"1\"},\"autoStart\":true}");
        assertEquals(created.toString(), 201, created.status());
        JsonNode holding = api.await("/api/v1/bots/sf", token, b -> qty(b).signum() != 0, Duration.ofSeconds(60),
                "a position to close");

        Api.Reply stopped = api.post("/api/v1/bots/sf/stop", token, FLATTEN);
        assertEquals(stopped.toString(), 200, stopped.status());
        assertEquals("STOPPED", stopped.json().path("desiredState").asText());

        JsonNode after = api.await("/api/v1/bots/sf", token, b -> "STOPPED".equals(b.path("state").asText())
                && qty(b).signum() == 0, Duration.ofSeconds(30), "STOPPED and flat");
        assertEquals("STOPPED", after.path("desiredState").asText());
        BigDecimal held = qty(holding);
        JsonNode close = closingOrder(api.get("/api/v1/bots/sf/orders?status=all", token).json());
        assertEquals(close.toString(), held.signum() > 0 ? "SELL" : "BUY", close.path("side").asText());
        assertEquals(close.toString(), "FILLED", close.path("status").asText());
        assertEquals(close.toString(), 0, held.abs().compareTo(new BigDecimal(close.path("qty").asText())));

        // stopped for good: the replay goes on, the bot takes no candle and sends no order
        long orders = after.path("counters").path("orders").asLong();
        Thread.sleep(2_000);
        JsonNode later = api.get("/api/v1/bots/sf", token).json();
        assertEquals("STOPPED", later.path("state").asText());
        assertEquals(orders, later.path("counters").path("orders").asLong());
        assertEquals(0, qty(later).signum());
    }

    @Test
    public void stopWithFlattenClosesThePositionOnTheFakeBybit() throws Exception {
        fake = FakeBybitBots.fake();
        FakeBybitBots bybit = new FakeBybitBots(fake);
        server = DistributionProcess.builder("stop-flatten-bybit").withoutEtcFile("bots/demo-sma.json")
                .etcFile("io.botfleet.exchange.bybit-fake.cfg", bybit.accountCfg(5000)).start();
        server.awaitReady(Duration.ofSeconds(90));
        String token = server.adminToken();
        Api api = new Api(server);
        api.awaitExchange(token, "bybit", FakeBybitBots.ACCOUNT);
        String id = bybit.createBots(api, token, "sfb", "BTCUSDT", 1).get(0);
        // until the bot holds a position (a zigzag: SMA 2/4 crosses within a few candles)
        for (int i = 0; i < 20 && qty(api.get("/api/v1/bots/" + id, token).json()).signum() == 0; i++) {
            bybit.drive(api, token, "BTCUSDT", 1, Duration.ofSeconds(30));
        }
        JsonNode holding = api.await("/api/v1/bots/" + id, token, b -> qty(b).signum() != 0, Duration.ofSeconds(10),
                "a position to close");
        BigDecimal held = qty(holding);
        assertEquals("the exchange holds what the bot holds", 0,
                held.compareTo(fake.account().position("linear", "BTCUSDT")));
        int ordersBefore = fake.account().orders().size();

        Api.Reply stopped = api.post("/api/v1/bots/" + id + "/stop", token, FLATTEN);
        assertEquals(stopped.toString(), 200, stopped.status());

        api.await("/api/v1/bots/" + id, token, b -> "STOPPED".equals(b.path("state").asText())
                && qty(b).signum() == 0, Duration.ofSeconds(30), id + " STOPPED and flat");
        List<FakeAccount.Order> sent = fake.account().orders();
        assertEquals("one order: the close-out", ordersBefore + 1, sent.size());
        FakeAccount.Order close = sent.get(sent.size() - 1);
        assertEquals("Market", close.orderType);
        assertTrue("reduce-only", close.reduceOnly);
        assertEquals(held.signum() > 0 ? "Sell" : "Buy", close.side);
        assertEquals(0, held.abs().compareTo(close.qty));
        assertEquals("the exchange's position is closed", 0,
                BigDecimal.ZERO.compareTo(fake.account().position("linear", "BTCUSDT")));

        // stopped for good: candles go by, nothing reaches the exchange
        long candles = api.get("/api/v1/bots/" + id, token).json().path("counters").path("candles").asLong();
        for (int i = 0; i < 6; i++) {
            bybit.publish("BTCUSDT");
        }
        Thread.sleep(2_000);
        assertEquals(sent.size(), fake.account().orders().size());
        assertEquals(candles, api.get("/api/v1/bots/" + id, token).json().path("counters").path("candles").asLong());
        assertEquals("STOPPED", api.get("/api/v1/bots/" + id, token).json().path("state").asText());
    }

    /** The bot's close-out order: a market order the runtime made to close the position. */
    private static JsonNode closingOrder(JsonNode orders) {
        for (JsonNode o : orders) {
            if ("MARKET".equals(o.path("type").asText()) && o.path("reason").asText().contains("close the position")) {
                return o;
            }
        }
        throw new AssertionError("no closing market order in " + orders);
    }

    private static BigDecimal qty(JsonNode bot) {
        return new BigDecimal(bot.path("position").path("qty").asText("0"));
    }
}
