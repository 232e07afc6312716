package io.botfleet.exchange.bybit.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.api.exchange.CandleListener;
import io.botfleet.api.exchange.Subscription;
import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Interval;
import io.botfleet.exchange.bybit.BybitSettings;
import io.botfleet.exchange.bybit.health.HealthTracker;
import io.botfleet.exchange.bybit.mapping.BybitCodes;
import io.botfleet.exchange.bybit.mapping.BybitJson;
import io.botfleet.exchange.bybit.mapping.MarketMapper;
import io.botfleet.exchange.bybit.market.CandleHistory;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * The account's public stream: one WebSocket carrying every {@code kline.<interval>.<symbol>}
 * topic its subscribers need, fanned out to {@link KlineSubscription}s. Only {@code confirm:true}
 * candles go on; the subscriptions order, deduplicate and gap-fill them.
 */
public final class KlineStream implements WsConnection.Handler {

    private static final System.Logger LOG = System.getLogger(KlineStream.class.getName());
    /** Spot accepts at most 10 args per subscribe request. */
    private static final int ARGS_PER_REQUEST = 10;

    private final BybitSettings settings;
    private final ScheduledExecutorService scheduler;
    private final Executor workers;
    private final CandleHistory history;
    private final LongSupplier serverNow;
    private final HealthTracker health;
    /** Told the server time each push carries, so the adapter's clock follows Bybit's. */
    private final LongConsumer serverTimeSeen;
    private final Map<String, Set<KlineSubscription>> topics = new ConcurrentHashMap<>();
    private final AtomicLong reqIds = new AtomicLong();
    private final KlinePoller poller;
    private WsConnection connection;
    private boolean closed;

    public KlineStream(BybitSettings settings, ScheduledExecutorService scheduler,
                       Executor workers, CandleHistory history, LongSupplier serverNow,
                       HealthTracker health, LongConsumer serverTimeSeen) {
        this.settings = settings;
        this.scheduler = scheduler;
        this.workers = workers;
        this.history = history;
        this.serverNow = serverNow;
        this.health = health;
        this.serverTimeSeen = serverTimeSeen;
        this.poller = new KlinePoller(scheduler, settings.tuning().pollInterval(), this::subscriptions);
    }

    private List<KlineSubscription> subscriptions() {
        List<KlineSubscription> all = new ArrayList<>();
        topics.values().forEach(all::addAll);
        return all;
    }

    public Subscription subscribe(String symbol, Interval interval, Instant after,
                                  CandleListener listener) {
        String topic = "kline." + BybitCodes.interval(interval) + "." + symbol;
        KlineSubscription[] holder = new KlineSubscription[1];
        KlineSubscription sub = new KlineSubscription(symbol, interval, topic, listener, history,
                serverNow, new SerialExecutor(workers), scheduler,
                settings.tuning().retryBackoff().toMillis() * 4, () -> remove(holder[0]));
        holder[0] = sub;
        sub.start(after); // queued before any live candle can reach it
        boolean newTopic;
        WsConnection conn;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the Bybit adapter is closed");
            }
            Set<KlineSubscription> subs = topics.computeIfAbsent(topic, t -> new CopyOnWriteArraySet<>());
            newTopic = subs.isEmpty();
            subs.add(sub);
            if (connection == null) {
                connection = new WsConnection("bybit-" + settings.account() + "-public",
                        settings.wsPublicUrl(), scheduler, settings.tuning(), this);
                health.publicStream(true, false);
                connection.start(); // onOpen subscribes every topic
                newTopic = false;
            }
            conn = connection;
        }
        if (newTopic) {
            conn.send(request("subscribe", List.of(topic)));
        }
        return sub;
    }

    private void remove(KlineSubscription sub) {
        WsConnection conn;
        boolean lastOfTopic;
        boolean lastOfAll;
        synchronized (this) {
            Set<KlineSubscription> subs = topics.get(sub.topic);
            if (subs == null || !subs.remove(sub)) {
                return;
            }
            lastOfTopic = subs.isEmpty();
            if (lastOfTopic) {
                topics.remove(sub.topic);
            }
            lastOfAll = topics.isEmpty();
            conn = connection;
            if (lastOfAll) {
                connection = null;
                health.publicStream(false, false);
                poller.streamUp();
            }
        }
        if (conn == null) {
            return;
        }
        if (lastOfAll) {
            conn.close();
        } else if (lastOfTopic) {
            conn.send(request("unsubscribe", List.of(sub.topic)));
        }
    }

    public void close() {
        WsConnection conn;
        synchronized (this) {
            closed = true;
            conn = connection;
            connection = null;
            topics.clear();
            poller.streamUp();
        }
        if (conn != null) {
            conn.close();
        }
    }

    @Override
    public void onOpen(WsConnection conn, boolean reconnect) {
        List<String> all = new ArrayList<>(topics.keySet());
        for (int i = 0; i < all.size(); i += ARGS_PER_REQUEST) {
            conn.send(request("subscribe", all.subList(i, Math.min(all.size(), i + ARGS_PER_REQUEST))));
        }
        if (reconnect) {
            for (Set<KlineSubscription> subs : topics.values()) {
                subs.forEach(KlineSubscription::onReconnected);
            }
        }
    }

    @Override
    public void onMessage(JsonNode msg) {
        String topic = msg.path("topic").asText("");
        if (topic.startsWith("kline.")) {
            long ts = msg.path("ts").asLong(0);
            if (ts > 0) {
                serverTimeSeen.accept(ts); // before the candles: their currency is judged by this clock
            }
            Set<KlineSubscription> subs = topics.get(topic);
            if (subs == null || subs.isEmpty()) {
                return;
            }
            KlineSubscription any = subs.iterator().next();
            for (JsonNode k : msg.path("data")) {
                if (!k.path("confirm").asBoolean(false)) {
                    continue; // still forming: strategies only see closed candles
                }
                Candle candle = MarketMapper.wsKline(any.symbol, any.interval, k);
                subs.forEach(s -> s.onLive(candle));
            }
            return;
        }
        String op = msg.path("op").asText("");
        if ("subscribe".equals(op)) {
            if (msg.path("success").asBoolean(false)) {
                health.publicStream(!topics.isEmpty(), true);
                poller.streamUp();
                WsConnection conn;
                synchronized (this) {
                    conn = connection;
                }
                if (conn != null) {
                    conn.resetBackoff();
                }
            } else {
                LOG.log(Level.WARNING, "Bybit refused a kline subscription of {0}: {1}",
                        settings.account(), msg.path("ret_msg").asText(""));
            }
        }
    }

    @Override
    public void onDown(String why) {
        synchronized (this) {
            if (connection == null) {
                return; // closed on purpose
            }
            health.publicStream(!topics.isEmpty(), false);
            poller.streamDown();
        }
    }

    private String request(String op, List<String> args) {
        ObjectNode req = BybitJson.object();
        req.put("req_id", Long.toString(reqIds.incrementAndGet()));
        req.put("op", op);
        ArrayNode a = req.putArray("args");
        args.forEach(a::add);
        return req.toString();
    }
}
