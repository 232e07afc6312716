package io.botfleet.exchange.bybit.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.api.retry.Backoff;
import io.botfleet.exchange.bybit.BybitSettings;
import io.botfleet.exchange.bybit.mapping.BybitJson;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One self-healing Bybit WebSocket ({@link SocketWebSocket}): notices a close frame or a bare TCP
 * close the moment it arrives, sends {@code {"op":"ping"}} every ping interval and treats a
 * connection from which nothing (pong or data) has come within half an interval of a ping as dead,
 * and reconnects with exponential backoff and jitter until closed. What to send after connecting
 * (subscribe, auth) and how to read messages is the {@link Handler}'s business.
 */
public final class WsConnection {

    private static final System.Logger LOG = System.getLogger(WsConnection.class.getName());
    private static final int NORMAL_CLOSURE = 1000;

    /** Callbacks; they run on the connection's reader thread (onOpen, onMessage) or the timer. */
    public interface Handler {
        /** Connected; {@code reconnect} is false for the first connection. */
        void onOpen(WsConnection connection, boolean reconnect);

        void onMessage(JsonNode message);

        /** The connection is gone; a reconnect is already scheduled. */
        void onDown(String why);
    }

    private final String name;
    private final URI uri;
    private final ScheduledExecutorService scheduler;
    private final BybitSettings.Tuning tuning;
    private final Handler handler;
    /** {@code reconnectMin} doubling up to {@code reconnectMax}, each delay from its upper half. */
    private final Backoff reconnectBackoff;

    private SocketWebSocket socket;
    private int generation;
    private int failures;
    private boolean everOpened;
    private boolean closed;
    private volatile long lastMessageNanos;
    private ScheduledFuture<?> pinger;

    public WsConnection(String name, URI uri, ScheduledExecutorService scheduler,
                        BybitSettings.Tuning tuning, Handler handler) {
        this.name = name;
        this.uri = uri;
        this.scheduler = scheduler;
        this.tuning = tuning;
        long first = Math.max(1, tuning.reconnectMin().toMillis());
        this.reconnectBackoff = new Backoff(first, Math.max(first, tuning.reconnectMax().toMillis()), 0.5, 1.0);
        this.handler = handler;
    }

    public void start() {
        connect();
    }

    /** Sends a text frame; false if not connected (the message is then lost with the connection). */
    public boolean send(String text) {
        SocketWebSocket ws;
        synchronized (this) {
            ws = closed ? null : socket;
        }
        return ws != null && ws.sendText(text);
    }

    /** The stream is healthy (subscribed, authenticated): the next drop starts a fresh backoff. */
    public synchronized void resetBackoff() {
        failures = 0;
    }

    /** Drops the current socket and reconnects after the backoff delay. */
    public void reconnect(String why) {
        reconnectWhen(why, CompletableFuture.completedFuture(false));
    }

    /**
     * Drops the current socket now (for example after a refused login) and reconnects once
     * {@code ready} completes: at once when it yields true (the handler knows the cause is gone,
     * say the clock has been re-measured), after the backoff delay otherwise.
     */
    public void reconnectWhen(String why, CompletionStage<Boolean> ready) {
        int gen;
        synchronized (this) {
            gen = generation;
        }
        if (!markDown(gen, why)) {
            return;
        }
        ready.whenComplete((now, e) -> {
            if (Boolean.TRUE.equals(now) && e == null) {
                LOG.log(Level.INFO, "{0} down ({1}); reconnecting now", name, why);
                scheduleConnect(0);
            } else {
                long delay = nextDelay();
                LOG.log(Level.INFO, "{0} down ({1}); reconnecting in {2} ms", name, why, delay);
                scheduleConnect(delay);
            }
        });
    }

    public void close() {
        SocketWebSocket ws;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            generation++;
            ws = socket;
            socket = null;
            if (pinger != null) {
                pinger.cancel(false);
            }
        }
        if (ws != null) {
            ws.close(NORMAL_CLOSURE);
        }
    }

    private void connect() {
        int gen;
        synchronized (this) {
            if (closed) {
                return;
            }
            gen = ++generation;
        }
        SocketWebSocket.open(uri, tuning.requestTimeout(), name + "-reader", new Listener(gen));
    }

    /**
     * Sends a ping and checks, half an interval later, that something came back since: Bybit
     * answers every ping, so silence that long means a dead connection (or a hung server) that
     * TCP has not reported.
     */
    private void ping(int gen) {
        synchronized (this) {
            if (gen != generation || socket == null) {
                return;
            }
        }
        long sentAt = System.nanoTime();
        send("{\"op\":\"ping\"}");
        long timeout = pongTimeoutMillis();
        scheduler.schedule(() -> {
            if (lastMessageNanos - sentAt < 0) {
                long silentMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastMessageNanos);
                LOG.log(Level.INFO, "{0}: no answer to a ping within {1} ms (silent for {2} ms)",
                        name, timeout, silentMs);
                down(gen, "silent for " + silentMs + " ms");
            }
        }, timeout, TimeUnit.MILLISECONDS);
    }

    private long pongTimeoutMillis() {
        return Math.max(1, tuning.pingInterval().toMillis() / 2);
    }

    /** The socket of generation {@code gen} is gone (or must go): reconnect after the backoff delay. */
    private void down(int gen, String why) {
        if (markDown(gen, why)) {
            long delay = nextDelay();
            LOG.log(Level.INFO, "{0} down ({1}); reconnecting in {2} ms", name, why, delay);
            scheduleConnect(delay);
        }
    }

    /** Drops the socket of generation {@code gen}; false if that was done already. */
    private boolean markDown(int gen, String why) {
        SocketWebSocket ws;
        synchronized (this) {
            if (gen != generation || closed) {
                return false; // an old socket, or a down already handled
            }
            generation++; // late callbacks of this socket are ignored from now on
            ws = socket;
            socket = null;
            if (pinger != null) {
                pinger.cancel(false);
                pinger = null;
            }
        }
        if (ws != null) {
            ws.abort();
        }
        try {
            handler.onDown(why);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, name + ": down handler failed", e); // the reconnect goes on
        }
        return true;
    }

    /**
     * The backoff: {@code reconnectMin} doubling with each failure in a row up to
     * {@code reconnectMax}, each delay drawn from its upper half (jitter).
     */
    private synchronized long nextDelay() {
        failures++;
        return reconnectBackoff.delayMillis(Math.min(failures, 17));
    }

    private void scheduleConnect(long delay) {
        try {
            scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shutDown) {
            // the adapter is closing
        }
    }

    /** The callbacks of one socket (one generation); those of a replaced socket are ignored. */
    private final class Listener implements SocketWebSocket.Listener {
        private final int gen;

        Listener(int gen) {
            this.gen = gen;
        }

        private boolean current() {
            synchronized (WsConnection.this) {
                return gen == generation && !closed;
            }
        }

        @Override
        public void onOpen(SocketWebSocket ws) {
            boolean reconnect;
            synchronized (WsConnection.this) {
                if (closed || gen != generation) {
                    ws.abort();
                    return;
                }
                socket = ws;
                lastMessageNanos = System.nanoTime();
                reconnect = everOpened;
                everOpened = true;
                long period = tuning.pingInterval().toMillis();
                pinger = scheduler.scheduleAtFixedRate(() -> ping(gen), period, period, TimeUnit.MILLISECONDS);
            }
            LOG.log(Level.DEBUG, "{0}: connected", name);
            handler.onOpen(WsConnection.this, reconnect);
        }

        @Override
        public void onFrame() {
            lastMessageNanos = System.nanoTime();
        }

        @Override
        public void onText(String text) {
            if (!current()) {
                return;
            }
            JsonNode message;
            try {
                message = BybitJson.parse(text);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "{0}: unreadable message dropped: {1}", name, e.toString());
                return;
            }
            try {
                handler.onMessage(message);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, name + ": message handler failed", e);
            }
        }

        @Override
        public void onEnd(String why, boolean wasOpen) {
            if (!wasOpen) {
                LOG.log(Level.DEBUG, "{0}: {1}", name, why);
            }
            down(gen, wasOpen ? why : "connect failed");
        }
    }
}
