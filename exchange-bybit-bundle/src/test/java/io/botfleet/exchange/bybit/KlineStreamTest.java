package io.botfleet.exchange.bybit;

import static io.botfleet.exchange.bybit.Fixture.eventually;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.exchange.AccountStatus;
import io.botfleet.api.exchange.CandleListener;
import io.botfleet.api.exchange.Subscription;
import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Interval;
import io.botfleet.exchange.bybit.fake.Fault;
import io.botfleet.exchange.bybit.fake.FakeBybit;
import io.botfleet.exchange.bybit.fake.FakeMarket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The public kline stream: closed candles only, in order, each once, gaps filled from REST. */
public class KlineStreamTest {

    private static final long STEP = 60_000;
    private static final String TOPIC = "kline.1.BTCUSDT";
    private FakeBybit fake;
    private BybitExchangeAdapter adapter;
    private long base;
    private final List<String> got = new ArrayList<>();
    private final CandleListener recorder = (candle, catchUp) -> {
        synchronized (got) {
            got.add((candle.openTime().toEpochMilli() - base) / STEP + (catchUp ? "c" : "l"));
        }
        return CompletableFuture.completedFuture(null);
    };

    @Before
    public void start() {
        fake = FakeBybit.start();
        adapter = Fixture.adapter(fake, Category.LINEAR);
        base = System.currentTimeMillis() / STEP * STEP - 40 * STEP; // all candles here are closed
    }

    @After
    public void stop() {
        adapter.close();
        fake.close();
    }

    private FakeMarket.Kline k(int i) {
        return FakeMarket.kline(base + i * STEP, Integer.toString(30000 + i));
    }

    private void rest(int from, int to) {
        for (int i = from; i <= to; i++) {
            fake.market().addKline("BTCUSDT", "1", k(i));
        }
    }

    private void push(int i, boolean confirm) {
        fake.pushKline("BTCUSDT", "1", k(i), confirm);
    }

    private List<String> got() {
        synchronized (got) {
            return new ArrayList<>(got);
        }
    }

    private static List<Integer> numbers(List<String> got) {
        return got.stream().map(g -> Integer.parseInt(g.substring(0, g.length() - 1))).toList();
    }

    private void awaitGot(int n) {
        eventually(n + " candles, got " + got(), () -> got().size() >= n);
    }

    @Test
    public void catchUpLiveDropReconnectAndGapsEachCandleOnce() throws Exception {
        rest(0, 9);
        Subscription sub = adapter.subscribeCandles("BTCUSDT", Interval.M1,
                Instant.ofEpochMilli(base + 2 * STEP), recorder);
        eventually("subscribed", () -> fake.publicSubscribers(TOPIC) == 1);
        awaitGot(7);
        assertEquals(List.of("3c", "4c", "5c", "6c", "7c", "8c", "9c"), got());

        rest(10, 11);
        push(10, true);
        push(11, false); // still forming: never delivered
        push(11, true);
        push(11, true); // Bybit may repeat a confirm
        awaitGot(9);

        fake.dropPublicWs();
        eventually("stream seen down", () -> adapter.health().status() == AccountStatus.DEGRADED
                || fake.publicSubscribers(TOPIC) == 1);
        rest(12, 14); // closed while we were away: only REST has them
        eventually("re-subscribed", () -> fake.publicSubscribers(TOPIC) == 1);
        awaitGot(12);
        push(14, true); // the stream repeats one we filled from REST
        rest(15, 16);
        push(15, true);
        push(17, true); // 16 was lost without a reconnect: a gap in the sequence
        awaitGot(15);
        Thread.sleep(300);
        // Each candle once and in order. A candle the REST history has before it is pushed may come
        // either way (a catch-up still under way fetches what the exchange's clock says has
        // closed), so only the ones REST alone had are checked for their path.
        List<String> got = got();
        assertEquals(got.toString(), List.of(3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17), numbers(got));
        assertTrue(got.toString(), got.containsAll(List.of("12c", "13c", "16c")));
        eventually("healthy again", () -> adapter.health().status() == AccountStatus.UP);
        sub.close();
        eventually("unsubscribed", () -> fake.publicSubscribers(TOPIC) == 0);
    }

    @Test
    public void withoutAfterOnlyCandlesClosingFromNowOnAndPingsAreSent() throws Exception {
        long forming = System.currentTimeMillis() / STEP * STEP;
        base = forming - 2 * STEP;
        List<String> got2 = got;
        Subscription sub = adapter.subscribeCandles("BTCUSDT", Interval.M1, null, recorder);
        eventually("subscribed", () -> fake.publicSubscribers(TOPIC) == 1);
        push(1, true); // closed before we subscribed: not ours
        push(2, true); // the candle forming at subscription time, now closed
        awaitGot(1);
        assertEquals(List.of("2l"), got());
        Thread.sleep(1300); // ping interval is 1 s in tests
        assertTrue("pings sent", fake.pings() >= 1);
        assertEquals("no reconnect while pings are answered", 1, fake.publicSubscribers(TOPIC));
        sub.close();
        assertTrue(got2.size() == 1);
    }

    @Test
    public void theNextLiveCandleIsNotHeldBackBehindAFailingCatchUp() {
        rest(0, 5);
        fake.outage(Fault.http(503)); // REST down, the stream up
        Subscription sub = adapter.subscribeCandles("BTCUSDT", Interval.M1,
                Instant.ofEpochMilli(base + 5 * STEP), recorder);
        eventually("subscribed", () -> fake.publicSubscribers(TOPIC) == 1);
        push(6, true);
        push(7, true);
        awaitGot(2);
        assertEquals(List.of("6l", "7l"), got());
        fake.endOutage();
        sub.close();
    }

    @Test
    public void twoSubscribersShareOneTopic() {
        rest(0, 5);
        List<Candle> second = new ArrayList<>();
        Subscription a = adapter.subscribeCandles("BTCUSDT", Interval.M1,
                Instant.ofEpochMilli(base + 3 * STEP), recorder);
        Subscription b = adapter.subscribeCandles("BTCUSDT", Interval.M1,
                Instant.ofEpochMilli(base + 4 * STEP), (c, catchUp) -> {
                    synchronized (second) {
                        second.add(c);
                    }
                    return null;
                });
        eventually("subscribed", () -> fake.publicSubscribers(TOPIC) == 1);
        awaitGot(2);
        rest(6, 6);
        push(6, true);
        awaitGot(3);
        eventually("second got 5 and 6", () -> {
            synchronized (second) {
                return second.size() == 2;
            }
        });
        // 6 is in the REST history before it is pushed, so a catch-up still under way may bring it
        // first (then the push is a duplicate and dropped): either way, once, after 4 and 5
        List<String> got = got();
        assertEquals(got.toString(), List.of("4c", "5c"), got.subList(0, 2));
        assertEquals(got.toString(), 3, got.size());
        assertTrue(got.toString(), got.get(2).startsWith("6"));
        a.close();
        assertEquals(1, fake.publicSubscribers(TOPIC));
        b.close();
    }
}
