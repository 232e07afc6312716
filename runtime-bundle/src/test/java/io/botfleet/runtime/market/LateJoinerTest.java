package io.botfleet.runtime.market;

import static org.junit.Assert.assertEquals;

import io.botfleet.api.bot.ExchangeRef;
import io.botfleet.api.exchange.AccountHealth;
import io.botfleet.api.exchange.Balance;
import io.botfleet.api.exchange.CandleListener;
import io.botfleet.api.exchange.ExchangeAdapter;
import io.botfleet.api.exchange.ExchangeOrder;
import io.botfleet.api.exchange.Execution;
import io.botfleet.api.exchange.OrderAck;
import io.botfleet.api.exchange.OrderRequest;
import io.botfleet.api.exchange.OrderUpdateListener;
import io.botfleet.api.exchange.Subscription;
import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Instrument;
import io.botfleet.api.market.Interval;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.Test;

/**
 * A bot joining a shared feed behind it gets the candles it missed, once each and in order, before
 * the live ones — also when live candles arrive while its history is being fetched.
 */
public class LateJoinerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final FeedKey KEY = new FeedKey(new ExchangeRef("venue", "a"), "BTCUSDT", Interval.M1);

    private final Venue venue = new Venue();
    private final MarketDataHub hub = new MarketDataHub();

    @Test
    public void aBotRejoiningBehindTheFeedMissesNothing() {
        Recorder first = new Recorder();
        Recorder late = new Recorder();
        hub.subscribe(KEY, venue, candle(0).openTime(), first);
        for (int i = 1; i <= 3; i++) {
            venue.deliver(candle(i), true); // the feed's own catch-up, before the second bot joins
        }
        hub.subscribe(KEY, venue, candle(0).openTime(), late);
        venue.deliver(candle(4), false); // live while the late bot's history is being fetched
        venue.answerHistory();
        venue.deliver(candle(5), false);

        assertEquals(List.of("1c", "2c", "3c", "4l", "5l"), first.got);
        assertEquals(List.of("1c", "2c", "3c", "4l", "5l"), late.got);
        assertEquals("one history fetch, from the candle after the bot's last",
                List.of(candle(1).openTime()), venue.historyFrom);
    }

    @Test
    public void aNewBotJoinsLiveAndALeavingJoinerIsRemoved() {
        Recorder first = new Recorder();
        Recorder fresh = new Recorder();
        hub.subscribe(KEY, venue, null, first);
        venue.deliver(candle(1), false);
        hub.subscribe(KEY, venue, null, fresh); // no progress: nothing to catch up
        venue.deliver(candle(2), false);
        assertEquals(List.of("2l"), fresh.got);
        assertEquals(List.of(), venue.historyFrom);

        Recorder late = new Recorder();
        hub.subscribe(KEY, venue, candle(0).openTime(), late);
        hub.unsubscribe(KEY, late);
        venue.answerHistory();
        venue.deliver(candle(3), false);
        assertEquals(List.of(), late.got);
        assertEquals(List.of("1l", "2l", "3l"), first.got);
    }

    /**
     * Bots joining the feed while it delivers, each from a candle it processed a moment ago (as
     * bots restarted together rejoin from slightly different commits): whether a joiner is added
     * just before or just after a candle goes out, it must get every candle after its own, once.
     */
    @Test
    public void botsJoiningWhileTheFeedDeliversMissNothing() throws Exception {
        venue.answerAtOnce();
        hub.subscribe(KEY, venue, null, new Follower(null)); // opens the feed
        int candles = 20_000;
        Thread feed = new Thread(() -> {
            for (int i = 1; i <= candles; i++) {
                venue.deliver(candle(i), false);
            }
        });
        List<Follower> joiners = new ArrayList<>();
        Random random = new Random(7);
        feed.start();
        while (feed.isAlive() && joiners.size() < 1_000) {
            int latest = venue.latest();
            if (latest < 2) {
                continue;
            }
            Instant after = candle(latest - random.nextInt(2)).openTime();
            Follower joiner = new Follower(after);
            hub.subscribe(KEY, venue, after, joiner);
            joiners.add(joiner);
        }
        feed.join();
        int broken = 0;
        String first = null;
        for (Follower joiner : joiners) {
            String problem = joiner.problem(candle(candles).openTime());
            if (problem != null) {
                broken++;
                first = first == null ? problem : first;
            }
        }
        assertEquals(broken + " of " + joiners.size() + " joiners lost candles; first: " + first, 0, broken);
    }

    /** A bot as far as its candles go: drops what it has processed, notes the first candle it skipped. */
    private static final class Follower implements CandleConsumer {
        private final Instant joinedAfter;
        private Instant last;
        private volatile String skipped;

        Follower(Instant after) {
            this.joinedAfter = after;
            this.last = after;
        }

        @Override
        public synchronized CompletionStage<?> offer(Candle candle, boolean catchUp) {
            if (last == null || candle.openTime().isAfter(last)) {
                if (last != null && skipped == null && !candle.openTime().equals(last.plusSeconds(60))) {
                    skipped = "joined after " + joinedAfter + ", got " + candle.openTime() + " after " + last;
                }
                last = candle.openTime();
            }
            return CompletableFuture.completedFuture(null);
        }

        synchronized String problem(Instant end) {
            if (skipped != null) {
                return skipped;
            }
            return end.equals(last) ? null : "joined after " + joinedAfter + ", ended at " + last;
        }
    }

    private static Candle candle(int i) {
        BigDecimal p = BigDecimal.valueOf(100 + i);
        return new Candle("BTCUSDT", Interval.M1, T0.plusSeconds(60L * i), p, p, p, p, BigDecimal.ONE, true);
    }

    private static final class Recorder implements CandleConsumer {
        final List<String> got = new CopyOnWriteArrayList<>();

        @Override
        public CompletionStage<?> offer(Candle candle, boolean catchUp) {
            got.add((candle.openTime().getEpochSecond() - T0.getEpochSecond()) / 60 + (catchUp ? "c" : "l"));
            return CompletableFuture.completedFuture(null);
        }
    }

    /** The exchange side of one feed: the test delivers candles and answers history by hand. */
    private static final class Venue implements ExchangeAdapter {
        final List<Candle> published = new CopyOnWriteArrayList<>();
        final List<Instant> historyFrom = new ArrayList<>();
        private final List<CompletableFuture<List<Candle>>> pending = new ArrayList<>();
        private final List<Instant> pendingFrom = new ArrayList<>();
        private final List<Instant> pendingTo = new ArrayList<>();
        private volatile CandleListener listener;
        private volatile boolean answerAtOnce;

        /** History is answered when asked (from what was published), as a fast REST would. */
        void answerAtOnce() {
            answerAtOnce = true;
        }

        /** The index of the newest candle published (its REST history is written before its push). */
        int latest() {
            return published.size();
        }

        void deliver(Candle candle, boolean catchUp) {
            published.add(candle);
            listener.onCandle(candle, catchUp);
        }

        void answerHistory() {
            for (int i = 0; i < pending.size(); i++) {
                Instant from = pendingFrom.get(i);
                Instant to = pendingTo.get(i);
                pending.get(i).complete(published.stream()
                        .filter(c -> !c.openTime().isBefore(from) && c.openTime().isBefore(to)).toList());
            }
            pending.clear();
            pendingFrom.clear();
            pendingTo.clear();
        }

        @Override
        public CompletionStage<List<Candle>> candleHistory(String symbol, Interval interval, Instant from, Instant to) {
            if (answerAtOnce) {
                return CompletableFuture.completedFuture(published.stream()
                        .filter(c -> !c.openTime().isBefore(from) && c.openTime().isBefore(to)).toList());
            }
            if (!historyFrom.isEmpty() && from.isAfter(historyFrom.get(historyFrom.size() - 1))) {
                // the joiner asks for the next page: nothing more
                return CompletableFuture.completedFuture(List.of());
            }
            historyFrom.add(from);
            CompletableFuture<List<Candle>> answer = new CompletableFuture<>();
            pending.add(answer);
            pendingFrom.add(from);
            pendingTo.add(to);
            return answer;
        }

        @Override
        public Subscription subscribeCandles(String symbol, Interval interval, Instant after, CandleListener l) {
            listener = l;
            return () -> listener = null;
        }

        @Override
        public String exchangeId() {
            return "venue";
        }

        @Override
        public String account() {
            return "a";
        }

        @Override
        public AccountHealth health() {
            return AccountHealth.up();
        }

        @Override
        public CompletionStage<OrderAck> place(OrderRequest order) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<ExchangeOrder> cancel(String symbol, String clientOrderId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<Optional<ExchangeOrder>> findByClientOrderId(String symbol, String clientOrderId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<List<ExchangeOrder>> openOrders(String symbol) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<List<Execution>> executions(String symbol, Instant since) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<List<Balance>> balances() {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<Instrument> instrument(String symbol) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Subscription subscribeOrders(OrderUpdateListener listener) {
            throw new UnsupportedOperationException();
        }
    }
}
