package io.botfleet.exchange.bybit.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.api.exchange.ExchangeOrder;
import io.botfleet.api.exchange.Execution;
import io.botfleet.api.exchange.OrderUpdateListener;
import io.botfleet.api.exchange.Subscription;
import io.botfleet.exchange.bybit.BybitSettings;
import io.botfleet.exchange.bybit.health.HealthTracker;
import io.botfleet.exchange.bybit.mapping.BybitJson;
import io.botfleet.exchange.bybit.mapping.OrderMapper;
import io.botfleet.exchange.bybit.rest.ServerClock;
import io.botfleet.exchange.bybit.sign.BybitSigner;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * The private stream: authenticates as the Bybit V5 documentation says ({@code {"op":"auth","args":[apiKey, expires,
 * signature]}}), subscribes {@code order} and {@code execution}, and hands updates of this
 * account's category to the listeners, one at a time and in arrival order. While it is not live,
 * the {@link OrderPoller} stands in and the account reads DEGRADED.
 */
public final class PrivateStream implements WsConnection.Handler {

    private static final System.Logger LOG = System.getLogger(PrivateStream.class.getName());
    /** Validity of the auth signature; Bybit refuses an {@code expires} already in the past. */
    private static final long AUTH_VALIDITY_MS = 10_000;

    private final BybitSettings settings;
    private final ScheduledExecutorService scheduler;
    private final BybitSigner signer;
    private final ServerClock clock;
    private final HealthTracker health;
    private final OrderPoller poller;
    private final SerialExecutor delivery;
    private final Set<OrderUpdateListener> listeners = new CopyOnWriteArraySet<>();
    private WsConnection connection;
    private boolean live;
    private boolean closed;
    /** The {@code expires} of the last login sent. */
    private volatile long lastExpires;
    /** A login refused for an expired {@code expires} was retried at once since the stream was last live. */
    private boolean skewRetryUsed;

    /** Re-measures the offset to Bybit's clock (REST); see the refused-login case. */
    private final Supplier<? extends CompletionStage<?>> resyncClock;

    public PrivateStream(BybitSettings settings, ScheduledExecutorService scheduler,
                         Executor workers, BybitSigner signer, ServerClock clock,
                         HealthTracker health, OrderPoller poller,
                         Supplier<? extends CompletionStage<?>> resyncClock) {
        this.resyncClock = resyncClock;
        this.settings = settings;
        this.scheduler = scheduler;
        this.signer = signer;
        this.clock = clock;
        this.health = health;
        this.poller = poller;
        this.delivery = new SerialExecutor(workers);
    }

    public Subscription subscribe(OrderUpdateListener listener) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the Bybit adapter is closed");
            }
            listeners.add(listener);
            if (connection == null) {
                connection = new WsConnection("bybit-" + settings.account() + "-private",
                        settings.wsPrivateUrl(), scheduler, settings.tuning(), this);
                health.privateStream(true, false);
                poller.streamDown(); // until the stream is live, REST keeps updates coming
                connection.start();
            }
        }
        return () -> unsubscribe(listener);
    }

    private void unsubscribe(OrderUpdateListener listener) {
        WsConnection conn = null;
        synchronized (this) {
            if (listeners.remove(listener) && listeners.isEmpty() && connection != null) {
                conn = connection;
                connection = null;
                live = false;
                poller.stop();
                health.privateStream(false, false);
            }
        }
        if (conn != null) {
            conn.close();
        }
    }

    /** Whether order updates currently arrive by push. */
    public synchronized boolean live() {
        return live;
    }

    public void close() {
        WsConnection conn;
        synchronized (this) {
            closed = true;
            conn = connection;
            connection = null;
            listeners.clear();
            poller.stop();
        }
        if (conn != null) {
            conn.close();
        }
    }

    /** Delivers a polled order update to the listeners, in line with pushed ones. */
    public void deliverPolled(ExchangeOrder order) {
        delivery.execute(() -> listeners.forEach(l -> safely(() -> l.onOrderUpdate(order))));
    }

    public void deliverPolled(Execution execution) {
        delivery.execute(() -> listeners.forEach(l -> safely(() -> l.onExecution(execution))));
    }

    @Override
    public void onOpen(WsConnection conn, boolean reconnect) {
        long expires = clock.now() + AUTH_VALIDITY_MS;
        lastExpires = expires;
        ObjectNode auth = BybitJson.object();
        auth.put("req_id", "auth");
        auth.put("op", "auth");
        auth.putArray("args").add(signer.apiKey()).add(expires).add(signer.signWebSocket(expires));
        conn.send(auth.toString());
    }

    @Override
    public void onMessage(JsonNode msg) {
        String topic = msg.path("topic").asText("");
        if (topic.startsWith("order")) {
            for (JsonNode row : msg.path("data")) {
                if (ours(row)) {
                    ExchangeOrder o = OrderMapper.order(row);
                    poller.seenOnStream(o);
                    delivery.execute(() -> listeners.forEach(l -> safely(() -> l.onOrderUpdate(o))));
                }
            }
            return;
        }
        if (topic.startsWith("execution")) {
            for (JsonNode row : msg.path("data")) {
                Execution e = ours(row) ? OrderMapper.execution(row) : null;
                if (e != null) {
                    poller.seenOnStream(e);
                    delivery.execute(() -> listeners.forEach(l -> safely(() -> l.onExecution(e))));
                }
            }
            return;
        }
        String op = msg.path("op").asText("");
        boolean success = msg.path("success").asBoolean(false);
        WsConnection conn;
        synchronized (this) {
            conn = connection;
        }
        if (conn == null) {
            return;
        }
        if ("auth".equals(op)) {
            if (success) {
                ObjectNode sub = BybitJson.object();
                sub.put("req_id", "sub");
                sub.put("op", "subscribe");
                sub.putArray("args").add("order").add("execution");
                conn.send(sub.toString());
            } else {
                // the key or signature was refused: the account is DOWN until a call succeeds
                health.authFailed("ws-auth");
                LOG.log(Level.WARNING, "Bybit refused the private stream login of account {0}",
                        settings.account());
                conn.reconnectWhen("login refused", clockWasTheCause(lastExpires));
            }
        } else if ("subscribe".equals(op) && success) {
            synchronized (this) {
                live = true;
                skewRetryUsed = false;
            }
            health.privateStream(true, true);
            health.success(true);
            conn.resetBackoff();
            poller.streamUp();
            LOG.log(Level.INFO, "private stream of {0} live", settings.account());
        }
    }

    /**
     * Re-measures Bybit's clock and tells whether the refused login's {@code expires} was already
     * past by it. Besides a bad key, that is what gets a login refused, and unlike a REST call
     * (10002) a login has no other way to learn it: then the next login, stamped with the
     * re-measured clock, passes, so it goes at once (once per episode: should it be refused too,
     * the backoff takes over). A login refused with a valid {@code expires} (a bad key) waits for
     * the backoff delay, which grows with each refusal.
     */
    private CompletionStage<Boolean> clockWasTheCause(long refusedExpires) {
        return resyncClock.get().handle((v, e) -> {
            long pastBy = clock.now() - refusedExpires;
            synchronized (this) {
                if (e != null || pastBy < 0 || skewRetryUsed) {
                    return false;
                }
                skewRetryUsed = true;
            }
            LOG.log(Level.INFO, "the refused login of account {0} had expired {1} ms before by the "
                    + "re-measured clock: logging in again now", settings.account(), pastBy);
            return true;
        });
    }

    @Override
    public void onDown(String why) {
        synchronized (this) {
            live = false;
            if (connection == null) {
                return;
            }
        }
        health.privateStream(true, false);
        poller.streamDown();
    }

    private boolean ours(JsonNode row) {
        String category = row.path("category").asText("");
        return category.isEmpty() || category.equals(settings.category().wire());
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "order update listener failed", e);
        }
    }
}
