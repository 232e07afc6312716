package io.botfleet.exchange.paper;

import io.botfleet.api.exchange.CandleListener;
import io.botfleet.api.exchange.Subscription;
import io.botfleet.api.market.Candle;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Delivers one {@link CandleSeries} to its subscribers: the paper market's clock.
 *
 * <p><b>One clock per stream.</b> The market has one position ({@link #cursor}): every live
 * subscriber gets candle k, and candle k+1 follows only when the stage returned by
 * <em>every</em> listener for candle k has completed (back-pressure: nothing is ever skipped,
 * whatever the speed). With speed N &gt; 0, candle k+1 also waits until
 * {@code (openTime(k+1) - openTime(k)) / N} has passed since candle k went out; with 0 it goes
 * as soon as the stages allow. There is no wall clock: the stream starts where its first
 * subscriber asks ({@code after}), pauses while nobody listens, and at the end of a replay stays
 * open and idle.
 *
 * <p><b>Later subscribers.</b> One without {@code after}, or whose {@code after} is at or
 * beyond the market, joins live,
 * skipping candles up to its {@code after}. One that is behind (asking for candles the market
 * already delivered) first receives those as catch-up ({@code catchUp = true}), at its own pace,
 * then joins live.
 *
 * <p><b>Threads.</b> Everything runs on the adapter's single scheduler thread; a listener's
 * stage may complete on any thread, its completion is handed back to that thread. Before each
 * candle goes out, {@code beforeDelivery} runs (it sets the market price and fills resting
 * orders), and since the adapter's thread runs tasks in order, an order placed while a candle
 * was being consumed is filled before the next candle is delivered.
 */
final class CandleStream {

    private static final System.Logger LOG = System.getLogger(CandleStream.class.getName());

    private final CandleSeries series;
    private final double speed;
    private final ScheduledExecutorService executor;
    private final Consumer<Candle> beforeDelivery;
    private final String name;

    // confined to the executor thread
    private final List<Subscriber> live = new ArrayList<>();
    private final Set<Subscriber> awaiting = new HashSet<>();
    private boolean started;
    private long cursor;
    private Candle last;
    private long lastDeliveryNanos;
    private long round;
    private boolean roundInFlight;
    private ScheduledFuture<?> timer;
    private boolean closed;

    CandleStream(CandleSeries series, BigDecimal speed, ScheduledExecutorService executor,
                 Consumer<Candle> beforeDelivery, String account) {
        this.series = series;
        this.speed = speed.doubleValue();
        this.executor = executor;
        this.beforeDelivery = beforeDelivery;
        this.name = account + " " + series.symbol() + " " + series.interval().code();
    }

    CandleSeries series() {
        return series;
    }

    /** The latest candle delivered, or null before the first. Adapter thread only. */
    Candle last() {
        return last;
    }

    boolean started() {
        return started;
    }

    /** Subscribes; callable from any thread, takes effect on the adapter thread. */
    Subscription subscribe(Instant after, CandleListener listener) {
        Subscriber subscriber = new Subscriber(after, listener);
        post(() -> join(subscriber));
        return () -> post(() -> leave(subscriber));
    }

    /** Stops delivering; adapter thread only. */
    void close() {
        closed = true;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private void join(Subscriber subscriber) {
        if (closed || subscriber.closed) {
            return;
        }
        // no after: from the start of a replay that has not begun, else from the market's present
        long from = subscriber.after == null && started ? cursor
                : series.firstAfter(subscriber.after);
        if (!started || (live.isEmpty() && from > cursor)) {
            // the market waits for its first listener; an idle one may move on, never back
            cursor = from;
            started = true;
        }
        if (from < cursor) {
            subscriber.next = from;
            catchUp(subscriber);
        } else {
            live.add(subscriber);
            pump();
        }
    }

    private void leave(Subscriber subscriber) {
        subscriber.closed = true;
        live.remove(subscriber);
        if (roundInFlight && awaiting.remove(subscriber) && awaiting.isEmpty()) {
            endRound();
        }
    }

    /** Delivers history the market already passed, one candle per completed stage. */
    private void catchUp(Subscriber subscriber) {
        if (closed || subscriber.closed) {
            return;
        }
        if (subscriber.next >= cursor) {
            live.add(subscriber);
            pump();
            return;
        }
        Candle candle = series.get(subscriber.next++);
        CompletionStage<?> stage = deliver(subscriber, candle, true);
        if (stage == null) {
            post(() -> catchUp(subscriber));
        } else {
            stage.whenComplete((result, failure) -> post(() -> catchUp(subscriber)));
        }
    }

    /** Sends the next candle if the previous one is consumed, someone listens and it is due. */
    private void pump() {
        if (closed || roundInFlight || timer != null || live.isEmpty()) {
            return;
        }
        Candle candle = series.get(cursor);
        if (candle == null) {
            return; // end of the replay: stay open and idle
        }
        long now = System.nanoTime();
        if (speed > 0 && last != null) {
            long gapMillis = candle.openTime().toEpochMilli() - last.openTime().toEpochMilli();
            long due = lastDeliveryNanos + (long) (gapMillis * 1_000_000d / speed);
            if (due - now > 0) {
                timer = executor.schedule(() -> {
                    timer = null;
                    pump();
                }, due - now, TimeUnit.NANOSECONDS);
                return;
            }
        }
        cursor++;
        last = candle;
        lastDeliveryNanos = now;
        try {
            beforeDelivery.accept(candle);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "paper " + name + ": matching orders against the candle of "
                    + candle.openTime() + " failed", e);
        }
        long thisRound = ++round;
        roundInFlight = true;
        awaiting.clear();
        for (Subscriber subscriber : List.copyOf(live)) {
            if (subscriber.after != null && !candle.openTime().isAfter(subscriber.after)) {
                continue; // it processed this one before; it resumes after
            }
            CompletionStage<?> stage = deliver(subscriber, candle, false);
            if (stage != null) {
                awaiting.add(subscriber);
                stage.whenComplete((result, failure) -> post(() -> consumed(subscriber, thisRound)));
            }
        }
        if (awaiting.isEmpty()) {
            endRound();
        }
    }

    private void consumed(Subscriber subscriber, long ofRound) {
        if (ofRound == round && awaiting.remove(subscriber) && awaiting.isEmpty()) {
            endRound();
        }
    }

    private void endRound() {
        roundInFlight = false;
        // queued, not called: tasks already waiting (orders placed on this candle) go first
        post(this::pump);
    }

    private CompletionStage<?> deliver(Subscriber subscriber, Candle candle, boolean catchUp) {
        try {
            return subscriber.listener.onCandle(candle, catchUp);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "paper " + name + ": a candle listener failed on the candle of "
                    + candle.openTime() + "; counted as consumed", e);
            return null;
        }
    }

    private void post(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            // the adapter is closing: nothing more to deliver
        }
    }

    private static final class Subscriber {
        final Instant after;
        final CandleListener listener;
        long next;
        boolean closed;

        Subscriber(Instant after, CandleListener listener) {
            this.after = after;
            this.listener = listener;
        }
    }
}
