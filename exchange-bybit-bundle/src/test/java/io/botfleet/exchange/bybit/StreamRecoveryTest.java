package io.botfleet.exchange.bybit;

import static io.botfleet.exchange.bybit.Fixture.await;
import static io.botfleet.exchange.bybit.Fixture.eventually;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.exchange.AccountStatus;
import io.botfleet.api.exchange.CandleListener;
import io.botfleet.api.exchange.ExchangeOrder;
import io.botfleet.api.exchange.Execution;
import io.botfleet.api.exchange.OrderUpdateListener;
import io.botfleet.api.market.Interval;
import io.botfleet.exchange.bybit.fake.FakeBybit;
import io.botfleet.exchange.bybit.fake.FakeMarket;
import io.botfleet.exchange.bybit.fake.RequestLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.After;
import org.junit.Test;

/**
 * A stream that the server ends (close frame or bare TCP close), that goes silent, or whose
 * login is refused for clock skew, is noticed and reconnected in time: private and public
 * stream alike, each against the fake's real WebSocket server.
 *
 * <p>The close cases run with the production heartbeat (ping every 20 s): a close must be noticed
 * from the connection itself, within a second, not by the heartbeat; the reconnect then follows
 * the production backoff (first delay 0.25-0.5 s). The silence cases shorten the ping interval
 * to 1 s (the rule is the same: dead one pong timeout, half an interval, after an unanswered ping).
 */
public class StreamRecoveryTest {

    private static final long STEP = 60_000;
    private static final String TOPIC = "kline.1.BTCUSDT";
    /** A close must be noticed within this. */
    private static final long NOTICE_MS = 1_000;
    /** The production backoff's first delay: 0.5 s, jittered down to at most half. */
    private static final long FIRST_DELAY_MIN_MS = 250;
    private static final long FIRST_DELAY_MAX_MS = 500;

    private FakeBybit fake;
    private BybitExchangeAdapter adapter;
    private final List<Long> candles = new ArrayList<>();

    @After
    public void stop() {
        if (adapter != null) {
            adapter.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    /** Production stream timings (ping 20 s, reconnect 0.5 s doubling to 30 s), quick REST. */
    private static BybitSettings.Tuning productionHeartbeat() {
        BybitSettings.Tuning d = BybitSettings.Tuning.defaults();
        return Fixture.fastTuning().withPingInterval(d.pingInterval())
                .withReconnect(d.reconnectMin(), d.reconnectMax());
    }

    private void startAdapter(BybitSettings.Tuning tuning) {
        adapter = new BybitExchangeAdapter(Fixture.settings(fake, Category.LINEAR).tuning(tuning).build());
    }

    private void subscribePrivate() {
        adapter.subscribeOrders(new OrderUpdateListener() {
            @Override
            public void onOrderUpdate(ExchangeOrder order) {
            }

            @Override
            public void onExecution(Execution execution) {
            }
        });
        eventually("private stream live", () -> fake.privateSubscribers() == 1
                && adapter.health().status() == AccountStatus.UP);
    }

    private final CandleListener recorder = (candle, catchUp) -> {
        synchronized (candles) {
            candles.add(candle.openTime().toEpochMilli());
        }
        return CompletableFuture.completedFuture(null);
    };

    private long base;

    private void subscribePublic() {
        base = System.currentTimeMillis() / STEP * STEP - 30 * STEP; // closed candles only
        fake.market().addKline("BTCUSDT", "1", kline(0));
        adapter.subscribeCandles("BTCUSDT", Interval.M1, Instant.ofEpochMilli(base - STEP), recorder);
        eventually("public stream subscribed", () -> fake.publicSubscribers(TOPIC) == 1
                && adapter.health().status() == AccountStatus.UP);
        eventually("the first candle", () -> delivered() == 1);
    }

    private FakeMarket.Kline kline(int i) {
        return FakeMarket.kline(base + i * STEP, Integer.toString(30000 + i));
    }

    private int delivered() {
        synchronized (candles) {
            return candles.size();
        }
    }

    /** Candles flow over the stream again: a pushed one arrives (and REST does not have it). */
    private void candleArrivesLive(int i) {
        fake.pushKline("BTCUSDT", "1", kline(i), true);
        eventually("candle " + i + " live", () -> delivered() == i + 1);
    }

    // ---- private stream ----------------------------------------------------------------------

    @Test
    public void privateStreamClosedWithACloseFrame() {
        fake = FakeBybit.start();
        startAdapter(productionHeartbeat());
        subscribePrivate();
        awaitRecovery("private", "close frame", () -> fake.closePrivateWs(1000), "/v5/private",
                () -> fake.privateSubscribers() == 1);
    }

    @Test
    public void privateStreamCutWithoutACloseFrame() {
        fake = FakeBybit.start();
        startAdapter(productionHeartbeat());
        subscribePrivate();
        awaitRecovery("private", "TCP close", fake::dropPrivateWs, "/v5/private",
                () -> fake.privateSubscribers() == 1);
    }

    /**
     * The cut that went unnoticed in the end-to-end tests: the connection closed while the client
     * was busy with the messages just before (the JDK's WebSocket client lost 10-20 % of those).
     */
    @Test
    public void privateStreamCutRightAfterMessagesIsNoticedEveryTime() {
        fake = FakeBybit.start();
        startAdapter(productionHeartbeat());
        subscribePrivate();
        for (int round = 0; round < 20; round++) {
            awaitRecovery("private", "TCP close after a burst", () -> fake.burstThenDropWs("/v5/private", 5),
                    "/v5/private", () -> fake.privateSubscribers() == 1);
        }
    }

    @Test
    public void privateStreamGoneSilent() {
        fake = FakeBybit.start();
        BybitSettings.Tuning tuning = productionHeartbeat().withPingInterval(Duration.ofSeconds(1));
        startAdapter(tuning);
        subscribePrivate();
        awaitSilenceNoticed("private", fake::silencePrivateWs, tuning, "/v5/private",
                () -> fake.privateSubscribers() == 1);
    }

    /**
     * The e2e market start: Bybit's clock jumps (here a day ahead of what the adapter measured),
     * the stream drops, the next login is refused as expired, the adapter re-measures the clock,
     * and logs in again at once instead of after a backoff delay.
     */
    @Test
    public void loginRefusedForClockSkewLogsInAgainRightAfterTheResync() {
        fake = FakeBybit.start();
        fake.clockSkew(-86_400_000L);
        startAdapter(productionHeartbeat());
        subscribePrivate();
        // the adapter measures the clock twice at start: the jump below must come after both
        // (a second measurement answered after it finds the clock right, and no login is refused)
        eventually("both start-up clock measurements asked", () -> fake.log().count("/v5/market/time") >= 2);
        await(adapter.syncClock());
        fake.clockSkew(0);
        fake.log().clear();
        long cut = System.nanoTime();
        fake.dropPrivateWs();
        eventually("logged in again", () -> fake.privateSubscribers() == 1);
        long recovered = System.nanoTime();
        List<RequestLog.Entry> log = fake.log().entries();
        RequestLog.Entry refused = first(log, e -> e.query().equals("auth") && e.retCode() != 0, Long.MIN_VALUE);
        RequestLog.Entry resync = first(log, e -> e.path().equals("/v5/market/time"), refused.arrivalNanos());
        RequestLog.Entry accepted = first(log, e -> e.query().equals("auth") && e.retCode() == 0,
                resync.arrivalNanos());
        long sinceResync = ms(accepted.arrivalNanos() - resync.arrivalNanos());
        System.out.printf("[figure] private stream, refused login: re-sync %d ms after the refusal, login %d ms"
                + " after the re-sync, live %d ms after the cut%n", ms(resync.arrivalNanos() - refused.arrivalNanos()),
                sinceResync, ms(recovered - cut));
        assertTrue("logged in again " + sinceResync + " ms after the clock re-sync", sinceResync <= 2_000);
        assertEquals("one refused login", 1, log.stream()
                .filter(e -> e.query().equals("auth") && e.retCode() != 0).count());
        eventually("UP", () -> adapter.health().status() == AccountStatus.UP);
    }

    /** A key the venue refuses is not retried in a tight loop: each refusal waits longer. */
    @Test
    public void loginRefusedForABadKeyBacksOff() throws Exception {
        fake = FakeBybit.start();
        adapter = new BybitExchangeAdapter(Fixture.settings(fake, Category.LINEAR).apiSecret("not-the-secret")
                .tuning(productionHeartbeat()).build());
        adapter.subscribeOrders(new OrderUpdateListener() {
            @Override
            public void onOrderUpdate(ExchangeOrder order) {
            }

            @Override
            public void onExecution(Execution execution) {
            }
        });
        Thread.sleep(3_000);
        long logins = fake.log().entries().stream().filter(e -> e.query().equals("auth")).count();
        // immediate retry after the first re-sync, then 0.25-0.5 s, 0.5-1 s, 1-2 s: at most 5 in 3 s
        assertTrue("logins in 3 s: " + logins, logins >= 2 && logins <= 5);
        assertEquals(AccountStatus.DOWN, adapter.health().status());
    }

    // ---- public stream -----------------------------------------------------------------------

    @Test
    public void publicStreamClosedWithACloseFrame() {
        fake = FakeBybit.start();
        startAdapter(productionHeartbeat());
        subscribePublic();
        awaitRecovery("public", "close frame", () -> fake.closePublicWs(1000), "/v5/public/linear",
                () -> fake.publicSubscribers(TOPIC) == 1);
        candleArrivesLive(1);
    }

    @Test
    public void publicStreamCutWithoutACloseFrame() {
        fake = FakeBybit.start();
        startAdapter(productionHeartbeat());
        subscribePublic();
        awaitRecovery("public", "TCP close", fake::dropPublicWs, "/v5/public/linear",
                () -> fake.publicSubscribers(TOPIC) == 1);
        candleArrivesLive(1);
    }

    @Test
    public void publicStreamCutRightAfterMessagesIsNoticedEveryTime() {
        fake = FakeBybit.start();
        startAdapter(productionHeartbeat());
        subscribePublic();
        for (int round = 0; round < 20; round++) {
            awaitRecovery("public", "TCP close after a burst", () -> fake.burstThenDropWs("/v5/public", 5),
                    "/v5/public/linear", () -> fake.publicSubscribers(TOPIC) == 1);
        }
        candleArrivesLive(1);
    }

    @Test
    public void publicStreamGoneSilent() {
        fake = FakeBybit.start();
        BybitSettings.Tuning tuning = productionHeartbeat().withPingInterval(Duration.ofSeconds(1));
        startAdapter(tuning);
        subscribePublic();
        awaitSilenceNoticed("public", fake::silencePublicWs, tuning, "/v5/public/linear",
                () -> fake.publicSubscribers(TOPIC) == 1);
        candleArrivesLive(1);
    }

    /**
     * While the public stream cannot be reached, candles still come, from REST, one poll interval
     * late at most (200 ms here, 5 s in production); when it is back they come live again, each
     * candle once.
     */
    @Test
    public void candlesArriveFromRestWhileThePublicStreamIsDown() {
        fake = FakeBybit.start();
        startAdapter(Fixture.fastTuning().withPingInterval(Duration.ofSeconds(20)));
        subscribePublic();
        fake.refusePublicWs(true);
        fake.dropPublicWs();
        eventually("public stream seen down", () -> adapter.health().detail().contains("public stream down"));
        for (int i = 1; i <= 3; i++) {
            fake.market().addKline("BTCUSDT", "1", kline(i)); // closed, and nobody pushes it
            int want = i + 1;
            long published = System.nanoTime();
            eventually("candle " + i + " from REST", () -> delivered() == want);
            long late = ms(System.nanoTime() - published);
            assertTrue("candle " + i + " polled " + late + " ms after it closed", late < 2_000);
        }
        fake.refusePublicWs(false);
        eventually("public stream back", () -> fake.publicSubscribers(TOPIC) == 1
                && adapter.health().status() == AccountStatus.UP);
        candleArrivesLive(4);
        synchronized (candles) {
            assertEquals("each candle once, in order", List.of(base, base + STEP, base + 2 * STEP, base + 3 * STEP,
                    base + 4 * STEP), candles);
        }
    }

    // ---- measuring ----------------------------------------------------------------------------

    /**
     * Cuts the stream, then checks: noticed (the account reads the stream down) within
     * {@link #NOTICE_MS}; the next connection attempt no sooner than the backoff's first delay
     * allows and no later than notice + that delay; the stream back.
     */
    private void awaitRecovery(String stream, String how, Runnable cut, String path, BooleanSupplier back) {
        String down = stream + " stream down";
        fake.log().clear();
        long cutAt = System.nanoTime();
        cut.run();
        long noticed = awaitNanos(() -> adapter.health().detail().contains(down), 5_000) - cutAt;
        eventually(stream + " stream back", back);
        long backAt = System.nanoTime();
        RequestLog.Entry reconnect = first(fake.log().entries(),
                e -> e.path().equals(path) && e.query().equals("connect"), cutAt);
        long reconnectMs = ms(reconnect.arrivalNanos() - cutAt);
        System.out.printf("[figure] %s stream, %s: noticed in %d ms, reconnected after %d ms, live after %d ms%n",
                stream, how, ms(noticed), reconnectMs, ms(backAt - cutAt));
        assertTrue(how + " noticed after " + ms(noticed) + " ms", ms(noticed) <= NOTICE_MS);
        assertTrue("reconnect after " + reconnectMs + " ms: the backoff's first delay is at least "
                + FIRST_DELAY_MIN_MS, reconnectMs >= FIRST_DELAY_MIN_MS);
        assertTrue("reconnect after " + reconnectMs + " ms", reconnectMs <= ms(noticed) + FIRST_DELAY_MAX_MS + 500);
        eventually("UP", () -> adapter.health().status() == AccountStatus.UP);
    }

    /** Silences the stream; it must be declared dead one ping interval plus one pong timeout later at most. */
    private void awaitSilenceNoticed(String stream, Runnable silence, BybitSettings.Tuning tuning, String path,
                                     BooleanSupplier back) {
        long ping = tuning.pingInterval().toMillis();
        long window = ping + ping / 2;
        fake.log().clear();
        long silentAt = System.nanoTime();
        silence.run();
        long noticed = ms(awaitNanos(() -> adapter.health().detail().contains(stream + " stream down"),
                10 * window) - silentAt);
        eventually(stream + " stream back", back);
        RequestLog.Entry reconnect = first(fake.log().entries(),
                e -> e.path().equals(path) && e.query().equals("connect"), silentAt);
        System.out.printf("[figure] %s stream silent: noticed in %d ms (ping %d ms), reconnected after %d ms%n",
                stream, noticed, ping, ms(reconnect.arrivalNanos() - silentAt));
        // a margin for the timer thread of a loaded machine
        assertTrue("silence noticed after " + noticed + " ms; window " + window, noticed <= window + 500);
        eventually("UP", () -> adapter.health().status() == AccountStatus.UP);
    }

    private static long awaitNanos(BooleanSupplier condition, long timeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeoutMs + " ms");
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return System.nanoTime();
    }

    private static RequestLog.Entry first(List<RequestLog.Entry> log, Predicate<RequestLog.Entry> p,
                                          long notBefore) {
        return log.stream().filter(e -> e.arrivalNanos() >= notBefore && p.test(e)).findFirst()
                .orElseThrow(() -> new AssertionError("not in the fake's log: " + log));
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
