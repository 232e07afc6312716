package io.botfleet.runtime.market;

import io.botfleet.api.exchange.ExchangeAdapter;
import io.botfleet.api.market.Candle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bot joining a feed that is already open, behind it: the candles it has not processed and the
 * feed delivered before it joined are fetched from the exchange's history and offered first
 * (as catch-up), while live candles wait in a buffer; then the buffer, then live delivery. Which
 * of them are traded is the bot's decision by the exchange's clock ({@link CandleCurrency}): the
 * newest, closed within one interval plus the margin, is, however it came.
 *
 * <p>Without it a bot that rejoins a shared feed a moment after the others (after a suspension,
 * a watchdog restart, a server restart with several bots on one symbol) would lose the candles
 * the feed's own catch-up delivered before it joined.
 */
final class LateJoiner implements CandleConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(LateJoiner.class);
    static final int ATTEMPTS = 5;
    static final long RETRY_MILLIS = 2_000;
    /** History pages one catch-up may walk (a page is up to 1000 candles on Bybit). */
    static final int MAX_PAGES = 20;

    final CandleConsumer target;
    private final FeedKey key;
    private final ExchangeAdapter adapter;
    private final List<Pending> buffer = new ArrayList<>();
    private Instant lastOffered;
    private boolean live;
    private boolean closed;

    private record Pending(Candle candle, boolean catchUp) {
    }

    /** The feed's last delivered candle when the bot joined (null: none yet): history ends there. */
    private final Instant upTo;

    LateJoiner(CandleConsumer target, FeedKey key, ExchangeAdapter adapter, Instant after, Instant upTo) {
        this.target = target;
        this.key = key;
        this.adapter = adapter;
        this.lastOffered = after;
        this.upTo = upTo;
    }

    /** Starts the catch-up; live candles are buffered until it is done. */
    void start() {
        fetch(lastOffered.plus(key.interval().duration()), 1, 0);
    }

    /** The bot left the feed: nothing more reaches it from here (a late answer must not interleave with its next feed). */
    synchronized void close() {
        closed = true;
        buffer.clear();
    }

    @Override
    public synchronized CompletionStage<?> offer(Candle candle, boolean catchUp) {
        if (closed) {
            return CompletableFuture.completedFuture(null);
        }
        if (!live) {
            buffer.add(new Pending(candle, catchUp));
            return CompletableFuture.completedFuture(null);
        }
        return target.offer(candle, catchUp);
    }

    private void fetch(Instant from, int attempt, int page) {
        // up to the feed's last candle; anything later reaches the buffer (or, before the feed's
        // first candle, every closed candle by the exchange's clock: the adapter knows which have closed)
        Instant to = upTo != null ? upTo.plusMillis(1) : adapter.now().plus(key.interval().duration());
        CompletionStage<List<Candle>> history;
        try {
            history = adapter.candleHistory(key.symbol(), key.interval(), from, to);
        } catch (RuntimeException e) {
            history = CompletableFuture.failedFuture(e);
        }
        history.whenComplete((candles, failure) -> {
            if (isClosed()) {
                return;
            }
            if (failure != null) {
                if (attempt < ATTEMPTS) {
                    CompletableFuture.delayedExecutor(RETRY_MILLIS, TimeUnit.MILLISECONDS)
                            .execute(() -> fetch(from, attempt + 1, page));
                } else {
                    LOG.error("{}: a bot rejoining the feed could not fetch the candles after {} ({}); "
                            + "it continues with the live ones", key, lastOffered, failure.toString());
                    goLive();
                }
                return;
            }
            boolean progressed = offerHistory(candles);
            if (progressed && page + 1 < MAX_PAGES && (upTo == null || lastOffered().isBefore(upTo))) {
                fetch(lastOffered().plus(key.interval().duration()), 1, page + 1);
            } else {
                goLive();
            }
        });
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private synchronized Instant lastOffered() {
        return lastOffered;
    }

    private synchronized boolean offerHistory(List<Candle> candles) {
        boolean progressed = false;
        if (closed) {
            return false;
        }
        // a candle that also came live keeps its live flag (it is traded): history stops before it
        Instant liveFrom = buffer.isEmpty() ? null : buffer.get(0).candle().openTime();
        for (Candle c : candles) {
            if (liveFrom != null && !c.openTime().isBefore(liveFrom)) {
                return false;
            }
            if (lastOffered == null || c.openTime().isAfter(lastOffered)) {
                target.offer(c, true);
                lastOffered = c.openTime();
                progressed = true;
            }
        }
        return progressed;
    }

    /** The buffered live candles not already offered from history, then live delivery. */
    private synchronized void goLive() {
        if (closed) {
            return;
        }
        for (Pending p : buffer) {
            if (lastOffered == null || p.candle().openTime().isAfter(lastOffered)) {
                target.offer(p.candle(), p.catchUp());
                lastOffered = p.candle().openTime();
            }
        }
        buffer.clear();
        live = true;
    }
}
