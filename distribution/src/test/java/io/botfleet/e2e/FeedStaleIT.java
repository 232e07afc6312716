package io.botfleet.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.distribution.DistributionProcess;
import io.botfleet.exchange.bybit.fake.FakeBybit;
import io.botfleet.exchange.bybit.fake.FakeMarket;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * A RUNNING bot whose candles stop: STALE in its status, a warning event, a warning for its
 * account in readiness and a gauge in /metrics, all clearing when candles come back. The stale
 * limit is 3 intervals by default (3 minutes for 1m candles); this server's
 * {@code feedStaleIntervals=0.05} makes it 3 s.
 */
public class FeedStaleIT {

    private static final String SYMBOL = "BTCUSDT";
    private static final String BOT = "stale-1";
    private static final long STEP = 60_000;

    private static FakeBybit fake;
    private static DistributionProcess server;
    private static Api api;
    private static String admin;
    private static long first;
    private static int pushed;

    @BeforeClass
    public static void start() throws Exception {
        fake = FakeBybit.start();
        fake.market().lastPrice(SYMBOL, new BigDecimal(30000));
        server = DistributionProcess.builder("feed-stale")
                .etcFile("io.botfleet.runtime.cfg", "feedStaleIntervals=0.05\n")
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

    private static void push() {
        FakeMarket.Kline kline = FakeMarket.kline(first + pushed * STEP, "30000");
        fake.market().addKline(SYMBOL, "1", kline);
        fake.pushKline(SYMBOL, "1", kline, true);
        pushed++;
        int want = pushed;
        api.await("/api/v1/bots/" + BOT, admin, b -> b.path("counters").path("candles").asLong() >= want,
                Duration.ofSeconds(30), "candle " + want + " processed");
    }

    private static JsonNode exchangeCheck() {
        for (JsonNode check : api.get("/health/ready", null).json().path("checks")) {
            if ("exchange:bybit/fake".equals(check.path("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no exchange:bybit/fake check in " + api.get("/health/ready", null).body());
    }

    /** The account's line of the stale gauge, e.g. {@code botfleet_bot_feeds_stale{account="fake",exchange="bybit"} 1.0}. */
    private static String staleGauge() {
        for (String line : api.get("/metrics", null).body().split("\n")) {
            if (line.startsWith("botfleet_bot_feeds_stale{") && line.contains("exchange=\"bybit\"")) {
                return line;
            }
        }
        return "";
    }

    private static double staleBots() {
        String line = staleGauge();
        return line.isEmpty() ? -1 : Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "\n" + server.logTail(40));
            }
            Thread.sleep(100);
        }
    }

    @Test
    public void silentFeedIsStaleEverywhereAndClearsWhenCandlesReturn() throws Exception {
        Api.Reply created = api.post("/api/v1/bots", admin, "{\"id\":\"" + BOT + "\",\"strategy\":{\"id\":\"sma-crossover\","
                + "\"version\":\"1.0.0\",\"params\":{\"fast\":2,\"slow\":4}},\"exchange\":{\"id\":\"bybit\",\"account\":\"fake\"},"
                + "\"symbol\":\"" + SYMBOL + "\",\"interval\":\"1m\",\"risk\":{\"orderQty\":\"0.001\"},\"autoStart\":true}");
        assertEquals(created.toString(), 201, created.status());
        api.await("/api/v1/bots/" + BOT, admin, b -> "RUNNING".equals(b.path("state").asText()),
                Duration.ofSeconds(60), "bot RUNNING");
        await("a kline subscriber", () -> fake.publicSubscribers("kline.1." + SYMBOL) > 0);
        first = (fake.now() / STEP) * STEP; // the stream owes a new subscriber the candle forming now on

        push();
        push();
        JsonNode live = api.get("/api/v1/bots/" + BOT, admin).json();
        assertEquals(live.toString(), "LIVE", live.path("feed").path("state").asText());

        // silence: no candle for 3 s (0.05 of 1m)
        long silentFrom = System.nanoTime();
        JsonNode stale = api.await("/api/v1/bots/" + BOT, admin, b -> "STALE".equals(b.path("feed").path("state").asText()),
                Duration.ofSeconds(30), "feed STALE");
        long tookMillis = (System.nanoTime() - silentFrom) / 1_000_000;
        assertTrue("STALE after the 3 s limit, not before: " + tookMillis + " ms", tookMillis >= 2_900);
        assertEquals(stale.toString(), "RUNNING", stale.path("state").asText());
        assertTrue(stale.toString(), stale.path("feed").path("since").asText().endsWith("Z"));
        // the bot writes its warning event to the journal asynchronously, after its feed turned STALE
        api.await("/api/v1/bots/" + BOT + "/events?limit=20", admin, events -> events.toString().contains("\"WARNING\"")
                && events.toString().contains("STALE: no candle for 3 s"), Duration.ofSeconds(30), "the STALE warning event");
        await("readiness warns for the account", () -> "WARN".equals(exchangeCheck().path("status").asText()));
        assertTrue(exchangeCheck().toString(), exchangeCheck().path("message").asText().contains(BOT));
        assertEquals("still ready: a warning", 200, api.get("/health/ready", null).status());
        await("the stale gauge", () -> staleBots() == 1);
        assertTrue(staleGauge(), staleGauge().contains("account=\"fake\""));

        // candles come back
        push();
        JsonNode back = api.get("/api/v1/bots/" + BOT, admin).json();
        assertEquals(back.toString(), "LIVE", back.path("feed").path("state").asText());
        await("readiness OK again", () -> "OK".equals(exchangeCheck().path("status").asText()));
        await("the stale gauge back to 0", () -> staleBots() == 0);
        api.await("/api/v1/bots/" + BOT + "/events?limit=20", admin, events -> events.toString().contains("feed LIVE again"),
                Duration.ofSeconds(30), "the feed LIVE again event");

        // a stopped bot has no feed to watch
        assertEquals(200, api.post("/api/v1/bots/" + BOT + "/stop", admin, null).status());
        JsonNode stopped = api.await("/api/v1/bots/" + BOT, admin, b -> "STOPPED".equals(b.path("state").asText()),
                Duration.ofSeconds(30), "bot STOPPED");
        assertTrue(stopped.toString(), stopped.path("feed").isNull());
    }
}
