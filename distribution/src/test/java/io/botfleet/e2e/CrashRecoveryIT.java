package io.botfleet.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.distribution.DistributionProcess;
import io.botfleet.exchange.bybit.fake.FakeBybit;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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
    /** Fewer than a day of 1m candles: all of them closed by the fake's clock (see FakeBybitBots). */
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
        Path data = dataFile();
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
        bybit.startMarket();
        feeder = Executors.newSingleThreadScheduledExecutor();
        feeder.scheduleAtFixedRate(() -> {
            // live candles (the server is up and subscribed) are traded, so orders are in flight at the
            // kills; candles published just before a kill come from REST after the restart
            if (bybit.published(BYBIT_SYMBOL) < BYBIT_MAX_CANDLES
                    && fake.publicSubscribers("kline.1." + BYBIT_SYMBOL) > 0) {
                bybit.publish(BYBIT_SYMBOL);
            }
        }, 0, BYBIT_CANDLE_MILLIS, TimeUnit.MILLISECONDS);

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
            checkBot(id, statuses.get(id), orders.get(id), fills.get(id),
                    ExchangeRecords.read(home.resolve("data/paper/crash" + i + "/journal.log")));
        }
    }

    private static void checkBot(String id, JsonNode status, JsonNode orders, JsonNode fills, ExchangeRecords exchange) {
        assertTrue(id + ": under the API limit", orders.size() < 1000 && fills.size() < 1000);
        assertEquals(id + " desired state", "RUNNING", status.path("desiredState").asText());
        Set<String> clientIds = new HashSet<>();
        Map<String, BigDecimal> filledByOrder = new HashMap<>();
        for (JsonNode order : orders) {
            String cid = order.path("clientOrderId").asText();
            assertTrue(id + ": one journal entry per client order id " + cid, clientIds.add(cid));
            String state = order.path("status").asText();
            assertFalse(id + ": nothing left in flight: " + order, state.equals("PENDING_SEND"));
            if (state.equals("NOT_SENT")) {
                assertFalse(id + ": a NOT_SENT order never reached the exchange: " + cid, exchange.placed.containsKey(cid));
            } else {
                assertTrue(id + ": the exchange has " + cid, exchange.placed.containsKey(cid));
            }
        }
        for (Map.Entry<String, Integer> placed : exchange.placed.entrySet()) {
            assertEquals(id + ": the exchange received " + placed.getKey() + " once", 1, (int) placed.getValue());
            assertTrue(id + ": the bot knows the exchange's order " + placed.getKey(), clientIds.contains(placed.getKey()));
        }
        // A rejection (only balance can refuse here) would mean the bot acted on a position the
        // exchange had already changed: recovery must settle orders before the bot goes live.
        assertEquals(id + ": the exchange refused nothing", List.of(), exchange.rejections);
        Set<String> execIds = new HashSet<>();
        BigDecimal position = BigDecimal.ZERO;
        for (JsonNode fill : fills) {
            String exec = fill.path("execId").asText();
            assertTrue(id + ": fill " + exec + " applied once", execIds.add(exec));
            BigDecimal qty = new BigDecimal(fill.path("qty").asText());
            position = position.add(fill.path("side").asText().equals("BUY") ? qty : qty.negate());
            filledByOrder.merge(fill.path("clientOrderId").asText(), qty, BigDecimal::add);
        }
        assertEquals(id + ": every execution of the exchange is a fill of the bot", exchange.executions, execIds);
        assertEquals(id + ": position = sum of fills", 0,
                position.compareTo(new BigDecimal(status.path("position").path("qty").asText())));
        for (JsonNode order : orders) {
            if (order.path("status").asText().equals("FILLED")) {
                assertEquals(id + ": filled quantity of " + order, 0, new BigDecimal(order.path("qty").asText())
                        .compareTo(filledByOrder.getOrDefault(order.path("clientOrderId").asText(), BigDecimal.ZERO)));
            }
        }
        assertEquals(id + ": fills counter", fills.size(), status.path("counters").path("fills").asLong());
    }

    /** The paper account's own records: orders it accepted (by client order id) and executions. */
    private static final class ExchangeRecords {
        final Map<String, Integer> placed = new HashMap<>();
        final Set<String> executions = new HashSet<>();
        final List<String> rejections = new java.util.ArrayList<>();

        static ExchangeRecords read(Path journal) throws IOException {
            ExchangeRecords records = new ExchangeRecords();
            for (String line : Files.readAllLines(journal)) {
                Map<String, String> fields = fields(line);
                if (line.startsWith("NEW ") || line.startsWith("REJECTED ")) {
                    records.placed.merge(fields.get("cid"), 1, Integer::sum);
                    if (line.startsWith("REJECTED ")) {
                        records.rejections.add(line);
                    }
                } else if (line.startsWith("FILL ")) {
                    records.executions.add(fields.get("exec"));
                }
            }
            return records;
        }

        private static Map<String, String> fields(String line) {
            Map<String, String> fields = new HashMap<>();
            for (String part : List.of(line.split(" "))) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    fields.put(part.substring(0, eq), part.substring(eq + 1));
                }
            }
            return fields;
        }
    }

    private static Path dataFile() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data/UNITTEST_BTC-1m.csv");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/data above " + Path.of("").toAbsolutePath());
    }
}
