package io.botfleet.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.distribution.DistributionProcess;
import io.botfleet.exchange.bybit.fake.FakeBybit;
import io.botfleet.testdata.CandleFiles;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.After;
import org.junit.Test;

/**
 * The kill switch and flatten on the real server: on the paper exchange (a replay fast enough to
 * trade within seconds) including a halt that survives a SIGKILL and a restart, and on the fake
 * Bybit, where the exchange's own records show the closing orders and that nothing opens while
 * halted.
 */
public class HaltIT {

    private static final String SCOPE = "{\"exchange\":\"paper\",\"account\":\"halted\",\"flatten\":true,"
            + "\"reason\":\"venue incident\"}";

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
    public void haltFlattensItsScopeOnPaperAndSurvivesACrash() throws Exception {
        Path data = CandleFiles.path(CandleFiles.UNITTEST_BTC);
        String replay = "replay.file=" + data + "\nreplay.symbol=UNITTESTBTC\nreplay.interval=1m\nreplay.speed=1200\n"
                + "balance.BTC=1000000\n";
        server = DistributionProcess.builder("halt").withoutEtcFile("bots/demo-sma.json")
                .etcFile("io.botfleet.exchange.paper-halted.cfg", replay)
                .etcFile("io.botfleet.exchange.paper-free.cfg", replay).start();
        server.awaitReady(Duration.ofSeconds(90));
        Path home = server.home();
        String token = server.adminToken();
        Api api = new Api(server);
        for (String account : List.of("halted", "free")) {
            Api.Reply created = api.post("/api/v1/bots", token, "{\"id\":\"bot-" + account + "\",\"strategy\":"
                    + "{\"id\":\"sma-crossover\",\"version\":\"1.0.0\",\"params\":{\"fast\":5,\"slow\":20}},"
                    + "\"exchange\":{\"id\":\"paper\",\"account\":\"" + account + "\"},\"symbol\":\"UNITTESTBTC\","
                    + "\"interval\":\"1m\",\"risk\":{\"orderQty\":\"1\"},\"autoStart\":true}");
            assertEquals(created.toString(), 201, created.status());
        }
        api.await("/api/v1/bots/bot-halted", token, b -> qty(b).signum() != 0, Duration.ofSeconds(60),
                "a position to flatten");

        Api.Reply halted = api.post("/api/v1/halt", token, SCOPE);
        assertEquals(halted.toString(), 200, halted.status());
        JsonNode outcomes = halted.json().path("bots");
        assertEquals(halted.toString(), 1, outcomes.size());
        assertEquals("bot-halted", outcomes.get(0).path("botId").asText());
        assertTrue(halted.toString(), outcomes.get(0).path("outcome").asText().contains("closing"));

        JsonNode flat = api.await("/api/v1/bots/bot-halted", token, b -> qty(b).signum() == 0
                && "PAUSED".equals(b.path("state").asText()), Duration.ofSeconds(30), "flat and PAUSED");
        assertEquals("the desired state is kept for the lift", "RUNNING", flat.path("desiredState").asText());
        assertEquals("the bot outside the scope trades on", "RUNNING",
                api.get("/api/v1/bots/bot-free", token).json().path("state").asText());
        JsonNode refused = Api.assertProblem(api.post("/api/v1/bots/bot-halted/resume", token, null), 409);
        assertTrue(refused.toString(), refused.path("detail").asText().contains("account paper/halted"));
        assertTrue(api.get("/metrics", token).body().contains("botfleet_halted 1.0"));
        assertEquals("a halt is a warning, not unready", 200, api.get("/health/ready", null).status());
        assertTrue(api.get("/health/ready", null).body().contains("venue incident"));

        // crossovers go by: entries are refused, nothing opens
        long orders = flat.path("counters").path("orders").asLong();
        long candles = flat.path("counters").path("candles").asLong();
        JsonNode later = api.await("/api/v1/bots/bot-halted", token,
                b -> b.path("counters").path("candles").asLong() >= candles + 300, Duration.ofSeconds(60), "300 candles more");
        assertEquals("no order while halted", orders, later.path("counters").path("orders").asLong());
        assertEquals(0, qty(later).signum());

        server.kill();
        server.awaitExit(Duration.ofSeconds(30));
        server = DistributionProcess.builder("halt").home(home).env("BOTFLEET_ADMIN_TOKEN", token).start();
        server.awaitReady(Duration.ofSeconds(90));
        api = new Api(server);
        JsonNode halts = api.get("/api/v1/halt", token).json();
        assertEquals(halts.toString(), 1, halts.size());
        assertEquals("account paper/halted", halts.get(0).path("scope").asText());
        api.await("/api/v1/bots/bot-halted", token, b -> "PAUSED".equals(b.path("state").asText()),
                Duration.ofSeconds(60), "PAUSED again after the crash");
        Api.assertProblem(api.post("/api/v1/bots/bot-halted/start", token, null), 409);

        Api.assertProblem(api.delete("/api/v1/halt", token), 404); // no halt of the whole fleet
        Api.Reply lifted = api.delete("/api/v1/halt?exchange=paper&account=halted", token);
        assertEquals(lifted.toString(), 200, lifted.status());
        api.await("/api/v1/bots/bot-halted", token, b -> "RUNNING".equals(b.path("state").asText()),
                Duration.ofSeconds(10), "RUNNING once lifted");
        assertEquals(0, api.get("/api/v1/halt", token).json().size());
        assertTrue(api.get("/metrics", token).body().contains("botfleet_halted 0.0"));
    }

    @Test
    public void flattenAndFleetHaltOnTheFakeBybit() throws Exception {
        fake = FakeBybitBots.fake();
        FakeBybitBots bybit = new FakeBybitBots(fake);
        server = DistributionProcess.builder("halt-bybit").withoutEtcFile("bots/demo-sma.json")
                .etcFile("io.botfleet.exchange.bybit-fake.cfg", bybit.accountCfg(5000)).start();
        server.awaitReady(Duration.ofSeconds(90));
        String token = server.adminToken();
        Api api = new Api(server);
        api.awaitExchange(token, "bybit", FakeBybitBots.ACCOUNT);
        List<String> ids = bybit.createBots(api, token, "hb", "BTCUSDT", 3);
        String first = ids.get(0);
        // until the first bot holds a position (a zigzag: SMA 2/4 crosses within a few candles)
        for (int i = 0; i < 20 && qty(api.get("/api/v1/bots/" + first, token).json()).signum() == 0; i++) {
            bybit.drive(api, token, "BTCUSDT", 1, Duration.ofSeconds(30));
        }
        Thread.sleep(500); // the entry's fill
        JsonNode before = api.get("/api/v1/bots/" + first, token).json();
        assertTrue("a position to flatten: " + before, qty(before).signum() != 0);

        Api.Reply flattened = api.post("/api/v1/bots/" + first + "/flatten", token, null);
        assertEquals(flattened.toString(), 200, flattened.status());
        assertEquals("PAUSED", flattened.json().path("state").asText());
        api.await("/api/v1/bots/" + first, token, b -> qty(b).signum() == 0 && "PAUSED".equals(b.path("desiredState").asText()),
                Duration.ofSeconds(30), first + " flat");
        assertTrue("the exchange got the closing order, reduce-only", fake.account().orders().stream()
                .anyMatch(o -> o.reduceOnly && o.orderType.equals("Market")));

        Api.Reply halted = api.post("/api/v1/halt", token, "{\"flatten\":true}");
        assertEquals(halted.toString(), 200, halted.status());
        assertEquals(halted.toString(), 3, halted.json().path("bots").size());
        assertEquals("the whole fleet", halted.json().path("halt").path("scope").asText());
        for (String id : ids) {
            api.await("/api/v1/bots/" + id, token, b -> qty(b).signum() == 0 && "PAUSED".equals(b.path("state").asText()),
                    Duration.ofSeconds(30), id + " halted and flat");
        }
        int ordersAtHalt = fake.account().orders().size();
        bybit.drive(api, token, "BTCUSDT", 12, Duration.ofSeconds(30));
        assertEquals("no order reached the exchange while halted", ordersAtHalt, fake.account().orders().size());

        Api.Reply lifted = api.delete("/api/v1/halt", token);
        assertEquals(lifted.toString(), 200, lifted.status());
        api.await("/api/v1/bots/" + ids.get(1), token, b -> "RUNNING".equals(b.path("state").asText()),
                Duration.ofSeconds(10), "back to RUNNING");
        assertEquals("the flattened bot stays PAUSED, as it was asked", "PAUSED",
                api.get("/api/v1/bots/" + first, token).json().path("state").asText());
    }

    private static BigDecimal qty(JsonNode bot) {
        return new BigDecimal(bot.path("position").path("qty").asText("0"));
    }
}
