package io.botfleet.exchange.bybit.ws;

import io.botfleet.api.exchange.CandleListener;
import io.botfleet.api.exchange.Subscription;
import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Interval;
import io.botfleet.exchange.bybit.market.CandleHistory;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One subscriber's view of a kline topic: delivers closed candles in open-time order, each once,
 * filling gaps from REST.
 *
 * <p>All state is touched only on this subscription's {@link SerialExecutor}. {@code cursor} is
 * the open time of the last candle delivered (or, for a fresh subscription, of the last candle
 * that closed before it started). A gap — a reconnect, a live candle more than one interval after
 * the cursor, or a subscriber asking for history with {@code after} — starts a catch-up: live
 * candles are buffered, the missing ones are fetched from REST and delivered with
 * {@code catchUp=true}, then the buffer is drained. Everything at or before the cursor is dropped,
 * so a candle seen both by REST and on the stream is delivered once.
 */
final class KlineSubscription implements Subscription {

    private static final System.Logger LOG = System.getLogger(KlineSubscription.class.getName());
    /** Catch-ups that may end with the gap still open (REST lagging the stream) before giving up. */
    private static final int MAX_GAP_RETRIES = 5;

    final String symbol;
    final Interval interval;
    final String topic;
    private final CandleListener listener;
    private final CandleHistory history;
    private final LongSupplier serverNow;
    private final SerialExecutor serial;
    private final ScheduledExecutorService scheduler;
    private final long retryMillis;
    private final Runnable onClose;
    private final long step;

    private long cursor = Long.MIN_VALUE;
    private boolean catchingUp;
    private boolean refill;
    private int gapRetries;
    private volatile boolean closed;
    private final TreeMap<Long, Candle> buffer = new TreeMap<>();

    KlineSubscription(String symbol, Interval interval, String topic, CandleListener listener,
                      CandleHistory history, LongSupplier serverNow, SerialExecutor serial,
                      ScheduledExecutorService scheduler, long retryMillis, Runnable onClose) {
        this.symbol = symbol;
        this.interval = interval;
        this.topic = topic;
        this.listener = listener;
        this.history = history;
        this.serverNow = serverNow;
        this.serial = serial;
        this.scheduler = scheduler;
        this.retryMillis = retryMillis;
        this.onClose = onClose;
        this.step = interval.duration().toMillis();
    }

    void start(Instant after) {
        serial.execute(() -> {
            if (after != null) {
                cursor = after.toEpochMilli();
                startCatchUp();
            } else {
                // the candle forming now is the first one owed to this subscriber
                long now = serverNow.getAsLong();
                cursor = Math.floorDiv(now, step) * step - step;
            }
        });
    }

    /** A closed candle from the stream. */
    void onLive(Candle candle) {
        serial.execute(() -> {
            if (closed) {
                return;
            }
            long open = candle.openTime().toEpochMilli();
            if (open <= cursor) {
                return; // already delivered (from REST or an earlier push)
            }
            if (open == cursor + step && buffer.isEmpty()) {
                // the next candle in sequence: nothing is missing before it, so it goes out now even
                // while a catch-up is under way (which then only brings what is newer); holding it
                // back would stop the bot for as long as REST fails, though the stream works
                deliver(candle, false);
                return;
            }
            if (catchingUp || !buffer.isEmpty()) {
                buffer.put(open, candle);
                return;
            }
            if (open > cursor + step) {
                buffer.put(open, candle);
                LOG.log(Level.INFO, "{0}: gap before {1}, filling from REST", topic, candle.openTime());
                startCatchUp();
                return;
            }
            deliver(candle, false);
        });
    }

    /** The stream came back after a drop: whatever closed meanwhile must come from REST. */
    void onReconnected() {
        serial.execute(() -> {
            if (!closed) {
                startCatchUp();
            }
        });
    }

    private void startCatchUp() {
        if (catchingUp) {
            refill = true;
            return;
        }
        catchingUp = true;
        refill = false;
        history.fetch(symbol, interval, Instant.ofEpochMilli(cursor + step),
                        Instant.ofEpochMilli(serverNow.getAsLong()))
                .whenComplete((candles, err) -> serial.execute(() -> onCatchUp(candles, err)));
    }

    private void onCatchUp(List<Candle> candles, Throwable err) {
        if (closed) {
            return;
        }
        if (err != null) {
            LOG.log(Level.WARNING, "{0}: catch-up from REST failed, retrying: {1}", topic,
                    err.toString());
            retryLater();
            return;
        }
        boolean progressed = false;
        for (Candle c : candles) {
            if (c.openTime().toEpochMilli() > cursor) {
                deliver(c, true);
                progressed = true;
            }
        }
        catchingUp = false;
        drainBuffer();
        if (candles.size() >= CandleHistory.PAGE_LIMIT) {
            refill = true; // a long gap comes in several fetches: keep going
        }
        if (progressed && buffer.isEmpty() && cursor + 2 * step <= serverNow.getAsLong()) {
            // by the clock as the answer set it, another candle has closed since the fetch was
            // asked for (a long fetch, or our clock behind Bybit's): it is current now, fetch it
            // now rather than when the next live candle shows the gap
            refill = true;
        }
        if (!buffer.isEmpty() && !refill) {
            // the stream is ahead of REST (its newest rows may lag a moment): try again shortly,
            // but do not hold live candles back for ever
            if (progressed) {
                gapRetries = 0;
            }
            if (gapRetries++ < MAX_GAP_RETRIES) {
                retryLater();
                return;
            }
            LOG.log(Level.WARNING, "{0}: REST never returned the candles after {1}; skipping the gap",
                    topic, Instant.ofEpochMilli(cursor));
            for (Candle c : buffer.values()) {
                deliver(c, false);
            }
            buffer.clear();
        }
        if (buffer.isEmpty()) {
            gapRetries = 0;
        }
        if (refill) {
            startCatchUp();
        }
    }

    private void retryLater() {
        scheduler.schedule(() -> serial.execute(() -> {
            catchingUp = false;
            if (!closed) {
                startCatchUp();
            }
        }), retryMillis, TimeUnit.MILLISECONDS);
    }

    private void drainBuffer() {
        Iterator<Candle> it = buffer.values().iterator();
        while (it.hasNext()) {
            Candle c = it.next();
            long open = c.openTime().toEpochMilli();
            if (open <= cursor) {
                it.remove();
            } else if (open == cursor + step) {
                it.remove();
                deliver(c, false);
            } else {
                return; // a gap remains
            }
        }
    }

    private void deliver(Candle candle, boolean catchUp) {
        cursor = candle.openTime().toEpochMilli();
        try {
            listener.onCandle(candle, catchUp);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "candle listener of " + topic + " failed", e);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            onClose.run();
        }
    }
}
