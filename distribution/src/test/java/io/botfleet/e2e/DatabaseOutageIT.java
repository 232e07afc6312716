package io.botfleet.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.distribution.DistributionProcess;
import io.botfleet.testdata.CandleFiles;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The database going away while bots trade, on the real server against PostgreSQL through a
 * {@link CuttableProxy}: paper bots replay a real candle file fast, and the proxy is cut three
 * times and restored each time: at an arbitrary point, then at the commit of an order intent,
 * then at the commit of a fill (those two commit on the server but their answers are lost, so the
 * journal cannot know they were written). During a cut readiness must be 503 naming persistence;
 * afterwards every bot must come back RUNNING by itself (no operator, and not through the
 * watchdog, which is allowed a single restart here) and, checked against the paper exchange's own
 * journal: every candle processed exactly once, no client order id sent twice, every exchange
 * order known to its bot, every fill applied once, position = sum of fills, nothing PENDING_SEND.
 *
 * <p>Figures (cut to 503, restore to 200, restore to every bot RUNNING) are printed, not asserted.
 */
public class DatabaseOutageIT {

    private static final int BOTS = 3;
    private static final int FILE_CANDLES = 13_681;
    /** Replay pace: one 1-minute candle every 2 ms, so the file lasts about 30 s of trading. */
    private static final String SPEED = "30000";
    /** Short, so that a silent database (outage 4) is noticed well within the outage. */
    private static final int SOCKET_TIMEOUT_SECONDS = 3;

    private TestPostgres postgres;
    private CuttableProxy proxy;
    private DistributionProcess server;
    private Api api;
    private String token;

    @Before
    public void database() throws Exception {
        postgres = TestPostgres.required();
        postgres.createSchema();
        proxy = new CuttableProxy(postgres.host(), postgres.port());
    }

    @After
    public void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (postgres != null) {
            postgres.dropSchema();
        }
    }

    @Test
    public void botsSitOutDatabaseOutagesAndComeBackLosingAndDuplicatingNothing() throws Exception {
        Path data = CandleFiles.path(CandleFiles.UNITTEST_BTC);
        DistributionProcess.Builder builder = DistributionProcess.builder("dbout").withoutEtcFile("bots/demo-sma.json")
                .etcFile("io.botfleet.persistence.cfg", "jdbcUrl=" + postgres.urlThrough(proxy.port())
                        + "&socketTimeout=" + SOCKET_TIMEOUT_SECONDS + "\n")
                // A watchdog that gives up after one restart: outages must not be its business.
                .etcFile("io.botfleet.runtime.cfg", "maxRestarts=1\nrestartBackoffMillis=500\n");
        for (int i = 0; i < BOTS; i++) {
            builder.etcFile("io.botfleet.exchange.paper-dbout" + i + ".cfg", "replay.file=" + data
                    + "\nreplay.symbol=UNITTESTBTC\nreplay.interval=1m\nreplay.speed=" + SPEED + "\nbalance.BTC=1000000\n");
        }
        server = builder.start();
        server.awaitReady(Duration.ofSeconds(90));
        token = server.adminToken();
        api = new Api(server);
        api.await("/health/ready", null, r -> r.toString().contains("postgresql"), Duration.ofSeconds(30),
                "readiness naming the PostgreSQL database");
        for (int i = 0; i < BOTS; i++) {
            Api.Reply created = api.post("/api/v1/bots", token, "{\"id\":\"dbout-" + i + "\",\"strategy\":{\"id\":\"sma-crossover\","
                    + "\"version\":\"1.0.0\",\"params\":{\"fast\":" + (10 + 2 * i) + ",\"slow\":" + (30 + 6 * i) + "}},"
                    + "\"exchange\":{\"id\":\"paper\",\"account\":\"dbout" + i + "\"},\"symbol\":\"UNITTESTBTC\","
                    + "\"interval\":\"1m\",\"risk\":{\"orderQty\":\"1\"},\"autoStart\":true}");
            assertEquals(created.toString(), 201, created.status());
        }

        awaitEveryBot(b -> b.path("counters").path("candles").asLong() >= 2_500, Duration.ofMinutes(2), "2,500 candles");
        outage(1, Duration.ofSeconds(12), proxy::cut);
        outage(2, Duration.ofSeconds(10), () -> proxy.cutAtCommitOf("PENDING_SEND").get(2, TimeUnit.MINUTES));
        outage(3, Duration.ofSeconds(10), () -> proxy.cutAtCommitOf("FILLED").get(2, TimeUnit.MINUTES));
        outage(4, Duration.ofSeconds(15), proxy::freeze);

        long afterOutages = System.nanoTime();
        long candlesThen = status("dbout-0").path("counters").path("candles").asLong();
        awaitEveryBot(b -> b.path("counters").path("candles").asLong() >= FILE_CANDLES
                && "RUNNING".equals(b.path("state").asText()), Duration.ofMinutes(3), "the whole file");
        System.out.printf("after the outages: dbout-0 took its last %d candles in %d ms%n", FILE_CANDLES - candlesThen,
                (System.nanoTime() - afterOutages) / 1_000_000);
        Thread.sleep(1_000); // acknowledgements of the last orders
        assertEquals(200, server.get("/health/ready").statusCode());
        Map<String, JsonNode> statuses = new HashMap<>();
        Map<String, JsonNode> orders = new HashMap<>();
        Map<String, JsonNode> fills = new HashMap<>();
        for (int i = 0; i < BOTS; i++) {
            String id = "dbout-" + i;
            statuses.put(id, status(id));
            orders.put(id, api.get("/api/v1/bots/" + id + "/orders?status=all&limit=1000", token).json());
            fills.put(id, api.get("/api/v1/bots/" + id + "/fills?limit=1000", token).json());
        }
        server.terminate();
        assertEquals(0, server.awaitExit(Duration.ofSeconds(30)));

        String log = server.logText();
        for (int i = 0; i < BOTS; i++) {
            String id = "dbout-" + i;
            JsonNode status = statuses.get(id);
            assertEquals(id + " desired state", "RUNNING", status.path("desiredState").asText());
            assertEquals(id + " state", "RUNNING", status.path("state").asText());
            assertEquals(id + ": every candle of the file processed once", FILE_CANDLES,
                    status.path("counters").path("candles").asLong());
            assertTrue(id + " was suspended by each outage", count(log, "bot " + id + " suspended: persistence unavailable") >= 4);
            assertFalse(id + " never went FAILED (the watchdog is not for outages)", log.contains("bot " + id + " failed:"));
            System.out.printf("%s: %d orders (%d NOT_SENT), %d fills, %d suspensions for persistence%n", id,
                    orders.get(id).size(), orders.get(id).findValuesAsText("status").stream().filter("NOT_SENT"::equals).count(),
                    fills.get(id).size(), count(log, "bot " + id + " suspended: persistence unavailable"));
            TradingLedger.check(id, status, orders.get(id), fills.get(id),
                    server.home().resolve("data/paper/dbout" + i + "/journal.log"));
        }
    }

    /** Cuts the database for {@code length}, checks readiness says so, restores, waits for every bot. */
    private void outage(int number, Duration length, Cutter cutter) throws Exception {
        int[] suspensionsBefore = new int[BOTS];
        for (int i = 0; i < BOTS; i++) {
            suspensionsBefore[i] = count(server.logText(), "bot dbout-" + i + " suspended: persistence unavailable");
        }
        cutter.cut();
        long cut = System.nanoTime();
        HttpResponse<String> ready = awaitReadiness(503, Duration.ofSeconds(30));
        JsonNode persistence = check(ready.body(), "persistence");
        assertFalse("persistence named as the problem: " + ready.body(), "OK".equals(persistence.path("status").asText()));
        long unready = System.nanoTime();
        // Every bot notices, a silent database (outage 4) too, before it comes back. From the log:
        // the API itself answers 503 while token look-ups cannot reach the database.
        for (int i = 0; i < BOTS; i++) {
            String suspended = "bot dbout-" + i + " suspended: persistence unavailable";
            int before = suspensionsBefore[i];
            awaitTrue("dbout-" + i + " SUSPENDED in outage " + number, length,
                    () -> count(server.logText(), suspended) > before);
        }
        Thread.sleep(Math.max(0, length.toMillis() - (System.nanoTime() - cut) / 1_000_000));
        proxy.restore();
        long restored = System.nanoTime();
        awaitReadiness(200, Duration.ofSeconds(60));
        long readyAgain = System.nanoTime();
        awaitEveryBot(b -> "RUNNING".equals(b.path("state").asText()), Duration.ofSeconds(90), "RUNNING after outage " + number);
        long running = System.nanoTime();
        System.out.printf("outage %d: %d ms cut; 503 %d ms after the cut (%s: %s); 200 %d ms after the restore; "
                        + "every bot RUNNING %d ms after the restore%n", number, (restored - cut) / 1_000_000,
                (unready - cut) / 1_000_000, persistence.path("status").asText(), persistence.path("message").asText(),
                (readyAgain - restored) / 1_000_000, (running - restored) / 1_000_000);
    }

    /** Cuts the proxy, now or at a moment it waits for. */
    private interface Cutter {
        void cut() throws Exception;
    }

    private HttpResponse<String> awaitReadiness(int status, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = server.get("/health/ready");
                if (last.statusCode() == status) {
                    return last;
                }
            } catch (IOException e) {
                // a health check slower than the client's timeout: ask again
            }
            Thread.sleep(100);
        }
        throw new AssertionError("readiness not " + status + " within " + timeout.toMillis() + " ms; last: "
                + (last == null ? "none" : last.statusCode() + " " + last.body()) + "\n" + server.logTail(40));
    }

    private static void awaitTrue(String what, Duration timeout, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " not within " + timeout.toMillis() + " ms");
            }
            Thread.sleep(100);
        }
    }

    private void awaitEveryBot(Predicate<JsonNode> condition, Duration timeout, String what) {
        for (int i = 0; i < BOTS; i++) {
            api.await("/api/v1/bots/dbout-" + i, token, condition, timeout, "dbout-" + i + ": " + what);
        }
    }

    private JsonNode status(String id) {
        Api.Reply reply = api.get("/api/v1/bots/" + id, token);
        assertEquals(reply.toString(), 200, reply.status());
        return reply.json();
    }

    private static JsonNode check(String readiness, String name) throws IOException {
        for (JsonNode check : Api.JSON.readTree(readiness).path("checks")) {
            if (name.equals(check.path("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + readiness);
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
