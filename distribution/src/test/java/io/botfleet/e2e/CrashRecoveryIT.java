package io.botfleet.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.distribution.DistributionProcess;
import io.botfleet.exchange.bybit.fake.FakeBybit;
import io.botfleet.testdata.CandleFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Test;

/**
 * Crash recovery proven by killing the real server with SIGKILL at random moments while its bots
 * trade (a full-speed replay, an order at every crossover), restarting it on the same home each
 * time, and checking at the end, from the bots' journal (over the API) and from the exchange's own
 * records (the paper account's journal file): no order sent twice, no fill lost or applied twice,
 * every order the exchange has is known to its bot, every position the sum of its fills, every
 * candle of the file processed, every bot back in its desired state.
 *
 * <p>Bots on the fake Bybit trade alongside: the fake runs in this JVM, so it survives the kills
 * (each restarted server reconnects to it on the same ports) while a feeder publishes a candle
 * every {@value #BYBIT_CANDLE_MILLIS} ms whenever a server is subscribed, so the bots trade up to
 * the kills. The same end checks run against the fake's own records.
 */
public class CrashRecoveryIT {

    private static final int BOTS = 3;
    private static final int KILLS = 20;
    private static final int FILE_CANDLES = 13_681;
    private static final int BYBIT_BOTS = 3;
    private static final String BYBIT_SYMBOL = "BTCUSDT";
    private static final long BYBIT_CANDLE_MILLIS = 40;
    /** Bybit candles published at most (the fake's clock follows them, see FakeBybitBots). */
    private static final int BYBIT_MAX_CANDLES = 1_200;
    private DistributionProcess server;
    private FakeBybit fake;
    private ScheduledExecutorService feeder;

    @After
    public void stop() {
        if (feeder != null) {
            feeder.shutdownNow();
        }
        if (server != null) {
            server.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    @Test
    public void sigkillWhileTradingLosesAndDuplicatesNothing() throws Exception {
        Path data = CandleFiles.path(CandleFiles.UNITTEST_BTC);
        fake = FakeBybitBots.fake();
        FakeBybitBots bybit = new FakeBybitBots(fake);
        DistributionProcess.Builder first = DistributionProcess.builder("crash").withoutEtcFile("bots/demo-sma.json")
                .etcFile("io.botfleet.exchange.bybit-fake.cfg", bybit.accountCfg(5000));
        for (int i = 0; i < BOTS; i++) {
            first.etcFile("io.botfleet.exchange.paper-crash" + i + ".cfg", "replay.file=" + data
                    + "\nreplay.symbol=UNITTESTBTC\nreplay.interval=1m\nreplay.speed=0\nbalance.BTC=1000000\n");
        }
        server = first.start();
        server.awaitReady(Duration.ofSeconds(90));
        Path home = server.home();
        String token = server.adminToken();
        Api api = new Api(server);
        for (int i = 0; i < BOTS; i++) {
            Api.Reply created = api.post("/api/v1/bots", token, "{\"id\":\"crash-" + i + "\",\"strategy\":{\"id\":\"sma-crossover\","
                    + "\"version\":\"1.0.0\",\"params\":{\"fast\":" + (10 + 2 * i) + ",\"slow\":" + (30 + 6 * i) + "}},"
                    + "\"exchange\":{\"id\":\"paper\",\"account\":\"crash" + i + "\"},\"symbol\":\"UNITTESTBTC\","
                    + "\"interval\":\"1m\",\"risk\":{\"orderQty\":\"1\"},\"autoStart\":true}");
            assertEquals(created.toString(), 201, created.status());
        }
        api.awaitExchange(token, "bybit", FakeBybitBots.ACCOUNT);
        bybit.createBots(api, token, "crash-bybit", BYBIT_SYMBOL, BYBIT_BOTS);
        // one candle committed before the kills: every restart then resumes from it and gets the
        // candles published meanwhile from REST (a bot with no candle yet owes only the forming one)
        bybit.drive(api, token, BYBIT_SYMBOL, 1, Duration.ofSeconds(30));
        feeder = Executors.newSingleThreadScheduledExecutor();
        feeder.scheduleAtFixedRate(() -> {
            // live candles (the server is up and subscribed) are traded, so orders are in flight at the
            // kills; candles published just before a kill come from REST after the restart
            if (bybit.published(BYBIT_SYMBOL) < BYBIT_MAX_CANDLES
                    && fake.publicSubscribers("kline.1." + BYBIT_SYMBOL) > 0) {
                bybit.publish(BYBIT_SYMBOL);
            }
        }, 0, BYBIT_CANDLE_MILLIS, TimeUnit.MILLISECONDS);

        // A bot killed before it committed its first candle restarts owing only candles from
        // "now" on, and the market's candles are of the past day (FakeBybitBots' clock): it would
        // never get one. So the kills start once every Bybit bot has processed a first candle.
        for (String id : bybit.bots(BYBIT_SYMBOL)) {
            api.await("/api/v1/bots/" + id, token, b -> b.path("counters").path("candles").asLong() >= 1,
                    Duration.ofSeconds(60), id + " processed its first candle");
        }
        Random random = new Random(20261128);
        for (int kill = 0; kill < KILLS; kill++) {
            Thread.sleep(150 + random.nextInt(900));
            server.kill();
            server.awaitExit(Duration.ofSeconds(30));
            server = DistributionProcess.builder("crash").home(home).env("BOTFLEET_ADMIN_TOKEN", token).start();
            server.awaitReady(Duration.ofSeconds(90));
        }
        api = new Api(server);
        feeder.shutdown();
        assertTrue(feeder.awaitTermination(10, TimeUnit.SECONDS));
        System.out.printf("[figure] %d kills; %d Bybit candles published, %d Bybit orders, %d executions%n", KILLS,
                bybit.published(BYBIT_SYMBOL), fake.account().orders().size(), fake.account().executions().size());
        bybit.awaitSettled(api, token, Duration.ofMinutes(2));
        bybit.checkAgainstExchange(api, token);
        int settledAtStart = 0;
        for (String id : bybit.allBots()) {
            for (JsonNode event : api.get("/api/v1/bots/" + id + "/events?limit=1000", token).json()) {
                String message = event.path("message").asText();
                if (message.contains("found on the exchange") || message.contains("never reached the exchange")) {
                    settledAtStart++;
                }
            }
        }
        System.out.printf("[figure] Bybit orders in flight at a kill, settled by client order id at a restart: %d%n",
                settledAtStart);
        for (int i = 0; i < BOTS; i++) {
            String id = "crash-" + i;
            api.await("/api/v1/bots/" + id, token, b -> b.path("counters").path("candles").asLong() == FILE_CANDLES
                    && "RUNNING".equals(b.path("state").asText()), Duration.ofMinutes(3), id + " through the whole file");
        }
        Thread.sleep(1_000); // acknowledgements of the last orders
        Map<String, JsonNode> statuses = new HashMap<>();
        Map<String, JsonNode> orders = new HashMap<>();
        Map<String, JsonNode> fills = new HashMap<>();
        for (int i = 0; i < BOTS; i++) {
            String id = "crash-" + i;
            statuses.put(id, api.get("/api/v1/bots/" + id, token).json());
            orders.put(id, api.get("/api/v1/bots/" + id + "/orders?status=all&limit=1000", token).json());
            fills.put(id, api.get("/api/v1/bots/" + id + "/fills?limit=1000", token).json());
        }
        server.terminate();
        assertEquals(0, server.awaitExit(Duration.ofSeconds(30)));

        for (int i = 0; i < BOTS; i++) {
            String id = "crash-" + i;
            assertEquals(id + " desired state", "RUNNING", statuses.get(id).path("desiredState").asText());
            TradingLedger.check(id, statuses.get(id), orders.get(id), fills.get(id),
                    home.resolve("data/paper/crash" + i + "/journal.log"));
        }
    }
}
