package io.botfleet.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.distribution.DistributionProcess;
import io.botfleet.exchange.bybit.fake.FakeBybit;
import io.botfleet.exchange.bybit.fake.FakeMarket;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * A stream hiccup must not cost a trade. One fake Bybit whose clock follows its candles, and per
 * category the adapter supports (linear, spot) two accounts whose bots are twins (same strategy,
 * parameters and risk limits, same candles): the "steady" account's public stream stays up, the
 * "dropped" one's is cut at chosen candles and refused until that candle has closed, so the
 * candle reaches its bots from REST after the reconnect. That candle closed a moment ago by the
 * exchange's clock: it is current, so the dropped bots must trade it exactly as their twins
 * trade the pushed one. Their fills must be equal, one for one (side, quantity, price).
 *
 * <p>Each candle is published once every bot has processed the one before and every order has
 * filled, so a market order fills at the close of the candle that asked for it on both sides.
 */
public class StreamDropIT {

    private static final long STEP = 60_000;
    private static final String SYMBOL = "BTCUSDT";
    private static final String TOPIC = "kline.1." + SYMBOL;
    private static final List<String> CATEGORIES = List.of("linear", "spot");
    /** A zigzag: SMA 2/4 and 3/5 cross every few candles, and a 1.5 % stop-loss fires on the falls. */
    private static final int[] PRICES = {30000, 30000, 30000, 30000, 30300, 30600, 30900, 30600, 30000, 29400,
        29100, 29400, 30000, 30600, 31200, 30600, 30000, 29400, 28800, 28800, 29100, 29700, 30300, 30900, 30300,
        29700, 29100, 29400, 30000, 30600, 31200, 31500, 30900, 30300, 29700, 29100, 29400, 30000, 30600, 30600};
    /** The candles (by index) that close while the dropped accounts' public streams are down. */
    private static final Set<Integer> DROPS = Set.of(4, 8, 13, 17, 21, 25, 26, 30, 33, 37);
    private static final String[] BOT_SETUPS = {
        "\"params\":{\"fast\":2,\"slow\":4}},", "\"params\":{\"fast\":3,\"slow\":5}},"};
    private static final String[] RISK = {"{\"orderQty\":\"0.001\"}", "{\"orderQty\":\"0.001\",\"stopLossPct\":\"1.5\"}"};

    private static FakeBybit fake;
    private static DistributionProcess server;
    private static Api api;
    private static String admin;

    @BeforeClass
    public static void start() throws Exception {
        fake = FakeBybit.start();
        fake.market().lastPrice(SYMBOL, new BigDecimal(PRICES[0]));
        DistributionProcess.Builder builder = DistributionProcess.builder("stream-drop").withoutEtcFile("bots/demo-sma.json");
        for (String category : CATEGORIES) {
            for (String kind : List.of("steady", "dropped")) {
                String account = account(category, kind);
                fake.addAccount(account + "-key", FakeBybit.SECRET);
                builder.etcFile("io.botfleet.exchange.bybit-" + account + ".cfg", String.join("\n", "account=" + account,
                        "apiKey=" + account + "-key", "apiSecret=" + FakeBybit.SECRET, "category=" + category,
                        "restUrl=" + fake.restUrl(), "wsPublicUrl=" + fake.wsPublicUrl(category) + publicSuffix(kind),
                        "wsPrivateUrl=" + fake.wsPrivateUrl(), ""));
            }
        }
        server = builder.start();
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

    private static String account(String category, String kind) {
        return category + "-" + kind;
    }

    private static String publicSuffix(String kind) {
        return kind.equals("dropped") ? "-dropped" : "";
    }

    private static String publicPath(String category, String kind) {
        return "/v5/public/" + category + publicSuffix(kind);
    }

    private static String bot(String category, String kind, int setup) {
        return category.substring(0, 3) + "-" + kind + "-" + setup;
    }

    @Test
    public void aBotWhoseStreamDropsFillsExactlyAsAnUninterruptedTwin() {
        List<String> bots = new ArrayList<>();
        // a fresh minute of the fake's clock, which follows the candles from now on: every bot
        // subscribes within it, so each owes this candle first
        long firstOpen = fake.followCandles(STEP);
        for (String category : CATEGORIES) {
            for (String kind : List.of("steady", "dropped")) {
                api.awaitExchange(admin, "bybit", account(category, kind));
                for (int setup = 0; setup < BOT_SETUPS.length; setup++) {
                    String id = bot(category, kind, setup);
                    Api.Reply created = api.post("/api/v1/bots", admin, "{\"id\":\"" + id + "\",\"strategy\":{\"id\":"
                            + "\"sma-crossover\",\"version\":\"1.0.0\"," + BOT_SETUPS[setup] + "\"exchange\":{\"id\":\"bybit\","
                            + "\"account\":\"" + account(category, kind) + "\"},\"symbol\":\"" + SYMBOL + "\",\"interval\":\"1m\","
                            + "\"risk\":" + RISK[setup] + ",\"autoStart\":true}");
                    assertEquals(created.toString(), 201, created.status());
                    bots.add(id);
                }
            }
        }
        for (String id : bots) {
            api.await("/api/v1/bots/" + id, admin, b -> "RUNNING".equals(b.path("state").asText()),
                    Duration.ofSeconds(60), id + " RUNNING");
        }
        for (String category : CATEGORIES) {
            for (String kind : List.of("steady", "dropped")) {
                FakeBybitBots.awaitTrue("the kline subscription of " + account(category, kind), Duration.ofSeconds(30),
                        () -> fake.publicSubscribers(publicPath(category, kind), TOPIC) > 0);
            }
        }

        Map<Integer, Integer> tradedOnDrops = new LinkedHashMap<>();
        for (int i = 0; i < PRICES.length; i++) {
            boolean drop = DROPS.contains(i);
            if (drop) {
                for (String category : CATEGORIES) {
                    String path = publicPath(category, "dropped");
                    fake.refusePublicWs(path, true);
                    fake.dropPublicWs(path);
                    FakeBybitBots.awaitTrue("the public stream of " + path + " down", Duration.ofSeconds(10),
                            () -> fake.publicSubscribers(path, TOPIC) == 0);
                }
            }
            int executionsBefore = steadyExecutions();
            String price = Integer.toString(PRICES[i]);
            fake.market().lastPrice(SYMBOL, new BigDecimal(price));
            fake.closeKline(SYMBOL, "1", FakeMarket.kline(firstOpen + i * STEP, price));
            if (drop) {
                for (String category : CATEGORIES) {
                    fake.refusePublicWs(publicPath(category, "dropped"), false);
                }
            }
            int candles = i + 1;
            for (String id : bots) {
                api.await("/api/v1/bots/" + id, admin, b -> FakeBybitBots.tookCandlesAndSettled(b, candles),
                        Duration.ofSeconds(30), id + " processed candle " + candles + " and its orders filled");
            }
            if (drop) {
                tradedOnDrops.put(i, steadyExecutions() - executionsBefore);
            }
        }

        StringBuilder report = new StringBuilder();
        for (String category : CATEGORIES) {
            for (int setup = 0; setup < BOT_SETUPS.length; setup++) {
                List<String> steady = fills(bot(category, "steady", setup));
                List<String> dropped = fills(bot(category, "dropped", setup));
                report.append(String.format("%s setup %d: steady %d fills, dropped %d fills%n", category, setup,
                        steady.size(), dropped.size()));
                for (int k = 0; k < Math.max(steady.size(), dropped.size()); k++) {
                    report.append(String.format("   %-28s | %s%n", k < steady.size() ? steady.get(k) : "-",
                            k < dropped.size() ? dropped.get(k) : "-"));
                }
                assertEquals(category + " setup " + setup + ": the dropped bot fills exactly as its twin\n" + report,
                        steady, dropped);
                JsonNode a = api.get("/api/v1/bots/" + bot(category, "steady", setup), admin).json();
                JsonNode b = api.get("/api/v1/bots/" + bot(category, "dropped", setup), admin).json();
                assertEquals(0, new BigDecimal(a.path("position").path("qty").asText())
                        .compareTo(new BigDecimal(b.path("position").path("qty").asText())));
            }
        }
        report.append("executions of the steady accounts on the candles that closed during a drop: ")
                .append(tradedOnDrops).append('\n');
        System.out.print("[figure] stream drops at candles " + new TreeSet<>(DROPS) + "\n" + report);
        assertTrue("some candle that closed during a drop was traded (else this test proves nothing): " + tradedOnDrops,
                tradedOnDrops.values().stream().mapToInt(Integer::intValue).sum() > 0);
        assertTrue("the dropped streams were cut and reconnected", fake.log().count("/v5/market/kline") >= DROPS.size());
    }

    /** Executions of the steady accounts at the fake, both categories. */
    private static int steadyExecutions() {
        int n = 0;
        for (String category : CATEGORIES) {
            n += fake.account(account(category, "steady") + "-key").executions().size();
        }
        return n;
    }

    /** A bot's fills, oldest first, as side, quantity and price. */
    private static List<String> fills(String id) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : api.get("/api/v1/bots/" + id + "/fills?limit=1000", admin).json()) {
            out.add(0, f.path("side").asText() + " " + new BigDecimal(f.path("qty").asText()).stripTrailingZeros()
                    .toPlainString() + " @ " + new BigDecimal(f.path("price").asText()).stripTrailingZeros().toPlainString());
        }
        return out;
    }
}
