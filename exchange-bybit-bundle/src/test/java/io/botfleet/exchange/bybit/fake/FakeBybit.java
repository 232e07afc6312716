package io.botfleet.exchange.bybit.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A fake Bybit V5 venue on loopback for tests and benchmarks: a real HTTP server (JDK
 * {@code HttpServer}) and a real WebSocket server ({@link MiniWebSocketServer}) speaking the
 * documented wire format.
 *
 * <p>It checks what Bybit checks — API key (10003), signature over the exact query or body bytes
 * (10004), timestamp within the recv window of its own clock (10002), per-UID rolling-second rate
 * limits (10006, with {@code X-Bapi-Limit-*} headers) — keeps real order state ({@link FakeAccount}),
 * answers from the documented samples as templates, logs every request ({@link RequestLog}) and
 * takes injected faults ({@link Fault}): HTTP errors, retCodes, answers dropped or delayed after
 * the request was executed, WebSocket drops and refusals, clock skew.
 */
public final class FakeBybit implements AutoCloseable {

    public static final String KEY = "test-key";
    public static final String SECRET = "test-secret";
    static final long WINDOW_MS = 1000;

    private final HttpServer http;
    private final ExecutorService httpThreads;
    private final MiniWebSocketServer ws;
    private final FakeMarket market = new FakeMarket();
    private final Map<String, FakeAccount> accounts = new ConcurrentHashMap<>();
    private final Map<String, Queue<Fault>> faults = new ConcurrentHashMap<>();
    private final Map<String, ArrayDeque<Long>> windows = new HashMap<>();
    private final RequestLog log = new RequestLog();
    private final AtomicLong pushIds = new AtomicLong();
    private final AtomicLong pings = new AtomicLong();
    private volatile long skewMillis;
    private volatile CandleClock candleClock;
    private volatile Fault outage;
    private volatile boolean refusePrivateWs;
    private volatile boolean refusePublicWs;
    private final Set<String> refusedPublicPaths = ConcurrentHashMap.newKeySet();
    private volatile int orderLimitLinear = 10;
    private volatile int orderLimitSpot = 20;
    private java.util.concurrent.ScheduledExecutorService feed;

    private FakeBybit(int restPort, int wsPort) throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), restPort), 64);
        httpThreads = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "fake-bybit-http");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(httpThreads);
        http.createContext("/", this::handle);
        http.start();
        ws = new MiniWebSocketServer(new WsHandler(), wsPort);
        addAccount(KEY, SECRET);
    }

    /** Starts on free loopback ports. */
    public static FakeBybit start() {
        return start(0, 0);
    }

    /** Starts on the given loopback ports (0: any free one). */
    public static FakeBybit start(int restPort, int wsPort) {
        try {
            return new FakeBybit(restPort, wsPort);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake Bybit", e);
        }
    }

    // ---- set-up and inspection --------------------------------------------------------------

    public String restUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    public String wsPublicUrl(String category) {
        return "ws://127.0.0.1:" + ws.port() + "/v5/public/" + category;
    }

    public String wsPrivateUrl() {
        return "ws://127.0.0.1:" + ws.port() + "/v5/private";
    }

    public FakeAccount addAccount(String apiKey, String secret) {
        FakeAccount a = new FakeAccount(apiKey, secret, market, this::now,
                (topic, row) -> pushPrivate(apiKey, topic, row));
        accounts.put(apiKey, a);
        return a;
    }

    public FakeAccount account() {
        return accounts.get(KEY);
    }

    public FakeAccount account(String apiKey) {
        return accounts.get(apiKey);
    }

    public FakeMarket market() {
        return market;
    }

    public RequestLog log() {
        return log;
    }

    /** The fake's clock runs this far ahead of the real one (negative: behind). */
    public void clockSkew(long millis) {
        this.skewMillis = millis;
    }

    public long now() {
        CandleClock candles = candleClock;
        return candles != null ? candles.now() : System.currentTimeMillis() + skewMillis;
    }

    /**
     * From now on the fake's clock follows its candles instead of the real one: it moves forward
     * to the next candle's open plus a little (100 ms), runs on with real time from there, and
     * {@link #closeKline} moves it to the following candle's open plus a little. Tests can then
     * step candles as fast as they like, each one closed a moment ago by the exchange's clock:
     * never "in the future" of it, never long "in the past". Each call starts a fresh interval, so
     * a test has a whole interval to subscribe before the clock crosses into the next one. The
     * clock only moves forward; adapters learn the new time from the next answer or push.
     *
     * @param intervalMillis the candles' interval
     * @return the open time of the candle forming now (the first one a new subscription owes)
     */
    public synchronized long followCandles(long intervalMillis) {
        long forming = Math.floorDiv(now(), intervalMillis) * intervalMillis + intervalMillis;
        candleClock = new CandleClock(forming, System.currentTimeMillis());
        return forming;
    }

    /**
     * Closes {@code k} of {@code symbol}: the clock (when it {@link #followCandles follows the
     * candles}) moves to the next candle's open plus a little, then {@code k} goes into the REST
     * history, then to every public subscriber with {@code confirm:true}.
     */
    public void closeKline(String symbol, String interval, FakeMarket.Kline k) {
        synchronized (this) {
            CandleClock candles = candleClock;
            long next = k.start() + stepMillis(interval);
            if (candles != null && next + CandleClock.LEAD_MILLIS > candles.now()) {
                candleClock = new CandleClock(next, System.currentTimeMillis());
            }
        }
        market.addKline(symbol, interval, k);
        pushKline(symbol, interval, k, true);
    }

    /** A clock standing at a candle's open plus a little, running on with real time from {@code since}. */
    private record CandleClock(long open, long since) {
        static final long LEAD_MILLIS = 100;

        long now() {
            return open + LEAD_MILLIS + Math.max(0, System.currentTimeMillis() - since);
        }
    }

    /** Applies {@code fault}s, one per request, to the next requests on {@code path}. */
    public void inject(String path, Fault... fs) {
        Queue<Fault> q = faults.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>());
        q.addAll(List.of(fs));
    }

    /**
     * Applies {@code fault} to every REST request from now until {@link #endOutage()} (a venue
     * down for a while: {@code Fault.http(503)}; slow: {@code Fault.delayAfterExecute(ms)}).
     * Streams are not affected; injected one-off faults wait until it ends.
     */
    public void outage(Fault fault) {
        this.outage = fault;
    }

    public void endOutage() {
        this.outage = null;
    }

    public void orderLimits(int linear, int spot) {
        this.orderLimitLinear = linear;
        this.orderLimitSpot = spot;
    }

    public void refusePrivateWs(boolean refuse) {
        this.refusePrivateWs = refuse;
    }

    public void refusePublicWs(boolean refuse) {
        this.refusePublicWs = refuse;
    }

    /**
     * Refuses (or accepts again) new public stream connections on exactly {@code path}: adapters
     * pointed at different public paths of one fake (say {@code /v5/public/linear} and
     * {@code /v5/public/linear-b}) can then lose their stream one at a time.
     */
    public void refusePublicWs(String path, boolean refuse) {
        if (refuse) {
            refusedPublicPaths.add(path);
        } else {
            refusedPublicPaths.remove(path);
        }
    }

    /** Cuts the public stream connections on exactly {@code path}, as a network failure would. */
    public void dropPublicWs(String path) {
        ws.sessions().stream().filter(s -> s.path.equals(path)).forEach(MiniWebSocketServer.Session::drop);
    }

    /** Public sessions on exactly {@code path} subscribed to {@code topic}. */
    public int publicSubscribers(String path, String topic) {
        return (int) ws.sessions().stream().filter(s -> s.path.equals(path) && topics(s).contains(topic)).count();
    }

    /** {@code {"op":"ping"}} messages received on any stream. */
    public long pings() {
        return pings.get();
    }

    /** Cuts every public stream connection, as a network failure would. */
    public void dropPublicWs() {
        ws.sessions().stream().filter(s -> s.path.startsWith("/v5/public"))
                .forEach(MiniWebSocketServer.Session::drop);
    }

    public void dropPrivateWs() {
        ws.sessions().stream().filter(s -> s.path.startsWith("/v5/private"))
                .forEach(MiniWebSocketServer.Session::drop);
    }

    /**
     * Sends {@code messages} pongs on every connection of {@code pathPrefix} and cuts it right
     * after the last one, without a close frame: a close arriving while the client is still busy
     * with messages (the JDK's own WebSocket client loses such closes).
     */
    public void burstThenDropWs(String pathPrefix, int messages) {
        String pong = "{\"success\":true,\"ret_msg\":\"pong\",\"conn_id\":\"burst\",\"op\":\"pong\"}";
        ws.sessions().stream().filter(s -> s.path.startsWith(pathPrefix)).forEach(s -> {
            for (int i = 0; i < messages; i++) {
                s.send(pong);
            }
            s.drop();
        });
    }

    /** Ends every public stream connection with a close frame ({@code code}), as Bybit may. */
    public void closePublicWs(int code) {
        ws.sessions().stream().filter(s -> s.path.startsWith("/v5/public")).forEach(s -> s.close(code));
    }

    public void closePrivateWs(int code) {
        ws.sessions().stream().filter(s -> s.path.startsWith("/v5/private")).forEach(s -> s.close(code));
    }

    /**
     * Silences every public stream connection: the TCP connection stays open, but nothing comes
     * back any more (no pong, no push), as with a hung server or a half-dead network path.
     */
    public void silencePublicWs() {
        ws.sessions().stream().filter(s -> s.path.startsWith("/v5/public"))
                .forEach(MiniWebSocketServer.Session::mute);
    }

    public void silencePrivateWs() {
        ws.sessions().stream().filter(s -> s.path.startsWith("/v5/private"))
                .forEach(MiniWebSocketServer.Session::mute);
    }

    /** Private stream connections open now (logged in or not). */
    public int privateConnections() {
        return (int) ws.sessions().stream().filter(s -> s.path.startsWith("/v5/private")).count();
    }

    /** Public sessions currently subscribed to {@code topic}. */
    public int publicSubscribers(String topic) {
        return (int) ws.sessions().stream().filter(s -> s.answering() && topics(s).contains(topic)).count();
    }

    /** Authenticated private sessions subscribed to {@code order}. */
    public int privateSubscribers() {
        return (int) ws.sessions().stream().filter(s -> s.answering() && s.attributes.containsKey("apiKey")
                && topics(s).contains("order")).count();
    }

    /** Pushes a kline to every public subscriber of {@code kline.<interval>.<symbol>}. */
    public void pushKline(String symbol, String interval, FakeMarket.Kline k, boolean confirm) {
        String topic = "kline." + interval + "." + symbol;
        ObjectNode msg = (ObjectNode) Samples.load("ws_kline.json").deepCopy();
        msg.put("topic", topic);
        ObjectNode d = (ObjectNode) msg.path("data").get(0);
        long step = stepMillis(interval);
        d.put("start", k.start());
        d.put("end", k.start() + step - 1);
        d.put("interval", interval);
        d.put("open", k.open());
        d.put("high", k.high());
        d.put("low", k.low());
        d.put("close", k.close());
        d.put("volume", k.volume());
        d.put("turnover", k.turnover());
        d.put("confirm", confirm);
        d.put("timestamp", now());
        msg.put("ts", now());
        String text = msg.toString();
        ws.sessions().stream().filter(s -> topics(s).contains(topic)).forEach(s -> s.send(text));
    }

    /**
     * A synthetic market for manual and end-to-end runs: {@code history} closed candles of
     * {@code symbol} in REST, then every second a random-walk update of the forming candle pushed
     * with {@code confirm:false}, and at each interval's end the closed one with
     * {@code confirm:true}. Market orders fill at the walk's price.
     */
    public synchronized void startKlineFeed(String symbol, String interval, int history, long seed) {
        long step = stepMillis(interval);
        java.util.Random random = new java.util.Random(seed);
        double[] price = {30000};
        long first = now() / step * step - history * step;
        for (long t = first; t < now() / step * step; t += step) {
            price[0] *= 1 + (random.nextGaussian() * 0.002);
            market.addKline(symbol, interval, FakeMarket.kline(t, String.format("%.1f", price[0])));
        }
        long[] forming = {now() / step * step};
        feed = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fake-bybit-feed");
            t.setDaemon(true);
            return t;
        });
        feed.scheduleAtFixedRate(() -> {
            long open = now() / step * step;
            if (open > forming[0]) {
                FakeMarket.Kline closed = FakeMarket.kline(forming[0], String.format("%.1f", price[0]));
                market.addKline(symbol, interval, closed);
                pushKline(symbol, interval, closed, true);
                forming[0] = open;
            }
            price[0] *= 1 + (random.nextGaussian() * 0.0005);
            market.lastPrice(symbol, new java.math.BigDecimal(String.format("%.1f", price[0])));
            pushKline(symbol, interval, FakeMarket.kline(forming[0], String.format("%.1f", price[0])), false);
        }, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
    }

    /**
     * Runs the fake for manual and end-to-end tests:
     * {@code FakeBybit [restPort] [wsPort] [symbol]} — a 1-minute BTCUSDT feed, key
     * {@value #KEY} / secret {@value #SECRET}, until killed.
     */
    public static void main(String[] args) throws InterruptedException {
        int restPort = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        int wsPort = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        String symbol = args.length > 2 ? args[2] : "BTCUSDT";
        FakeBybit fake = start(restPort, wsPort);
        fake.startKlineFeed(symbol, "1", 500, 42);
        System.out.println("# fake Bybit running; an account config for it:");
        System.out.println("apiKey=" + KEY);
        System.out.println("apiSecret=" + SECRET);
        System.out.println("category=linear");
        System.out.println("restUrl=" + fake.restUrl());
        System.out.println("wsPublicUrl=" + fake.wsPublicUrl("linear"));
        System.out.println("wsPrivateUrl=" + fake.wsPrivateUrl());
        Thread.currentThread().join();
    }

    static long stepMillis(String interval) {
        return switch (interval) {
            case "D" -> 86_400_000L;
            case "W" -> 7 * 86_400_000L;
            default -> Long.parseLong(interval) * 60_000L;
        };
    }

    @Override
    public void close() {
        if (feed != null) {
            feed.shutdownNow();
        }
        http.stop(0);
        httpThreads.shutdownNow();
        ws.close();
    }

    // ---- HTTP ------------------------------------------------------------------------------

    private void handle(HttpExchange ex) throws IOException {
        long arrival = System.nanoTime();
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        String rawQuery = ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery();
        byte[] bodyBytes = ex.getRequestBody().readAllBytes();
        String body = new String(bodyBytes, StandardCharsets.UTF_8);
        String apiKey = header(ex, "X-BAPI-API-KEY");
        boolean isPublic = path.startsWith("/v5/market/");
        boolean isOrder = path.equals("/v5/order/create") || path.equals("/v5/order/cancel");
        String group = isPublic ? "public" : isOrder ? "order" : "private";
        int[] retCode = {-1};
        boolean[] logged = {false};
        Runnable logIt = () -> {
            if (!logged[0]) {
                logged[0] = true;
                log.add(new RequestLog.Entry(arrival, method, path, rawQuery, body, apiKey, group,
                        retCode[0]));
            }
        };
        try {
            Map<String, String> q = parseQuery(rawQuery);
            JsonNode jsonBody = body.isEmpty() ? Samples.JSON.createObjectNode() : Samples.JSON.readTree(body);
            Map<String, String> limitHeaders = new LinkedHashMap<>();
            FakeAccount account = null;
            if (!isPublic) {
                account = authenticate(ex, apiKey, method.equals("GET") ? rawQuery : body);
                int limit = isOrder ? ("spot".equals(jsonBody.path("category").asText())
                        ? orderLimitSpot : orderLimitLinear) : 50;
                rateLimit(apiKey + "|" + group, limit, limitHeaders);
            }
            Fault down = outage;
            Fault fault = down != null ? down : nextFault(path);
            if (fault != null && fault.kind() == Fault.Kind.HTTP_STATUS) {
                logIt.run();
                respondRaw(ex, fault.code(), "<html>error</html>");
                return;
            }
            if (fault != null && fault.kind() == Fault.Kind.RET_CODE) {
                if (fault.code() == 10006) {
                    limitHeaders.put("X-Bapi-Limit-Status", "0");
                    limitHeaders.put("X-Bapi-Limit-Reset-Timestamp", Long.toString(now() + 300));
                }
                throw new FakeError(fault.code(), "injected");
            }
            if (fault != null && fault.kind() == Fault.Kind.EMPTY_LIST) {
                ObjectNode empty = Samples.JSON.createObjectNode();
                empty.putArray("list");
                empty.put("nextPageCursor", "");
                retCode[0] = 0;
                logIt.run();
                respond(ex, envelope(0, "OK", empty), limitHeaders);
                return;
            }
            JsonNode result = route(method, path, q, jsonBody, account);
            retCode[0] = 0;
            if (fault != null) {
                switch (fault.kind()) {
                    case DROP_AFTER_EXECUTE -> {
                        retCode[0] = -1;
                        logIt.run();
                        ex.close(); // no status line: the client sees the connection closed
                        return;
                    }
                    case DELAY_AFTER_EXECUTE -> {
                        logIt.run();
                        sleep(fault.millis());
                    }
                    case HTTP_STATUS_AFTER_EXECUTE -> {
                        retCode[0] = -1;
                        logIt.run();
                        respondRaw(ex, fault.code(), "<html>bad gateway</html>");
                        return;
                    }
                    default -> { }
                }
            }
            logIt.run();
            respond(ex, envelope(0, "OK", result), limitHeaders);
        } catch (FakeError e) {
            retCode[0] = e.retCode;
            Map<String, String> h = new LinkedHashMap<>();
            if (e.retCode == 10006) {
                h.put("X-Bapi-Limit-Status", "0");
                h.put("X-Bapi-Limit-Reset-Timestamp", Long.toString(now() + 300));
            }
            logIt.run();
            respond(ex, envelope(e.retCode, e.getMessage(), Samples.JSON.createObjectNode()), h);
        } catch (RuntimeException e) {
            retCode[0] = 10016;
            logIt.run();
            respond(ex, envelope(10016, "fake internal error: " + e, Samples.JSON.createObjectNode()),
                    Map.of());
        } finally {
            logIt.run();
        }
    }

    private JsonNode route(String method, String path, Map<String, String> q, JsonNode body,
                           FakeAccount a) {
        switch (method + " " + path) {
            case "GET /v5/market/time": {
                long nowMs = now();
                ObjectNode r = Samples.JSON.createObjectNode();
                r.put("timeSecond", Long.toString(nowMs / 1000));
                r.put("timeNano", Long.toString(nowMs) + "000000");
                return r;
            }
            case "GET /v5/market/instruments-info": {
                ObjectNode r = Samples.JSON.createObjectNode();
                String category = q.getOrDefault("category", "");
                r.put("category", category);
                ArrayNode list = r.putArray("list");
                ObjectNode row = market.instrument(category, q.getOrDefault("symbol", ""));
                if (row != null) {
                    list.add(row);
                }
                r.put("nextPageCursor", "");
                return r;
            }
            case "GET /v5/market/kline": {
                int limit = Integer.parseInt(q.getOrDefault("limit", "200"));
                if (limit < 1 || limit > 1000) {
                    throw new FakeError(10001, "params error: limit");
                }
                String interval = q.getOrDefault("interval", "");
                ObjectNode r = Samples.JSON.createObjectNode();
                r.put("symbol", q.getOrDefault("symbol", ""));
                r.put("category", q.getOrDefault("category", ""));
                ArrayNode list = r.putArray("list");
                Long start = q.containsKey("start") ? Long.valueOf(q.get("start")) : null;
                Long end = q.containsKey("end") ? Long.valueOf(q.get("end")) : null;
                for (FakeMarket.Kline k : market.klines(q.get("symbol"), interval, start, end, limit)) {
                    FakeMarket.appendRow(list, k);
                }
                return r;
            }
            case "POST /v5/order/create":
                return a.create(body);
            case "POST /v5/order/cancel":
                return a.cancel(body);
            case "GET /v5/order/realtime":
                return page(a.realtime(q), q, 50, 20, q.get("category"));
            case "GET /v5/order/history":
                return page(a.history(q), q, 50, 20, q.get("category"));
            case "GET /v5/execution/list":
                return page(a.executions(q), q, 100, 50, q.get("category"));
            case "GET /v5/account/wallet-balance":
                return a.wallet(q);
            default:
                throw new FakeError(10001, "unknown path " + path);
        }
    }

    /** Cursor paging; the cursor is handed out percent-encoded, as Bybit does. */
    private static ObjectNode page(List<ObjectNode> rows, Map<String, String> q, int max, int dflt,
                                   String category) {
        int limit = Integer.parseInt(q.getOrDefault("limit", Integer.toString(dflt)));
        if (limit < 1 || limit > max) {
            throw new FakeError(10001, "params error: limit");
        }
        int offset = 0;
        String cursor = q.getOrDefault("cursor", "");
        if (!cursor.isEmpty()) {
            if (!cursor.startsWith("page=")) {
                throw new FakeError(10001, "params error: cursor");
            }
            offset = Integer.parseInt(cursor.substring(5));
        }
        ObjectNode r = Samples.JSON.createObjectNode();
        ArrayNode list = r.putArray("list");
        int end = Math.min(rows.size(), offset + limit);
        for (int i = offset; i < end; i++) {
            list.add(rows.get(i));
        }
        r.put("nextPageCursor", end < rows.size() ? "page%3D" + end : "");
        r.put("category", category == null ? "" : category);
        return r;
    }

    private FakeAccount authenticate(HttpExchange ex, String apiKey, String payload) {
        FakeAccount a = accounts.get(apiKey);
        if (a == null) {
            throw new FakeError(10003, "API key is invalid.");
        }
        String ts = header(ex, "X-BAPI-TIMESTAMP");
        String sign = header(ex, "X-BAPI-SIGN");
        String recv = header(ex, "X-BAPI-RECV-WINDOW");
        String expected = hmac(a.secret, ts + apiKey + recv + payload);
        if (!expected.equals(sign)) {
            throw new FakeError(10004, "error sign! origin_string[" + ts + apiKey + recv + payload + "]");
        }
        long window = recv.isEmpty() ? 5000 : Long.parseLong(recv);
        long t = Long.parseLong(ts);
        long serverNow = now();
        if (!(serverNow - window <= t && t < serverNow + 1000)) {
            throw new FakeError(10002, "invalid request, please check your server timestamp or "
                    + "recv_window param. req_timestamp[" + t + "],server_timestamp[" + serverNow
                    + "],recv_window[" + window + "]");
        }
        return a;
    }

    private void rateLimit(String key, int limit, Map<String, String> headers) {
        long nowMs = now();
        synchronized (windows) {
            ArrayDeque<Long> w = windows.computeIfAbsent(key, k -> new ArrayDeque<>());
            while (!w.isEmpty() && nowMs - w.peekFirst() >= WINDOW_MS) {
                w.pollFirst();
            }
            headers.put("X-Bapi-Limit", Integer.toString(limit));
            if (w.size() >= limit) {
                headers.put("X-Bapi-Limit-Status", "0");
                headers.put("X-Bapi-Limit-Reset-Timestamp", Long.toString(w.peekFirst() + WINDOW_MS));
                throw new FakeError(10006, "Too many visits!");
            }
            w.addLast(nowMs);
            headers.put("X-Bapi-Limit-Status", Integer.toString(limit - w.size()));
            headers.put("X-Bapi-Limit-Reset-Timestamp", Long.toString(w.peekFirst() + WINDOW_MS));
        }
    }

    private Fault nextFault(String path) {
        Queue<Fault> q = faults.get(path);
        return q == null ? null : q.poll();
    }

    private ObjectNode envelope(int retCode, String retMsg, JsonNode result) {
        ObjectNode env = Samples.JSON.createObjectNode();
        env.put("retCode", retCode);
        env.put("retMsg", retMsg);
        env.set("result", result);
        env.putObject("retExtInfo");
        env.put("time", now());
        return env;
    }

    private static void respond(HttpExchange ex, JsonNode json, Map<String, String> headers)
            throws IOException {
        headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.getResponseHeaders().add("Content-Type", "application/json");
        respondRaw(ex, 200, json.toString());
    }

    private static void respondRaw(HttpExchange ex, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private static String header(HttpExchange ex, String name) {
        String v = ex.getRequestHeaders().getFirst(name);
        return v == null ? "" : v;
    }

    static Map<String, String> parseQuery(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            q.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return q;
    }

    static String hmac(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- WebSocket ---------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static Set<String> topics(MiniWebSocketServer.Session s) {
        return (Set<String>) s.attributes.computeIfAbsent("topics", k -> ConcurrentHashMap.newKeySet());
    }

    private void pushPrivate(String apiKey, String topic, ObjectNode row) {
        ObjectNode msg = Samples.JSON.createObjectNode();
        msg.put("id", "push-" + pushIds.incrementAndGet());
        msg.put("topic", topic);
        msg.put("creationTime", now());
        msg.putArray("data").add(row);
        String text = msg.toString();
        for (MiniWebSocketServer.Session s : ws.sessions()) {
            if (apiKey.equals(s.attributes.get("apiKey")) && topics(s).contains(topic)) {
                s.send(text);
            }
        }
    }

    private final class WsHandler implements MiniWebSocketServer.Handler {
        @Override
        public boolean accept(String path) {
            if (path.startsWith("/v5/private")) {
                return !refusePrivateWs;
            }
            return path.startsWith("/v5/public/") && !refusePublicWs && !refusedPublicPaths.contains(path);
        }

        @Override
        public void onOpen(MiniWebSocketServer.Session session) {
            // Bybit sends nothing until asked
            log.add(new RequestLog.Entry(System.nanoTime(), "WS", session.path, "connect", "", "", "ws", 0));
        }

        @Override
        public void onText(MiniWebSocketServer.Session s, String text) {
            JsonNode msg;
            try {
                msg = Samples.JSON.readTree(text);
            } catch (IOException e) {
                return;
            }
            String op = msg.path("op").asText("");
            String reqId = msg.path("req_id").asText("");
            boolean isPrivate = s.path.startsWith("/v5/private");
            ObjectNode ack = Samples.JSON.createObjectNode();
            ack.put("req_id", reqId);
            ack.put("conn_id", "fake-" + System.identityHashCode(s));
            ack.put("op", op);
            switch (op) {
                case "ping" -> {
                    pings.incrementAndGet();
                    ack.put("success", true);
                    ack.put("ret_msg", "pong");
                    ack.put("op", "pong");
                }
                case "auth" -> {
                    JsonNode args = msg.path("args");
                    String key = args.path(0).asText("");
                    long expires = args.path(1).asLong(0);
                    FakeAccount a = accounts.get(key);
                    boolean ok = isPrivate && a != null && expires > now()
                            && hmac(a.secret, "GET/realtime" + expires).equals(args.path(2).asText(""));
                    if (ok) {
                        s.attributes.put("apiKey", key);
                    }
                    log.add(new RequestLog.Entry(System.nanoTime(), "WS", s.path, "auth", "", key, "ws",
                            ok ? 0 : 10004));
                    ack.put("success", ok);
                    ack.put("ret_msg", ok ? "" : "Request not authorized");
                }
                case "subscribe", "unsubscribe" -> {
                    boolean ok = !isPrivate || s.attributes.containsKey("apiKey");
                    if (ok) {
                        List<String> args = new ArrayList<>();
                        msg.path("args").forEach(n -> args.add(n.asText()));
                        if (op.equals("subscribe")) {
                            topics(s).addAll(args);
                        } else {
                            topics(s).removeAll(args);
                        }
                    }
                    ack.put("success", ok);
                    ack.put("ret_msg", ok ? "" : "Request not authorized");
                }
                default -> {
                    ack.put("success", false);
                    ack.put("ret_msg", "unknown op");
                }
            }
            s.send(ack.toString());
        }

        @Override
        public void onClose(MiniWebSocketServer.Session session) {
            // nothing to clean: sessions are dropped by the server
        }
    }
}
