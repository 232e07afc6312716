package io.botfleet.exchange.paper;

import static io.botfleet.exchange.paper.Fixture.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.exchange.AccountStatus;
import io.botfleet.api.exchange.ErrorKind;
import io.botfleet.api.exchange.ExchangeException;
import io.botfleet.api.exchange.Subscription;
import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Interval;
import io.botfleet.testdata.CandleFiles;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ReplayTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final List<PaperExchange> opened = new ArrayList<>();

    @After
    public void closeAll() {
        opened.forEach(PaperExchange::close);
    }

    private PaperExchange open(Map<String, Object> config) throws IOException {
        PaperExchange exchange = new PaperExchange(config, temp.getRoot().toPath().resolve("acct"));
        opened.add(exchange);
        return exchange;
    }

    private PaperExchange fiveCandles() throws IOException {
        Path file = Fixture.replayFile(temp.newFolder().toPath(), "10,11,9,10", "10,12,10,11",
                "11,13,11,12", "12,12,10,11", "11,11,9,10");
        return open(Fixture.replayConfig(file));
    }

    private static Instant minute(int i) {
        return Instant.ofEpochMilli(Fixture.T0 + i * 60_000L);
    }

    @Test
    public void speedZeroWaitsForEachStageAndSkipsNothing() throws Exception {
        PaperExchange paper = fiveCandles();
        Steps steps = new Steps();
        paper.subscribeCandles("BTCUSDT", Interval.M1, null, steps);
        for (int i = 0; i < 5; i++) {
            Steps.Step step = steps.next();
            assertEquals(minute(i), step.candle().openTime());
            assertFalse(step.catchUp());
            assertTrue(step.candle().closed());
            assertNull("candle " + (i + 1) + " came before candle " + i + " was consumed",
                    steps.poll(150));
            step.done();
        }
        assertNull("the replay ends idle, with nothing invented", steps.poll(200));
        assertEquals(AccountStatus.UP, paper.health().status());
    }

    @Test
    public void theClockIsTheReplaysOwnOneCurrentCandleAtATime() throws Exception {
        PaperExchange paper = fiveCandles();
        assertEquals("no lateness: a replay's candles are never late", Duration.ZERO, paper.candleLateness());
        Steps steps = new Steps();
        paper.subscribeCandles("BTCUSDT", Interval.M1, null, steps);
        for (int i = 0; i < 3; i++) {
            Steps.Step step = steps.next();
            // while a candle is consumed the market stands at its close: it is the current one,
            // the one before closed a whole interval ago
            assertEquals(step.candle().closeTime(), paper.now());
            step.done();
        }
    }

    @Test
    public void waitsForEveryListener() throws Exception {
        PaperExchange paper = fiveCandles();
        Steps first = new Steps();
        Steps second = new Steps();
        paper.subscribeCandles("BTCUSDT", Interval.M1, null, first);
        Steps.Step zero = first.next();
        // joins while candle 0 is in flight; subscribe() is queued before zero.done()'s effect
        paper.subscribeCandles("BTCUSDT", Interval.M1, minute(0), second);
        zero.done();
        Steps.Step a = first.next();
        Steps.Step b = second.next();
        assertEquals(minute(1), a.candle().openTime());
        assertEquals(minute(1), b.candle().openTime());
        assertFalse(b.catchUp());
        a.done();
        assertNull("went on while a listener was still busy", first.poll(150));
        b.done();
        assertEquals(minute(2), first.next().candle().openTime());
    }

    @Test
    public void aFullSpeedReplayDeliversTheWholeFileInOrder() throws Exception {
        Path data = locate("UNITTEST_BTC-1m.csv");
        Map<String, Object> config = Fixture.replayConfig(data);
        PaperExchange paper = open(config);
        List<Candle> seen = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        ScheduledExecutorService bot = Executors.newSingleThreadScheduledExecutor();
        try {
            paper.subscribeCandles("BTCUSDT", Interval.M1, null, (candle, catchUp) -> {
                seen.add(candle);
                // consumed on another thread, as the runtime's mailbox would
                CompletableFuture<Void> consumed = CompletableFuture.runAsync(() -> { }, bot);
                if (seen.size() == 13_681) {
                    done.countDown();
                }
                return consumed;
            });
            assertTrue("replayed " + seen.size(), done.await(60, TimeUnit.SECONDS));
        } finally {
            bot.shutdown();
        }
        List<String> lines = Files.readAllLines(data);
        for (int i = 0; i < seen.size(); i++) {
            String[] f = lines.get(i + 1).split(",");
            assertEquals(Instant.ofEpochMilli(Long.parseLong(f[0])), seen.get(i).openTime());
            assertEquals(f[4], seen.get(i).close().toPlainString());
        }
    }

    @Test
    public void resumesRightAfterTheGivenCandleAsLive() throws Exception {
        PaperExchange paper = fiveCandles();
        Steps steps = new Steps();
        paper.subscribeCandles("BTCUSDT", Interval.M1, minute(2), steps);
        Steps.Step step = steps.next();
        assertEquals(minute(3), step.candle().openTime());
        assertFalse(step.catchUp());
        step.done();
        assertEquals(minute(4), steps.next().candle().openTime());
    }

    @Test
    public void resumesAfterAnInstantBetweenCandles() throws Exception {
        PaperExchange paper = fiveCandles();
        Steps steps = new Steps();
        paper.subscribeCandles("BTCUSDT", Interval.M1, minute(1).plusSeconds(30), steps);
        assertEquals(minute(2), steps.next().candle().openTime());
    }

    @Test
    public void aLateSubscriberCatchesUpOnWhatTheMarketPassed() throws Exception {
        PaperExchange paper = fiveCandles();
        Steps first = new Steps();
        paper.subscribeCandles("BTCUSDT", Interval.M1, null, first);
        first.next().done();
        first.next().done();
        Steps.Step third = first.next();   // candle 2 in flight
        Steps late = new Steps();
        paper.subscribeCandles("BTCUSDT", Interval.M1, null, late);
        // after=null joins live; after=minute(0) wants 1 and 2 first, as catch-up
        Steps behind = new Steps();
        paper.subscribeCandles("BTCUSDT", Interval.M1, minute(0), behind);
        Steps.Step c1 = behind.next();
        assertEquals(minute(1), c1.candle().openTime());
        assertTrue(c1.catchUp());
        c1.done();
        Steps.Step c2 = behind.next();
        assertEquals(minute(2), c2.candle().openTime());
        assertTrue(c2.catchUp());
        c2.done();
        third.done();
        Steps.Step live = behind.next();
        assertEquals(minute(3), live.candle().openTime());
        assertFalse(live.catchUp());
        assertEquals(minute(3), late.next().candle().openTime());
    }

    @Test
    public void aClosedSubscriptionNoLongerHoldsTheReplay() throws Exception {
        PaperExchange paper = fiveCandles();
        Steps kept = new Steps();
        Steps dropped = new Steps();
        paper.subscribeCandles("BTCUSDT", Interval.M1, null, kept);
        Steps.Step zero = kept.next();
        Subscription subscription = paper.subscribeCandles("BTCUSDT", Interval.M1, minute(0),
                dropped);
        zero.done();
        kept.next().done();
        assertEquals(minute(1), dropped.next().candle().openTime()); // never completed
        assertNull(kept.poll(100));
        subscription.close();
        subscription.close();     // idempotent
        assertEquals(minute(2), kept.next().candle().openTime());
        assertNull(dropped.poll(100));
    }

    @Test
    public void aFailingListenerDoesNotStopTheReplay() throws Exception {
        PaperExchange paper = fiveCandles();
        List<Instant> seen = new ArrayList<>();
        CountDownLatch five = new CountDownLatch(5);
        paper.subscribeCandles("BTCUSDT", Interval.M1, null, (candle, catchUp) -> {
            seen.add(candle.openTime());
            five.countDown();
            if (seen.size() % 2 == 0) {
                throw new IllegalStateException("listener bug");
            }
            return CompletableFuture.failedFuture(new IllegalStateException("stage failed"));
        });
        assertTrue(five.await(5, TimeUnit.SECONDS));
        assertEquals(List.of(minute(0), minute(1), minute(2), minute(3), minute(4)), seen);
    }

    @Test
    public void speedPacesByTheCandleTimestamps() throws Exception {
        Path file = Fixture.replayFile(temp.newFolder().toPath(), "10,11,9,10", "10,12,10,11",
                "11,13,11,12", "12,12,10,11");
        Map<String, Object> config = Fixture.replayConfig(file);
        config.put("replay.speed", "600");   // a minute of data every 100 ms
        PaperExchange paper = open(config);
        Steps steps = new Steps();
        paper.subscribeCandles("BTCUSDT", Interval.M1, null, steps);
        steps.next().done();
        long start = System.nanoTime();
        for (int i = 1; i < 4; i++) {
            steps.next().done();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue("3 candles at 600x took " + millis + " ms", millis >= 280 && millis < 2000);
    }

    @Test
    public void aSlowConsumerDelaysAPacedReplayButLosesNothing() throws Exception {
        Path file = Fixture.replayFile(temp.newFolder().toPath(), "10,11,9,10", "10,12,10,11",
                "11,13,11,12", "12,12,10,11", "11,11,9,10");
        Map<String, Object> config = Fixture.replayConfig(file);
        config.put("replay.speed", "6000");   // due every 10 ms; the consumer takes 40 ms
        PaperExchange paper = open(config);
        List<Instant> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch five = new CountDownLatch(5);
        ScheduledExecutorService slow = Executors.newSingleThreadScheduledExecutor();
        try {
            paper.subscribeCandles("BTCUSDT", Interval.M1, null, (candle, catchUp) -> {
                seen.add(candle.openTime());
                CompletableFuture<Void> consumed = new CompletableFuture<>();
                slow.schedule(() -> {
                    consumed.complete(null);
                    five.countDown();
                }, 40, TimeUnit.MILLISECONDS);
                return consumed;
            });
            assertTrue(five.await(5, TimeUnit.SECONDS));
        } finally {
            slow.shutdown();
        }
        assertEquals(List.of(minute(0), minute(1), minute(2), minute(3), minute(4)), seen);
    }

    @Test
    public void historyNeverShowsTheFuture() throws Exception {
        PaperExchange paper = fiveCandles();
        List<Candle> all = await(paper.candleHistory("BTCUSDT", Interval.M1, minute(0), minute(10)));
        assertEquals("before the replay starts: the file", 5, all.size());
        Steps steps = new Steps();
        paper.subscribeCandles("BTCUSDT", Interval.M1, minute(0), steps);
        steps.next();  // candle 1 delivered
        List<Candle> history = await(paper.candleHistory("BTCUSDT", Interval.M1, minute(0),
                minute(10)));
        assertEquals(List.of(minute(0), minute(1)),
                history.stream().map(Candle::openTime).toList());
    }

    @Test
    public void otherSymbolsOrIntervalsAreNotFound() throws Exception {
        PaperExchange paper = fiveCandles();
        try {
            paper.subscribeCandles("ETHUSDT", Interval.M1, null, new Steps());
        } catch (ExchangeException e) {
            assertEquals(ErrorKind.NOT_FOUND, e.kind());
            assertTrue(e.getMessage(), e.getMessage().contains("BTCUSDT 1m only"));
        }
        try {
            paper.subscribeCandles("BTCUSDT", Interval.M5, null, new Steps());
        } catch (ExchangeException e) {
            assertEquals(ErrorKind.NOT_FOUND, e.kind());
        }
    }

    @Test
    public void aMissingFileMakesTheAccountDownButAlive() throws Exception {
        Map<String, Object> config = Fixture.replayConfig(temp.getRoot().toPath().resolve("nope.csv"));
        PaperExchange paper = open(config);
        assertEquals(AccountStatus.DOWN, paper.health().status());
        assertTrue(paper.health().detail(), paper.health().detail().contains("nope.csv"));
        paper.subscribeCandles("BTCUSDT", Interval.M1, null, new Steps()).close();
        assertEquals(1, await(paper.balances()).stream()
                .filter(b -> b.coin().equals("USDT")).count());
    }

    @Test
    public void subscribersWaitForAMissingFileAndStartWhenItAppears() throws Exception {
        Path file = temp.getRoot().toPath().resolve("later.csv");
        PaperExchange paper = open(Fixture.replayConfig(file));
        Steps waiting = new Steps();
        paper.subscribeCandles("BTCUSDT", Interval.M1, null, waiting);
        paper.subscribeCandles("BTCUSDT", Interval.M1, null, new Steps()).close();
        paper.retryReplayNow();
        assertNull(waiting.poll(100));
        assertEquals(AccountStatus.DOWN, paper.health().status());

        Files.move(Fixture.replayFile(temp.newFolder().toPath(), "10,11,9,10", "10,12,10,11"),
                file);
        paper.retryReplayNow();
        Steps.Step first = waiting.next();
        assertEquals(minute(0), first.candle().openTime());
        assertEquals(AccountStatus.UP, paper.health().status());
        assertEquals(0, BigDecimal.ONE.compareTo(await(paper.instrument("BTCUSDT")).tickSize()));
        first.done();
        assertEquals(minute(1), waiting.next().candle().openTime());
    }

    @Test
    public void corruptRowsAreSkippedAndReported() throws Exception {
        Path file = temp.newFile("bad.csv").toPath();
        Files.write(file, List.of(Fixture.HEADER,
                Fixture.T0 + ",10,11,9,10,1",
                (Fixture.T0 + 60_000) + ",10,abc,9,10,1",
                (Fixture.T0 + 120_000) + ",10,11,12,10,1",
                Fixture.T0 + ",10,11,9,10,1",
                (Fixture.T0 + 180_000) + ",10,11,9",
                (Fixture.T0 + 240_000) + ",10,11,9,11,1"));
        PaperExchange paper = open(Fixture.replayConfig(file));
        assertEquals(AccountStatus.DEGRADED, paper.health().status());
        assertTrue(paper.health().detail(), paper.health().detail().startsWith("4 unreadable rows"));
        Steps steps = new Steps();
        paper.subscribeCandles("BTCUSDT", Interval.M1, null, steps);
        steps.next().done();
        assertEquals(minute(4), steps.next().candle().openTime());
    }

    static Path locate(String name) {
        return CandleFiles.path(name);
    }
}
