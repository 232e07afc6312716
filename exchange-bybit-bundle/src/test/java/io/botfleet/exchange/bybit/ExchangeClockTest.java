package io.botfleet.exchange.bybit;

import static io.botfleet.exchange.bybit.Fixture.eventually;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.exchange.CandleListener;
import io.botfleet.api.exchange.Subscription;
import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Interval;
import io.botfleet.exchange.bybit.fake.FakeBybit;
import io.botfleet.exchange.bybit.fake.FakeMarket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The adapter's clock is Bybit's, and it follows Bybit's when that jumps (here: a fake whose
 * clock follows its candles): a candle that closed during a stream drop comes from REST after the
 * reconnect while it is still current by that clock, several of them at once if several closed.
 */
public class ExchangeClockTest {

    private static final long STEP = 60_000;
    private static final String PATH = "/v5/public/linear";
    private static final String TOPIC = "kline.1.BTCUSDT";
    private FakeBybit fake;
    private BybitExchangeAdapter adapter;
    private final List<Candle> got = new ArrayList<>();
    private final CandleListener recorder = (candle, catchUp) -> {
        synchronized (got) {
            got.add(candle);
        }
        return CompletableFuture.completedFuture(null);
    };

    @Before
    public void start() {
        fake = FakeBybit.start();
        adapter = Fixture.adapter(fake, Category.LINEAR);
        Fixture.await(adapter.syncClock());
    }

    @After
    public void stop() {
        adapter.close();
        fake.close();
    }

    private int got() {
        synchronized (got) {
            return got.size();
        }
    }

    private Candle last() {
        synchronized (got) {
            return got.get(got.size() - 1);
        }
    }

    @Test
    public void theClockFollowsBybitsAndCandlesClosedDuringADropArriveWhileCurrent() {
        long first = fake.followCandles(STEP); // Bybit's clock jumps up to a minute ahead of ours
        Fixture.await(adapter.instrument("BTCUSDT")); // any answer carries Bybit's time
        assertTrue("the adapter follows the jump: " + adapter.now() + " vs " + fake.now(),
                Math.abs(adapter.now().toEpochMilli() - fake.now()) < 1000);
        Subscription sub = adapter.subscribeCandles("BTCUSDT", Interval.M1, null, recorder);
        eventually("subscribed", () -> fake.publicSubscribers(TOPIC) > 0);

        fake.closeKline("BTCUSDT", "1", FakeMarket.kline(first, "30000"));
        eventually("the pushed candle", () -> got() == 1);
        assertTrue("a push moves the adapter's clock with Bybit's: " + adapter.now() + " vs the close "
                + Instant.ofEpochMilli(first + STEP) + ", candle " + last(), adapter.now().toEpochMilli() >= first + STEP);

        // the stream drops while two candles close: both come from REST after the reconnect
        fake.refusePublicWs(PATH, true);
        fake.dropPublicWs(PATH);
        eventually("dropped", () -> fake.publicSubscribers(PATH, TOPIC) == 0);
        fake.closeKline("BTCUSDT", "1", FakeMarket.kline(first + STEP, "30100"));
        fake.closeKline("BTCUSDT", "1", FakeMarket.kline(first + 2 * STEP, "30200"));
        long reopened = System.nanoTime();
        fake.refusePublicWs(PATH, false);
        eventually("both candles of the drop, got " + got(), () -> got() == 3);
        Duration late = Duration.ofNanos(System.nanoTime() - reopened);
        assertEquals(first + 2 * STEP, last().openTime().toEpochMilli());
        Duration age = Duration.between(last().closeTime(), adapter.now());
        assertTrue("the newest candle of the drop is current by the adapter's clock: " + age,
                age.compareTo(Interval.M1.duration().plus(adapter.candleLateness())) < 0);
        assertTrue("without waiting for the next live candle: " + late, late.toMillis() < 15_000);
        sub.close();
    }
}
