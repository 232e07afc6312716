package io.botfleet.runtime.market;

import io.botfleet.api.exchange.CandleListener;
import io.botfleet.api.exchange.ExchangeAdapter;
import io.botfleet.api.exchange.Subscription;
import io.botfleet.api.market.Candle;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares market data: one exchange subscription per (account, symbol, interval), fanned out to
 * every bot on it. A feed opens with its first bot and closes with its last. Each bot drops
 * candles it has already processed, so a bot joining a feed, or a feed restarting behind a bot,
 * never makes it see a candle twice.
 */
public final class MarketDataHub {

    private static final Logger LOG = LoggerFactory.getLogger(MarketDataHub.class);

    private final Map<FeedKey, Feed> feeds = new ConcurrentHashMap<>();
    private final Map<FeedKey, RecentCandles> recent = new ConcurrentHashMap<>();

    /**
     * Adds a bot to a feed, opening the feed when it is the first.
     *
     * @param after the last candle the bot processed (null: none); used when the feed opens
     */
    public void subscribe(FeedKey key, ExchangeAdapter adapter, Instant after, CandleConsumer consumer) {
        synchronized (feeds) {
            Feed feed = feeds.get(key);
            if (feed == null || feed.adapter != adapter) {
                if (feed != null) {
                    feed.close();
                }
                feed = new Feed(recent.computeIfAbsent(key, k -> new RecentCandles()), adapter);
                feeds.put(key, feed);
                feed.consumers.add(consumer);
                feed.open(key, after);
                return;
            }
            feed.join(key, after, consumer);
        }
    }

    /** Removes a bot from its feed, closing the feed when it was the last. */
    public void unsubscribe(FeedKey key, CandleConsumer consumer) {
        synchronized (feeds) {
            Feed feed = feeds.get(key);
            if (feed != null && feed.consumers.removeIf(c -> leaves(c, consumer)) && feed.consumers.isEmpty()) {
                feeds.remove(key);
                feed.close();
            }
        }
    }

    private static boolean leaves(CandleConsumer member, CandleConsumer consumer) {
        if (member instanceof LateJoiner joiner && joiner.target == consumer) {
            joiner.close();
            return true;
        }
        return member == consumer;
    }

    /** Recent closed candles of a feed, oldest first, up to {@code upTo} (null: all). */
    public List<Candle> recent(FeedKey key, int limit, Instant upTo) {
        RecentCandles candles = recent.get(key);
        return candles == null ? List.of() : candles.recent(limit, upTo);
    }

    /** Open feeds, for diagnostics and tests. */
    public int openFeeds() {
        return feeds.size();
    }

    public void closeAll() {
        synchronized (feeds) {
            feeds.values().forEach(Feed::close);
            feeds.clear();
        }
    }

    private static final class Feed implements CandleListener {
        final List<CandleConsumer> consumers = new CopyOnWriteArrayList<>();
        final RecentCandles recent;
        final ExchangeAdapter adapter;
        private volatile Subscription subscription;

        Feed(RecentCandles recent, ExchangeAdapter adapter) {
            this.recent = recent;
            this.adapter = adapter;
        }

        /** Where the feed started (null: live from its opening) and the last candle it delivered. */
        private volatile Instant openedAfter;
        private volatile Instant lastDelivered;

        void open(FeedKey key, Instant after) {
            openedAfter = after;
            subscription = adapter.subscribeCandles(key.symbol(), key.interval(), after, this);
        }

        /**
         * Adds a bot to the open feed. Judged against the last candle delivered and joined in one
         * step with respect to {@link #onCandle}: a candle goes out either to a list that already
         * holds the bot, or before the bot's look at the feed, so that a joiner behind it fetches
         * that candle from history. Either way none is lost between the look and the join.
         */
        synchronized void join(FeedKey key, Instant after, CandleConsumer consumer) {
            if (after != null && behind(after)) {
                // the feed's catch-up may already have gone by: this bot fetches what it missed
                LateJoiner joiner = new LateJoiner(consumer, key, adapter, after, lastDelivered);
                consumers.add(joiner);
                joiner.start();
                return;
            }
            consumers.add(consumer);
        }

        /** Whether a bot that processed up to {@code after} may have missed candles of this feed. */
        private boolean behind(Instant after) {
            Instant last = lastDelivered;
            Instant from = openedAfter;
            return last != null ? after.isBefore(last) : from == null || after.isBefore(from);
        }

        @Override
        public CompletionStage<?> onCandle(Candle candle, boolean catchUp) {
            CandleConsumer[] receivers;
            synchronized (this) {
                lastDelivered = candle.openTime();
                receivers = consumers.toArray(new CandleConsumer[0]);
            }
            recent.add(candle);
            // offered outside the lock: a join waits for the snapshot, not for every bot's offer
            CompletableFuture<?>[] consumed = new CompletableFuture<?>[receivers.length];
            for (int i = 0; i < receivers.length; i++) {
                consumed[i] = receivers[i].offer(candle, catchUp).toCompletableFuture();
            }
            return CompletableFuture.allOf(consumed);
        }

        void close() {
            Subscription s = subscription;
            if (s != null) {
                try {
                    s.close();
                } catch (RuntimeException e) {
                    LOG.warn("closing a market data subscription failed", e);
                }
            }
        }
    }
}
