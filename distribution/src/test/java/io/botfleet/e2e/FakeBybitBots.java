package io.botfleet.e2e;

import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.exchange.bybit.fake.FakeBybit;
import io.botfleet.exchange.bybit.fake.FakeMarket;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Bots of a distribution trading on the fake Bybit (which runs in the test JVM, so it outlives
 * server kills and keeps the exchange's own records), the market the test publishes for them,
 * and the end checks against the fake's records.
 *
 * <p>The market's clock follows its candles ({@link FakeBybit#followCandles}): it starts a fresh
 * minute when bots are created, and each published candle moves it to the next one, so
 * every candle published is closed a moment ago by Bybit's clock however fast the test steps,
 * and is traded when it reaches a bot in time, whether live or from REST after a gap. The adapter
 * follows the clock from the server time on Bybit's answers and pushes; a restarted server
 * measures it at start.
 */
final class FakeBybitBots {

    static final String ACCOUNT = "fake";
    static final long STEP = 60_000;
    /** A zigzag with SMA 2/4, 2/5 and 3/5 crossovers every few candles. */
    private static final int[] PRICES = {30000, 30000, 30000, 30000, 30300, 30600, 30900, 30600, 30000, 29400,
        29100, 29400, 30000, 30600, 31200, 30600, 30000, 29400, 28800, 28800};
    private static final int[][] PARAMS = {{2, 4}, {2, 5}, {3, 5}};

    private final FakeBybit fake;
    private final Map<String, List<String>> botsBySymbol = new LinkedHashMap<>();
    /** Candles of each symbol in the fake's history (published and quiet ones). */
    private final Map<String, AtomicInteger> published = new ConcurrentHashMap<>();
    /** Candles of each symbol published with a price of {@link #PRICES}. */
    private final Map<String, AtomicInteger> priced = new ConcurrentHashMap<>();
    /** Each symbol's first candle: the one forming when its bots were created. */
    private final Map<String, Long> firstOpen = new ConcurrentHashMap<>();

    FakeBybitBots(FakeBybit fake) {
        this.fake = fake;
    }

    /** A fake Bybit whose clock follows its candles (see the class comment). */
    static FakeBybit fake() {
        FakeBybit fake = FakeBybit.start();
        fake.followCandles(STEP);
        return fake;
    }

    FakeBybit bybit() {
        return fake;
    }

    /** The account configuration for the distribution's {@code etc/}. */
    String accountCfg(long requestTimeoutMillis) {
        return String.join("\n", "account=" + ACCOUNT, "apiKey=" + FakeBybit.KEY, "apiSecret=" + FakeBybit.SECRET,
                "category=linear", "restUrl=" + fake.restUrl(), "wsPublicUrl=" + fake.wsPublicUrl("linear"),
                "wsPrivateUrl=" + fake.wsPrivateUrl(), "requestTimeoutMillis=" + requestTimeoutMillis, "");
    }

    /** Creates {@code count} bots on {@code symbol} (autoStart) and waits for their kline subscription. */
    List<String> createBots(Api api, String token, String prefix, String symbol, int count) {
        if (!symbol.equals("BTCUSDT") && !symbol.equals("ETHUSDT")) {
            fake.market().addInstrument("linear", symbol); // shaped like BTCUSDT's rules
        }
        fake.market().lastPrice(symbol, new BigDecimal(PRICES[0]));
        // a fresh minute before the subscriptions start: every bot set up within it owes this candle first
        long first = fake.followCandles(STEP);
        firstOpen.putIfAbsent(symbol, first);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = prefix + "-" + i;
            int[] p = PARAMS[i % PARAMS.length];
            Api.Reply created = api.post("/api/v1/bots", token, "{\"id\":\"" + id + "\",\"strategy\":{\"id\":\"sma-crossover\","
                    + "\"version\":\"1.0.0\",\"params\":{\"fast\":" + p[0] + ",\"slow\":" + p[1] + "}},"
                    + "\"exchange\":{\"id\":\"bybit\",\"account\":\"" + ACCOUNT + "\"},\"symbol\":\"" + symbol + "\","
                    + "\"interval\":\"1m\",\"risk\":{\"orderQty\":\"0.001\"},\"autoStart\":true}");
            assertEquals(created.toString(), 201, created.status());
            ids.add(id);
        }
        for (String id : ids) {
            api.await("/api/v1/bots/" + id, token, b -> "RUNNING".equals(b.path("state").asText()),
                    Duration.ofSeconds(60), id + " RUNNING");
        }
        awaitTrue("kline subscription of " + symbol, Duration.ofSeconds(30),
                () -> fake.publicSubscribers("kline.1." + symbol) > 0);
        if (fake.now() >= first + STEP) {
            throw new AssertionError("setting up the bots of " + symbol + " took more than a minute of the fake's "
                    + "clock: some of their kline subscriptions owe a later candle than " + Instant.ofEpochMilli(first));
        }
        botsBySymbol.computeIfAbsent(symbol, s -> new ArrayList<>()).addAll(ids);
        published.putIfAbsent(symbol, new AtomicInteger());
        priced.putIfAbsent(symbol, new AtomicInteger());
        return ids;
    }

    /**
     * Takes on bots created elsewhere (a cluster's nodes, each answering for the bots it runs):
     * the bookkeeping {@link #createBots} does, with {@code first} the candle forming when they
     * were created ({@link FakeBybit#followCandles}).
     */
    void adopt(String symbol, List<String> ids, long first) {
        firstOpen.putIfAbsent(symbol, first);
        botsBySymbol.computeIfAbsent(symbol, s -> new ArrayList<>()).addAll(ids);
        published.putIfAbsent(symbol, new AtomicInteger());
        priced.putIfAbsent(symbol, new AtomicInteger());
    }

    /**
     * Waits for a stream to be back and prints how long it took (from this call), as a figure
     * the suite's runs are compared by.
     */
    static void awaitStream(String which, Duration timeout, BooleanSupplier back) {
        long began = System.nanoTime();
        awaitTrue(which + " stream back", timeout, back);
        System.out.printf("[figure] stream recovery wait (%s): %d ms%n", which, (System.nanoTime() - began) / 1_000_000);
    }

    /**
     * Publishes the next candle of {@code symbol}: into the fake's REST history, then on the
     * public stream (which reaches no one while it is down or the server is dead). Its open time
     * is the candle forming by the fake's clock, and the market moves on for every symbol, as a
     * real one does: the other symbols' candles of that minute, and of any minute that went by
     * without a candle (the clock runs on with real time between steps), close too, flat at their
     * last price. Each call moves the exchange's clock a minute: publish a candle once the bots
     * have the one before ({@link #drive}), or the earlier ones reach them as history.
     */
    void publish(String symbol) {
        long forming = Math.floorDiv(fake.now(), STEP) * STEP;
        for (String other : published.keySet()) {
            closeQuietly(other, forming);
            if (!other.equals(symbol)) {
                closeQuietly(other, forming + STEP);
            }
        }
        int i = priced.get(symbol).getAndIncrement();
        String price = Integer.toString(PRICES[i % PRICES.length]);
        fake.market().lastPrice(symbol, new BigDecimal(price));
        closeNext(symbol, price);
    }

    /** Closes the candles of {@code symbol} opening before {@code until}, flat at its last price. */
    private void closeQuietly(String symbol, long until) {
        while (nextOpen(symbol) < until) {
            int priced = this.priced.get(symbol).get();
            closeNext(symbol, Integer.toString(PRICES[Math.max(0, priced - 1) % PRICES.length]));
        }
    }

    private void closeNext(String symbol, String price) {
        FakeMarket.Kline kline = FakeMarket.kline(nextOpen(symbol), price);
        published.get(symbol).incrementAndGet();
        fake.closeKline(symbol, "1", kline);
    }

    private long nextOpen(String symbol) {
        return firstOpen.get(symbol) + published.get(symbol).get() * STEP;
    }

    int published(String symbol) {
        return published.get(symbol).get();
    }

    /** Whether every bot of {@code symbol} has processed every candle published so far. */
    boolean processedAll(Api api, String token, String symbol) {
        int want = published(symbol);
        for (String id : botsBySymbol.get(symbol)) {
            if (api.get("/api/v1/bots/" + id, token).json().path("counters").path("candles").asLong() < want) {
                return false;
            }
        }
        return true;
    }

    /** Publishes {@code n} candles of {@code symbol}, each once its bots have processed the one before. */
    void drive(Api api, String token, String symbol, int n, Duration perCandle) {
        for (int k = 0; k < n; k++) {
            publish(symbol);
            int want = published(symbol);
            for (String id : botsBySymbol.get(symbol)) {
                try {
                    api.await("/api/v1/bots/" + id, token, b -> b.path("counters").path("candles").asLong() >= want,
                            perCandle, id + " processed candle " + want + " of " + symbol);
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "\n" + describe(api, token, symbol), e);
                }
            }
        }
    }

    /** The bots of a symbol with their last events, for a failure message. */
    String describe(Api api, String token, String symbol) {
        StringBuilder out = new StringBuilder("published " + published(symbol) + " candles of " + symbol
                + " from " + Instant.ofEpochMilli(firstOpen.get(symbol)) + "\n");
        for (String id : botsBySymbol.get(symbol)) {
            JsonNode b = api.get("/api/v1/bots/" + id, token).json();
            out.append(id).append(' ').append(b.path("state").asText()).append(" candles=")
                    .append(b.path("counters").path("candles")).append(" last=").append(b.path("lastCandleTime"))
                    .append('\n');
            for (JsonNode e : api.get("/api/v1/bots/" + id + "/events?limit=15", token).json()) {
                out.append("   ").append(e).append('\n');
            }
        }
        return out.toString();
    }

    List<String> allBots() {
        List<String> all = new ArrayList<>();
        botsBySymbol.values().forEach(all::addAll);
        return all;
    }

    List<String> bots(String symbol) {
        return botsBySymbol.get(symbol);
    }

    /**
     * Waits until every bot is back in its desired state with every published candle processed
     * and every execution of the fake applied (orders settle after faults: look-ups, polls).
     */
    void awaitSettled(Api api, String token, Duration timeout) {
        String[] last = {null};
        try {
            awaitTrue("every bot on the fake Bybit settled", timeout, () -> (last[0] = settled(api, token)) == null);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last: " + last[0] + "\n" + api.server.logTail(60));
        }
    }

    private String settled(Api api, String token) {
        Set<String> fakeExecs = new HashSet<>();
        fake.account().executions().forEach(e -> fakeExecs.add(e.execId()));
        Set<String> applied = new HashSet<>();
        for (Map.Entry<String, List<String>> e : botsBySymbol.entrySet()) {
            for (String id : e.getValue()) {
                JsonNode b = api.get("/api/v1/bots/" + id, token).json();
                if (!b.path("state").asText().equals(b.path("desiredState").asText())) {
                    return id + " is " + b.path("state").asText();
                }
                if (b.path("counters").path("candles").asLong() != published(e.getKey())) {
                    return id + " processed " + b.path("counters").path("candles") + " of " + published(e.getKey());
                }
                for (JsonNode o : api.get("/api/v1/bots/" + id + "/orders?status=open&limit=1000", token).json()) {
                    if (o.path("status").asText().equals("PENDING_SEND")) {
                        return id + " has " + o;
                    }
                }
                api.get("/api/v1/bots/" + id + "/fills?limit=1000", token).json()
                        .forEach(f -> applied.add(f.path("execId").asText()));
            }
        }
        return applied.equals(fakeExecs) ? null : "fills " + applied.size() + " of " + fakeExecs.size();
    }

    /** The end checks ({@link VenueLedger}) of every bot, each read from {@code api}. */
    void checkAgainstExchange(Api api, String token) {
        List<VenueLedger.BotBooks> books = new ArrayList<>();
        botsBySymbol.forEach((symbol, ids) -> ids.forEach(id -> books.add(VenueLedger.BotBooks.read(api, token, id,
                api.get("/api/v1/bots/" + id, token).json(), published(symbol)))));
        VenueLedger.check(fake.account(), books);
    }

    /**
     * Whether a bot's status shows {@code candles} processed and nothing on its way: no order
     * unfinished (one counts from its candle's journaled intent, before the exchange acknowledged
     * it) and a fill for every order sent. Only then may a test move the market on, or a market
     * order still in flight would fill at the next candle's price.
     */
    static boolean tookCandlesAndSettled(JsonNode bot, long candles) {
        JsonNode counters = bot.path("counters");
        return counters.path("candles").asLong() >= candles && bot.path("openOrders").asInt(-1) == 0
                && counters.path("orders").asLong() == counters.path("fills").asLong();
    }

    static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + " (" + timeout.toSeconds() + " s)");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
