package io.botfleet.exchange.bybit.ws;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * REST stand-in for the public stream: while it is down, every poll interval each kline
 * subscription fetches from REST what closed since its last candle (the same gap fill a reconnect
 * starts), so a stream outage delays candles by up to one interval instead of stopping the bots.
 * Candles that arrive both ways are delivered once: a subscription drops everything at or before
 * its last delivered candle.
 */
final class KlinePoller {

    private static final System.Logger LOG = System.getLogger(KlinePoller.class.getName());

    private final ScheduledExecutorService scheduler;
    private final long intervalMillis;
    private final Supplier<Collection<KlineSubscription>> subscriptions;
    private boolean active;
    private boolean looping;

    KlinePoller(ScheduledExecutorService scheduler, Duration interval,
                Supplier<Collection<KlineSubscription>> subscriptions) {
        this.scheduler = scheduler;
        this.intervalMillis = interval.toMillis();
        this.subscriptions = subscriptions;
    }

    /** The stream is down: poll from one interval on (the reconnect's own fill covers the start). */
    synchronized void streamDown() {
        if (active) {
            return;
        }
        active = true;
        LOG.log(Level.INFO, "public stream down: polling klines every {0} ms", intervalMillis);
        if (!looping) {
            looping = true;
            schedule();
        }
    }

    /** The stream is live again (or no longer wanted): the loop ends at its next turn. */
    synchronized void streamUp() {
        active = false;
    }

    private void schedule() {
        try {
            scheduler.schedule(this::tick, intervalMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            synchronized (this) {
                looping = false;
            }
        }
    }

    private void tick() {
        synchronized (this) {
            if (!active) {
                looping = false;
                return;
            }
        }
        subscriptions.get().forEach(KlineSubscription::onReconnected);
        schedule();
    }
}
