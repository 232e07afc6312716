package io.botfleet.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.distribution.DistributionProcess;
import io.botfleet.exchange.bybit.fake.FakeBybit;
import io.botfleet.exchange.bybit.fake.FakeMarket;
import io.botfleet.exchange.bybit.fake.Fault;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;

/**
 * Orders are never given up on: bots of the real distribution on the fake Bybit, which lists new
 * orders only when the test says so ({@code unlistNewOrders}), as a venue that lists them with a
 * delay, and drops the answer of the create. The adapter's look-ups find nothing, its resend is
 * refused as a duplicate (which proves the order landed), and the bot keeps the order unresolved
 * (never REJECTED, never NOT_SENT on an empty look-up), visible in its status, its events and
 * {@code /metrics}, until the order is listed and settles with its fill. A stop-loss still goes
 * out while an order on its side is unresolved.
 *
 * <p>Bots run SMA 1/2 (a cross up is a close above the one before) on candles the test pushes.
 * The NOT_SENT grace is set to a minute here, so that an order stays unresolved for as long as
 * the test looks at it (the adapter's own look-ups take about 8 s of the default 10 s).
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class UnresolvedOrdersIT {

    private static final String CREATE = "/v5/order/create";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long STEP = 60_000;

    private static FakeBybit fake;
    private static DistributionProcess server;
    private static Api api;
    private static String admin;
    private static final Map<String, Integer> published = new HashMap<>();
    private static long firstOpen;

    @BeforeClass
    public static void start() throws Exception {
        fake = FakeBybit.start();
        server = DistributionProcess.builder("unresolved-orders").withoutEtcFile("bots/demo-sma.json")
                .etcFile("io.botfleet.exchange.bybit-fake.cfg", String.join("\n", "account=fake",
                        "apiKey=" + FakeBybit.KEY, "apiSecret=" + FakeBybit.SECRET, "category=linear",
                        "restUrl=" + fake.restUrl(), "wsPublicUrl=" + fake.wsPublicUrl("linear"),
                        "wsPrivateUrl=" + fake.wsPrivateUrl(), ""))
                .etcFile("io.botfleet.runtime.cfg", "orderNotSentGraceMillis=60000\n")
                .start();
        server.awaitReady(Duration.ofSeconds(90));
        api = new Api(server);
        admin = server.adminToken();
        api.awaitExchange(admin, "bybit", "fake");
        createBot("unlisted", "BTCUSDT", "");
        createBot("protected", "ETHUSDT", ",\"stopLossPct\":\"2\"");
        // the stream owes a new subscriber the candles from the one forming now on
        firstOpen = Math.floorDiv(fake.now(), STEP) * STEP;
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

    @After
    public void everyOrderListed() {
        fake.account().unlistNewOrders(false);
        fake.account().listAll();
    }

    private static void createBot(String id, String symbol, String moreRisk) {
        fake.market().lastPrice(symbol, new BigDecimal("30000"));
        Api.Reply created = api.post("/api/v1/bots", admin, "{\"id\":\"" + id + "\",\"strategy\":{\"id\":"
                + "\"sma-crossover\",\"version\":\"1.0.0\",\"params\":{\"fast\":1,\"slow\":2}},\"exchange\":"
                + "{\"id\":\"bybit\",\"account\":\"fake\"},\"symbol\":\"" + symbol + "\",\"interval\":\"1m\","
                + "\"risk\":{\"orderQty\":\"0.001\"" + moreRisk + "},\"autoStart\":true}");
        assertEquals(created.toString(), 201, created.status());
        api.await("/api/v1/bots/" + id, admin, b -> "RUNNING".equals(b.path("state").asText()), WAIT, id + " RUNNING");
        FakeBybitBots.awaitTrue("kline subscription of " + symbol, WAIT,
                () -> fake.publicSubscribers("kline.1." + symbol) > 0);
    }

    /** Publishes the next closed candle of {@code symbol} and waits until the bot has processed it. */
    private static void candle(String bot, String symbol, String close) {
        int i = published.merge(symbol, 1, Integer::sum);
        FakeMarket.Kline kline = FakeMarket.kline(firstOpen + (i - 1) * STEP, close);
        fake.market().lastPrice(symbol, new BigDecimal(close));
        fake.market().addKline(symbol, "1", kline);
        fake.pushKline(symbol, "1", kline, true);
        api.await("/api/v1/bots/" + bot, admin, b -> b.path("counters").path("candles").asLong() >= i, WAIT,
                bot + " processed candle " + i);
    }

    private static JsonNode awaitBot(String bot, String what, java.util.function.Predicate<JsonNode> condition) {
        return api.await("/api/v1/bots/" + bot, admin, condition, WAIT, bot + ": " + what);
    }

    private static JsonNode onlyOpenOrder(String bot) {
        JsonNode open = api.get("/api/v1/bots/" + bot + "/orders?status=open", admin).json();
        assertEquals(open.toString(), 1, open.size());
        return open.get(0);
    }

    private static String events(String bot) {
        return api.get("/api/v1/bots/" + bot + "/events?limit=200", admin).json().toString();
    }

    private static long lookUpsOf(String clientOrderId) {
        return fake.log().matching(e -> e.path().equals("/v5/order/realtime")
                && e.query().contains("orderLinkId=" + clientOrderId)).size();
    }

    private static void assertUnresolvedMetric(int n) {
        String metrics = api.get("/metrics", null).body();
        assertTrue(metrics, metrics.contains("botfleet_orders_unresolved " + n));
    }

    /** The bot's fills are the fake's executions of its orders, each once, and its position their sum. */
    private static void assertLedgerMatchesExchange(String bot) {
        JsonNode status = api.get("/api/v1/bots/" + bot, admin).json();
        JsonNode fills = api.get("/api/v1/bots/" + bot + "/fills?limit=100", admin).json();
        BigDecimal position = BigDecimal.ZERO;
        for (JsonNode fill : fills) {
            BigDecimal qty = new BigDecimal(fill.path("qty").asText());
            position = position.add(fill.path("side").asText().equals("BUY") ? qty : qty.negate());
        }
        assertEquals(status.toString(), 0, position.compareTo(new BigDecimal(status.path("position").path("qty").asText())));
        for (JsonNode order : api.get("/api/v1/bots/" + bot + "/orders?status=all&limit=100", admin).json()) {
            String id = order.path("clientOrderId").asText();
            long created = fake.account().ordersWithLinkId(id);
            assertTrue(order.toString(), created <= 1);
            if (order.path("status").asText().equals("FILLED")) {
                assertEquals(order.toString(), 1, created);
            }
        }
    }

    @Test
    public void a_anOrderThatLandedUnlistedStaysUnresolvedUntilListedNeverRejected() {
        candle("unlisted", "BTCUSDT", "30000");
        candle("unlisted", "BTCUSDT", "30000");
        fake.account().unlistNewOrders(true);
        fake.inject(CREATE, Fault.dropAfterExecute());
        candle("unlisted", "BTCUSDT", "30300"); // cross up: a buy

        JsonNode status = awaitBot("unlisted", "one unresolved order", b -> b.path("unresolvedOrders").asInt() == 1);
        assertEquals("never REJECTED: " + status, 0, status.path("counters").path("rejected").asLong());
        JsonNode order = onlyOpenOrder("unlisted");
        String id = order.path("clientOrderId").asText();
        assertEquals(order.toString(), "PENDING_SEND", order.path("status").asText());
        assertEquals("the create landed once, then its resend was refused as a duplicate", List.of(-1, 110072),
                fake.log().matching(e -> e.path().equals(CREATE) && e.body().contains(id))
                        .stream().map(e -> e.retCode()).toList());
        assertEquals(1, fake.account().ordersWithLinkId(id));
        assertUnresolvedMetric(1);
        String events = events("unlisted");
        assertTrue(events, events.contains("order " + id + " unresolved"));
        assertFalse(events, events.contains("rejected"));

        // empty look-ups go on (with backoff) and prove nothing within the grace period
        long lookUps = lookUpsOf(id);
        FakeBybitBots.awaitTrue("two more look-ups of " + id, WAIT, () -> lookUpsOf(id) >= lookUps + 2);
        order = onlyOpenOrder("unlisted");
        assertEquals("an empty look-up is no proof: " + order, "PENDING_SEND", order.path("status").asText());
        assertEquals(1, api.get("/api/v1/bots/unlisted", admin).json().path("unresolvedOrders").asInt());

        fake.account().unlistNewOrders(false);
        fake.account().listAll();
        status = awaitBot("unlisted", "the order settled with its fill", b -> b.path("unresolvedOrders").asInt() == 0
                && b.path("counters").path("fills").asLong() == 1);
        JsonNode settled = api.get("/api/v1/bots/unlisted/orders?status=all", admin).json();
        assertEquals(settled.toString(), 1, settled.size());
        assertEquals(settled.toString(), "FILLED", settled.get(0).path("status").asText());
        assertEquals(0, new BigDecimal("0.001").compareTo(new BigDecimal(status.path("position").path("qty").asText())));
        assertEquals(0, status.path("counters").path("rejected").asLong());
        assertUnresolvedMetric(0);
        assertLedgerMatchesExchange("unlisted");
    }

    @Test
    public void b_aStopLossGoesOutWhileAnOrderOnItsSideIsUnresolved() {
        candle("protected", "ETHUSDT", "30000");
        candle("protected", "ETHUSDT", "30000");
        candle("protected", "ETHUSDT", "30300"); // cross up: long 0.001 at 30300, stop-loss at 29694
        awaitBot("protected", "long", b -> b.path("counters").path("fills").asLong() == 1);

        fake.account().unlistNewOrders(true);
        fake.inject(CREATE, Fault.dropAfterExecute());
        candle("protected", "ETHUSDT", "30200"); // cross down: the strategy's exit, a sell
        awaitBot("protected", "its exit unresolved", b -> b.path("unresolvedOrders").asInt() == 1);
        String exitId = onlyOpenOrder("protected").path("clientOrderId").asText();
        long creates = fake.log().count(CREATE);

        candle("protected", "ETHUSDT", "29500"); // stop-loss hit while the exit is unresolved
        FakeBybitBots.awaitTrue("the stop-loss reached the exchange", WAIT, () -> fake.log().count(CREATE) > creates);
        String events = events("protected");
        assertFalse("a protective exit is never held back by an unresolved order: " + events,
                events.contains("an exit order is still open"));
        // the unlisted exit had closed the position on the exchange: Bybit refuses the reduce-only
        // stop-loss, which therefore never adds risk
        assertEquals(110017, fake.log().matching(e -> e.path().equals(CREATE)).get((int) creates).retCode());

        fake.account().unlistNewOrders(false);
        fake.account().listAll();
        JsonNode status = awaitBot("protected", "the exit settled", b -> b.path("unresolvedOrders").asInt() == 0
                && b.path("counters").path("fills").asLong() == 2);
        assertEquals(0, new BigDecimal(status.path("position").path("qty").asText()).signum());
        JsonNode exit = api.get("/api/v1/bots/protected/orders?status=all", admin).json();
        boolean exitFilled = false;
        for (JsonNode o : exit) {
            exitFilled |= o.path("clientOrderId").asText().equals(exitId) && o.path("status").asText().equals("FILLED");
        }
        assertTrue(exit.toString(), exitFilled);
        assertLedgerMatchesExchange("protected");
    }
}
