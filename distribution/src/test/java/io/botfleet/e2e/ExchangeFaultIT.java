package io.botfleet.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.distribution.DistributionProcess;
import io.botfleet.exchange.bybit.fake.FakeBybit;
import io.botfleet.exchange.bybit.fake.Fault;
import java.time.Duration;
import java.util.List;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;

/**
 * Exchange faults at the runtime level: the real distribution, bots on the fake Bybit (three per
 * scenario, each scenario on its own symbol), and the fake injecting what a venue does on a bad
 * day — 5xx bursts, slow answers past the client's timeout, rate limiting, a create executed but
 * its answer lost, public and private stream drops, and an outage long enough to open the
 * account's circuit breaker. After each scenario every bot of the account (those of earlier
 * scenarios too) is checked against the fake's own records ({@link FakeBybitBots#checkAgainstExchange}).
 *
 * <p>One server for the class: the scenarios run in name order, each leaving the fleet healthy for
 * the next. Figures (time from the outage's end to the bots RUNNING) are printed, not asserted.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class ExchangeFaultIT {

    private static final Duration CANDLE = Duration.ofSeconds(30);
    private static final Duration SETTLE = Duration.ofSeconds(90);
    private static final String BURSTS = "SOLUSDT";
    private static final String SLOW = "XRPUSDT";
    private static final String LIMITED = "ADAUSDT";
    private static final String LOST = "DOGEUSDT";
    private static final String STREAMS = "BTCUSDT";
    private static final String OUTAGE = "ETHUSDT";

    private static FakeBybitBots market;
    private static FakeBybit fake;
    private static DistributionProcess server;
    private static Api api;
    private static String admin;

    @BeforeClass
    public static void start() throws Exception {
        fake = FakeBybitBots.fake();
        market = new FakeBybitBots(fake);
        server = DistributionProcess.builder("exchange-fault").withoutEtcFile("bots/demo-sma.json")
                // a short request timeout, so "slow" is 2 s; the other Bybit settings are production's
                .etcFile("io.botfleet.exchange.bybit-fake.cfg", market.accountCfg(2000))
                // a breaker that opens within an outage of seconds and probes every second or two
                .etcFile("io.botfleet.runtime.breaker.cfg", String.join("\n", "failureRateThreshold=50",
                        "slidingWindowSize=10", "minimumNumberOfCalls=6", "waitInOpenStateMillis=1000",
                        "maxWaitInOpenStateMillis=3000", "permittedCallsInHalfOpenState=2", ""))
                .start();
        server.awaitReady(Duration.ofSeconds(90));
        api = new Api(server);
        admin = server.adminToken();
        api.awaitExchange(admin, "bybit", FakeBybitBots.ACCOUNT);
        for (String symbol : List.of(BURSTS, SLOW, LIMITED, LOST, STREAMS, OUTAGE)) {
            market.createBots(api, admin, symbol.toLowerCase().replace("usdt", ""), symbol, 3);
        }
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
    public void fleetHealthyAndNothingLost() {
        fake.endOutage();
        fake.orderLimits(10, 20);
        fake.refusePublicWs(false);
        fake.refusePrivateWs(false);
        market.awaitSettled(api, admin, SETTLE);
        market.checkAgainstExchange(api, admin);
        server.awaitReady(Duration.ofSeconds(30));
    }

    @Test
    public void a_burstsOf5xx() {
        fake.inject("/v5/order/create", Fault.http(503), Fault.http(502), Fault.httpAfterExecute(502));
        fake.inject("/v5/order/realtime", Fault.http(500), Fault.http(503), Fault.http(500));
        fake.inject("/v5/execution/list", Fault.http(502), Fault.http(502));
        market.drive(api, admin, BURSTS, 16, CANDLE);
    }

    @Test
    public void b_slowAnswersPastTheTimeout() {
        fake.inject("/v5/order/create", Fault.delayAfterExecute(3000), Fault.delayAfterExecute(3000));
        fake.inject("/v5/order/realtime", Fault.delayAfterExecute(3000));
        market.drive(api, admin, SLOW, 16, CANDLE);
    }

    @Test
    public void c_rateLimiting() {
        fake.orderLimits(1, 1); // three bots trading on one candle exceed it
        fake.inject("/v5/order/create", Fault.retCode(10006), Fault.retCode(10006));
        fake.inject("/v5/order/realtime", Fault.retCode(10006));
        market.drive(api, admin, LIMITED, 16, CANDLE);
    }

    @Test
    public void d_createExecutedButItsAnswerLost() {
        fake.inject("/v5/order/create", Fault.dropAfterExecute(), Fault.dropAfterExecute(), Fault.dropAfterExecute());
        market.drive(api, admin, LOST, 16, CANDLE);
        assertTrue("the fake executed creates whose answers it dropped",
                fake.log().matching(e -> e.path().equals("/v5/order/create") && e.retCode() == -1).size() >= 3);
    }

    @Test
    public void e_publicAndPrivateStreamDrops() {
        market.drive(api, admin, STREAMS, 4, CANDLE);

        // public stream down while three candles close: they must come from REST, once each
        fake.refusePublicWs(true);
        fake.dropPublicWs();
        FakeBybitBots.awaitTrue("public stream dropped", Duration.ofSeconds(10),
                () -> fake.publicSubscribers("kline.1." + STREAMS) == 0);
        for (int i = 0; i < 3; i++) {
            market.publish(STREAMS);
        }
        fake.refusePublicWs(false);
        FakeBybitBots.awaitStream("public, after refusals", Duration.ofSeconds(60),
                () -> fake.publicSubscribers("kline.1." + STREAMS) > 0);
        market.drive(api, admin, STREAMS, 3, CANDLE);

        // private stream down while bots trade: fills come by REST polling
        fake.refusePrivateWs(true);
        fake.dropPrivateWs();
        market.drive(api, admin, STREAMS, 10, CANDLE);
        fake.refusePrivateWs(false);
        FakeBybitBots.awaitStream("private, after refusals", Duration.ofSeconds(60), () -> fake.privateSubscribers() > 0);
    }

    @Test
    public void f_longOutageOpensTheBreakerBotsSuspendAndResume() {
        long began = System.nanoTime();
        fake.outage(Fault.http(503));
        // one candle at a time, each once the bots have it: the fake's clock moves a minute with
        // every candle, so candles published faster than the bots take them would be minutes old
        // by the exchange's clock on arrival, history rather than traded, and no order would fail
        for (int i = 0; i < 8 && !breakerOpen(); i++) {
            market.publish(OUTAGE);
            FakeBybitBots.awaitTrue("the bots of " + OUTAGE + " processed candle " + market.published(OUTAGE)
                    + " or the breaker OPEN", CANDLE, () -> breakerOpen() || market.processedAll(api, admin, OUTAGE));
        }
        JsonNode account = api.await("/api/v1/exchanges", admin, list -> "OPEN".equals(breaker(list).path("state").asText()),
                Duration.ofSeconds(90), "the breaker of bybit/fake OPEN");
        System.out.printf("[figure] outage start -> breaker OPEN: %d ms%n", (System.nanoTime() - began) / 1_000_000);
        assertEquals(account.toString(), "DOWN", fakeAccount(account).path("status").asText());
        for (String id : market.allBots()) {
            JsonNode bot = api.await("/api/v1/bots/" + id, admin, b -> "SUSPENDED".equals(b.path("state").asText()),
                    Duration.ofSeconds(30), id + " SUSPENDED");
            assertTrue(bot.toString(), bot.path("lastError").asText().contains("circuit breaker OPEN"));
        }
        JsonNode events = api.get("/api/v1/bots/" + market.bots(OUTAGE).get(0) + "/events?limit=50", admin).json();
        assertTrue(events.toString(), events.toString().contains("SUSPENDED: exchange account bybit/fake: circuit breaker OPEN"));
        assertEquals("not ready while an account's breaker is open", 503, status("/health/ready"));
        String metrics = text("/metrics");
        assertTrue(metrics, metrics.contains(
                "botfleet_exchange_circuit_breaker_state{account=\"fake\",exchange=\"bybit\",state=\"OPEN\"} 1"));

        // the bots are suspended: no order reaches the exchange while the breaker is open
        long creates = fake.log().count("/v5/order/create");
        sleep(3000);
        for (int i = 0; i < 3; i++) {
            market.publish(OUTAGE); // closes while the bots wait: they catch up when they resume
        }
        sleep(2000);
        assertEquals("no order sent while suspended", creates, fake.log().count("/v5/order/create"));
        long requests = fake.log().entries().size();
        sleep(2000);
        System.out.printf("[figure] requests to the fake in 2 s while OPEN: %d%n", fake.log().entries().size() - requests);

        long ended = System.nanoTime();
        fake.endOutage();
        for (String id : market.allBots()) {
            api.await("/api/v1/bots/" + id, admin, b -> "RUNNING".equals(b.path("state").asText()),
                    Duration.ofSeconds(60), id + " RUNNING again");
        }
        System.out.printf("[figure] outage end -> all %d bots RUNNING: %d ms%n", market.allBots().size(),
                (System.nanoTime() - ended) / 1_000_000);
        JsonNode after = fakeAccount(api.get("/api/v1/exchanges", admin).json());
        assertEquals(after.toString(), "CLOSED", after.path("breaker").path("state").asText());
        assertTrue(after.toString(), after.path("breaker").path("openedTotal").asLong() >= 1);
        JsonNode resumed = api.get("/api/v1/bots/" + market.bots(OUTAGE).get(0) + "/events?limit=50", admin).json();
        assertTrue(resumed.toString(), resumed.toString().contains("bybit/fake: circuit breaker closed; resuming"));
        market.drive(api, admin, OUTAGE, 6, CANDLE);
    }

    private static JsonNode fakeAccount(JsonNode list) {
        for (JsonNode e : list) {
            if ("bybit".equals(e.path("id").asText()) && FakeBybitBots.ACCOUNT.equals(e.path("account").asText())) {
                return e;
            }
        }
        throw new AssertionError("no bybit/fake in " + list);
    }

    private static boolean breakerOpen() {
        return "OPEN".equals(breaker(api.get("/api/v1/exchanges", admin).json()).path("state").asText());
    }

    private static JsonNode breaker(JsonNode list) {
        return fakeAccount(list).path("breaker");
    }

    private static int status(String path) {
        try {
            return server.get(path).statusCode();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String text(String path) {
        try {
            return server.get(path).body();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
