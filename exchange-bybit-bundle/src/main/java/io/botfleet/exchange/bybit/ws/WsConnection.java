package io.botfleet.exchange.bybit.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.exchange.bybit.BybitSettings;
import io.botfleet.exchange.bybit.mapping.BybitJson;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One self-healing Bybit WebSocket (JDK {@link WebSocket}): sends {@code {"op":"ping"}} every
 * ping interval, treats a connection that has been silent for two intervals as dead, and
 * reconnects with exponential backoff and jitter until closed. What to send after connecting
 * (subscribe, auth) and how to read messages is the {@link Handler}'s business.
 */
public final class WsConnection {

    private static final System.Logger LOG = System.getLogger(WsConnection.class.getName());

    /** Callbacks; they run on HTTP client threads and must not block. */
    public interface Handler {
        /** Connected; {@code reconnect} is false for the first connection. */
        void onOpen(WsConnection connection, boolean reconnect);

        void onMessage(JsonNode message);

        /** The connection is gone; a reconnect is already scheduled. */
        void onDown(String why);
    }

    private final String name;
    private final URI uri;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final BybitSettings.Tuning tuning;
    private final Handler handler;

    private WebSocket socket;
    private int generation;
    private int failures;
    private boolean everOpened;
    private boolean closed;
    private volatile long lastMessageNanos;
    private ScheduledFuture<?> pinger;
    private CompletableFuture<?> sendChain = CompletableFuture.completedFuture(null);

    public WsConnection(String name, URI uri, HttpClient http, ScheduledExecutorService scheduler,
                        BybitSettings.Tuning tuning, Handler handler) {
        this.name = name;
        this.uri = uri;
        this.http = http;
        this.scheduler = scheduler;
        this.tuning = tuning;
        this.handler = handler;
    }

    public void start() {
        connect();
    }

    /** Sends a text frame; sends are chained because the JDK allows one outstanding send. */
    public synchronized CompletableFuture<?> send(String text) {
        WebSocket ws = socket;
        if (ws == null || closed) {
            return CompletableFuture.failedFuture(new IllegalStateException(name + " not connected"));
        }
        sendChain = sendChain.handle((v, e) -> null)
                .thenCompose(v -> ws.sendText(text, true));
        return sendChain;
    }

    /** The stream is healthy (subscribed, authenticated): the next drop starts a fresh backoff. */
    public synchronized void resetBackoff() {
        failures = 0;
    }

    /** Drops the current socket (for example after an auth refusal) and reconnects later. */
    public void reconnect(String why) {
        int gen;
        WebSocket ws;
        synchronized (this) {
            gen = generation;
            ws = socket;
        }
        if (ws != null) {
            ws.abort();
        }
        down(gen, why);
    }

    public void close() {
        WebSocket ws;
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
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").whenComplete((v, e) -> ws.abort());
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
        http.newWebSocketBuilder()
                .connectTimeout(tuning.requestTimeout())
                .buildAsync(uri, new Listener(gen))
                .whenComplete((ws, err) -> {
                    if (err != null) {
                        LOG.log(Level.DEBUG, "{0}: connect failed: {1}", name, err.toString());
                        down(gen, "connect failed");
                        return;
                    }
                    boolean reconnect;
                    synchronized (this) {
                        if (closed || gen != generation) {
                            ws.abort();
                            return;
                        }
                        socket = ws;
                        sendChain = CompletableFuture.completedFuture(null);
                        lastMessageNanos = System.nanoTime();
                        reconnect = everOpened;
                        everOpened = true;
                        long period = tuning.pingInterval().toMillis();
                        pinger = scheduler.scheduleAtFixedRate(() -> ping(gen), period, period,
                                TimeUnit.MILLISECONDS);
                    }
                    LOG.log(Level.DEBUG, "{0}: connected", name);
                    handler.onOpen(this, reconnect);
                });
    }

    private void ping(int gen) {
        synchronized (this) {
            if (gen != generation || socket == null) {
                return;
            }
        }
        long silentMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastMessageNanos);
        if (silentMs > 2 * tuning.pingInterval().toMillis()) {
            LOG.log(Level.INFO, "{0}: no message for {1} ms, reconnecting", name, silentMs);
            reconnect("silent for " + silentMs + " ms");
            return;
        }
        send("{\"op\":\"ping\"}");
    }

    private void down(int gen, String why) {
        long delay;
        synchronized (this) {
            if (gen != generation || closed) {
                return; // an old socket, or a down already handled
            }
            generation++; // late callbacks of this socket are ignored from now on
            socket = null;
            if (pinger != null) {
                pinger.cancel(false);
                pinger = null;
            }
            long base = tuning.reconnectMin().toMillis() << Math.min(failures, 16);
            delay = Math.min(tuning.reconnectMax().toMillis(), base);
            delay = delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1); // jitter
            failures++;
        }
        LOG.log(Level.INFO, "{0} down ({1}); reconnecting in {2} ms", name, why, delay);
        try {
            handler.onDown(why);
        } finally {
            scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final int gen;
        private final StringBuilder partial = new StringBuilder();

        Listener(int gen) {
            this.gen = gen;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                lastMessageNanos = System.nanoTime();
                boolean current;
                synchronized (WsConnection.this) {
                    current = gen == generation;
                }
                if (current) {
                    try {
                        handler.onMessage(BybitJson.parse(text));
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "{0}: unreadable message dropped: {1}", name,
                                e.toString());
                    }
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, java.nio.ByteBuffer message) {
            lastMessageNanos = System.nanoTime();
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            down(gen, "closed by server (" + statusCode + ")");
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            down(gen, "error " + error.getClass().getSimpleName());
        }
    }
}
