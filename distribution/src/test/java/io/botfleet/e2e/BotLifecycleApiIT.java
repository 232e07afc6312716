package io.botfleet.e2e;

import static io.botfleet.e2e.Api.assertProblem;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.distribution.DistributionProcess;
import java.time.Duration;
import java.time.Instant;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * A bot's whole life over HTTP only, on a paper account of its own: create, start, pause,
 * resume, stop, delete; its orders, fills, events and candles; and every refused transition
 * answered 409 with a reason.
 */
public class BotLifecycleApiIT {

    private static final String ACCOUNT = "e2e";
    private static DistributionProcess server;
    private static Api api;
    private static String admin;
    private static String operator;

    @BeforeClass
    public static void start() throws Exception {
        server = DistributionProcess.builder("api-lifecycle")
                // a fast synthetic market so that a bot with short averages trades within seconds
                .etcFile("io.botfleet.exchange.paper-" + ACCOUNT + ".cfg", String.join("\n",
                        "account=" + ACCOUNT, "synthetic.symbol=BTCUSDT", "synthetic.interval=1m",
                        "synthetic.seed=7", "synthetic.startPrice=60000", "synthetic.tickSize=0.01",
                        "synthetic.volatility=0.002", "synthetic.speed=1200", "balance.USDT=100000",
                        "instrument.BTCUSDT.qtyStep=0.001", "instrument.BTCUSDT.minQty=0.001",
                        "instrument.BTCUSDT.baseCoin=BTC", "instrument.BTCUSDT.quoteCoin=USDT", ""))
                .start();
        server.awaitLive(Duration.ofSeconds(60));
        api = new Api(server);
        admin = server.adminToken();
        api.await("/api/v1/exchanges", admin, a -> find(a, ACCOUNT) != null
                && "UP".equals(find(a, ACCOUNT).path("status").asText()), Duration.ofSeconds(60), "paper/e2e UP");
        operator = api.token(admin, "e2e-operator", "operator");
    }

    @AfterClass
    public static void stop() {
        if (server != null) {
            server.terminate();
            server.awaitExit(Duration.ofSeconds(30));
            server.close();
        }
    }

    private static JsonNode find(JsonNode exchanges, String account) {
        for (JsonNode e : exchanges) {
            if ("paper".equals(e.path("id").asText()) && account.equals(e.path("account").asText())) {
                return e;
            }
        }
        return null;
    }

    private static JsonNode awaitState(String id, String state) {
        return api.await("/api/v1/bots/" + id, admin, b -> state.equals(b.path("state").asText()),
                Duration.ofSeconds(30), id + " " + state);
    }

    private static void refused(String verb, String id) {
        JsonNode p = assertProblem(api.post("/api/v1/bots/" + id + "/" + verb, operator, null), 409);
        assertTrue("the reason names the state: " + p, p.path("detail").asText().matches(".*[A-Z]{4,}.*"));
    }

    @Test
    public void aBotsWholeLife() {
        String id = "e2e-life";
        Api.Reply created = api.post("/api/v1/bots", admin, Api.botJson(id, ACCOUNT, false));
        assertEquals(created.toString(), 201, created.status());
        assertEquals("/api/v1/bots/" + id, created.header("Location"));
        JsonNode bot = created.json();
        assertEquals("CREATED", bot.path("state").asText());
        assertEquals("sma-crossover", bot.path("strategy").path("id").asText());
        assertEquals("paper", bot.path("exchange").path("id").asText());
        assertEquals("1m", bot.path("interval").asText());
        assertTrue(bot.path("position").path("qty").isTextual());
        assertTrue(bot.path("counters").path("candles").isIntegralNumber());
        Instant.parse(bot.path("updatedAt").asText());

        assertProblem(api.post("/api/v1/bots", admin, Api.botJson(id, ACCOUNT, false)), 409);
        refused("pause", id);
        refused("resume", id);

        bot = api.post("/api/v1/bots/" + id + "/start", operator, null).json();
        assertTrue(bot.toString(), bot.path("state").asText().matches("STARTING|RUNNING"));
        awaitState(id, "RUNNING");
        refused("start", id);
        refused("resume", id);

        // trading: the synthetic walk crosses the short averages within seconds
        JsonNode traded = api.await("/api/v1/bots/" + id, admin,
                b -> b.path("counters").path("fills").asLong() > 0, Duration.ofSeconds(60), "a fill");
        assertTrue(traded.path("counters").path("candles").asLong() > 0);
        assertTrue(traded.path("counters").path("orders").asLong() > 0);
        Instant.parse(traded.path("lastCandleTime").asText());

        JsonNode orders = api.get("/api/v1/bots/" + id + "/orders?status=all&limit=1000", operator).json();
        assertTrue(orders.isArray() && orders.size() > 0);
        JsonNode order = orders.get(0);
        for (String field : new String[] {"clientOrderId", "symbol", "side", "type", "qty", "status", "filledQty", "createdAt", "updatedAt"}) {
            assertTrue(field + " in " + order, order.hasNonNull(field));
        }
        assertTrue(order.path("qty").isTextual());
        assertTrue(order.path("side").asText().matches("BUY|SELL"));
        assertEquals(200, api.get("/api/v1/bots/" + id + "/orders?status=open", operator).status());

        JsonNode fills = api.get("/api/v1/bots/" + id + "/fills?limit=5", operator).json();
        assertTrue(fills.isArray() && fills.size() > 0 && fills.size() <= 5);
        JsonNode fill = fills.get(0);
        for (String field : new String[] {"execId", "clientOrderId", "qty", "price", "fee", "time"}) {
            assertTrue(field + " in " + fill, fill.has(field));
        }
        assertTrue(fill.path("price").isTextual());
        Instant.parse(fill.path("time").asText());

        JsonNode candles = api.get("/api/v1/bots/" + id + "/candles?limit=3", operator).json();
        assertTrue(candles.isArray() && candles.size() > 0 && candles.size() <= 3);
        assertTrue(candles.get(0).path("close").isTextual());
        if (candles.size() > 1) {
            assertTrue("oldest first", Instant.parse(candles.get(0).path("openTime").asText())
                    .isBefore(Instant.parse(candles.get(1).path("openTime").asText())));
        }
        assertTrue(api.get("/api/v1/bots/" + id + "/strategy/history", operator).json().isArray());

        bot = api.post("/api/v1/bots/" + id + "/pause", operator, null).json();
        assertTrue(bot.toString(), bot.path("state").asText().matches("PAUSED|RUNNING"));
        awaitState(id, "PAUSED");
        refused("pause", id);
        refused("start", id);
        assertProblem(api.delete("/api/v1/bots/" + id, admin), 409);

        assertEquals(200, api.post("/api/v1/bots/" + id + "/resume", operator, null).status());
        awaitState(id, "RUNNING");
        Api.Reply patched = api.patch("/api/v1/bots/" + id, admin, "{\"risk\":{\"orderQty\":\"0.02\"}}");
        assertEquals(patched.toString(), 200, patched.status());

        assertEquals(200, api.post("/api/v1/bots/" + id + "/stop", operator, null).status());
        awaitState(id, "STOPPED");
        refused("stop", id);
        refused("pause", id);
        refused("resume", id);

        JsonNode events = api.get("/api/v1/bots/" + id + "/events?limit=1000", operator).json();
        boolean auditedStart = false;
        for (JsonNode e : events) {
            Instant.parse(e.path("time").asText());
            if ("AUDIT".equals(e.path("type").asText()) && e.path("message").asText().contains("e2e-operator")
                    && e.path("message").asText().contains("/start")) {
                auditedStart = true;
            }
        }
        assertTrue("the operator's start is in the bot's events: " + events, auditedStart);

        Api.Reply deleted = api.delete("/api/v1/bots/" + id, admin);
        assertTrue(deleted.toString(), deleted.status() == 204 || deleted.status() == 200);
        assertProblem(api.get("/api/v1/bots/" + id, admin), 404);
        assertProblem(api.post("/api/v1/bots/" + id + "/start", operator, null), 404);
        for (JsonNode b : api.get("/api/v1/bots", admin).json()) {
            assertFalse(id.equals(b.path("id").asText()));
        }
    }

    @Test
    public void autoStartAndListing() {
        String id = "e2e-auto";
        Api.Reply created = api.post("/api/v1/bots", admin, Api.botJson(id, ACCOUNT, true));
        assertEquals(created.toString(), 201, created.status());
        awaitState(id, "RUNNING");
        boolean listed = false;
        for (JsonNode b : api.get("/api/v1/bots", operator).json()) {
            listed |= id.equals(b.path("id").asText());
        }
        assertTrue(listed);
        JsonNode strategies = api.get("/api/v1/strategies", operator).json();
        JsonNode sma = null;
        for (JsonNode s : strategies) {
            if ("sma-crossover".equals(s.path("id").asText())) {
                sma = s;
            }
        }
        assertNotNull(strategies.toString(), sma);
        assertEquals("1.0.0", sma.path("versions").get(0).path("version").asText());
        assertTrue(sma.path("versions").get(0).path("bots").toString().contains(id));
        assertEquals(200, api.post("/api/v1/bots/" + id + "/stop", operator, null).status());
        awaitState(id, "STOPPED");
        assertEquals(204, api.delete("/api/v1/bots/" + id, admin).status());
    }

    @Test
    public void metricsAreServedWithoutToken() {
        Api.Reply metrics = api.get("/metrics", null);
        assertEquals(200, metrics.status());
        assertTrue(metrics.contentType(), metrics.contentType().startsWith("text/plain"));
        assertTrue(metrics.body().contains("# TYPE botfleet_bots gauge"));
        assertTrue(metrics.body().contains("botfleet_event_processing_seconds_bucket"));
        assertTrue(metrics.body().contains("jvm_memory_used_bytes"));
    }
}
