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
        final List<Candle> published = new ArrayList<>();
        final List<Instant> historyFrom = new ArrayList<>();
        private final List<CompletableFuture<List<Candle>>> pending = new ArrayList<>();
        private final List<Instant> pendingFrom = new ArrayList<>();
        private final List<Instant> pendingTo = new ArrayList<>();
        private CandleListener listener;

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
