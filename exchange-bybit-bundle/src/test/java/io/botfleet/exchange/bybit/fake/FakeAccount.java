package io.botfleet.exchange.bybit.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * The orders, executions and balances of one fake Bybit account (one API key / UID), with the
 * documented semantics: unique {@code orderLinkId} forever (110072 / 170141), market orders fill
 * at once at the last price, limit orders rest until a test fills them, cancel of a finished order
 * is 110001, and a spot market buy's qty is in QUOTE coin unless {@code marketUnit=baseCoin}.
 */
public final class FakeAccount {

    /** A mutable order as the fake's engine keeps it. */
    public static final class Order {
        public final String orderId = UUID.randomUUID().toString();
        public final String orderLinkId;
        public final String category;
        public final String symbol;
        public final String side;
        public final String orderType;
        public final BigDecimal qty;
        public final BigDecimal price;
        public final String marketUnit;
        public final boolean reduceOnly;
        public final long createdTime;
        public String status = "New";
        public BigDecimal cumExecQty = BigDecimal.ZERO;
        public BigDecimal cumExecValue = BigDecimal.ZERO;
        public long updatedTime;
        /** Not listed yet (see {@link FakeAccount#unlistNewOrders}): look-ups, lists and pushes leave it out. */
        boolean unlisted;

        Order(String linkId, String category, String symbol, String side, String type,
              BigDecimal qty, BigDecimal price, String marketUnit, boolean reduceOnly, long now) {
            this.orderLinkId = linkId;
            this.category = category;
            this.symbol = symbol;
            this.side = side;
            this.orderType = type;
            this.qty = qty;
            this.price = price;
            this.marketUnit = marketUnit;
            this.reduceOnly = reduceOnly;
            this.createdTime = now;
            this.updatedTime = now;
        }

        public boolean open() {
            return status.equals("New") || status.equals("PartiallyFilled");
        }

        ObjectNode toJson() {
            ObjectNode o = Samples.firstRow("order_realtime.json");
            o.put("orderId", orderId);
            o.put("orderLinkId", orderLinkId);
            o.put("symbol", symbol);
            o.put("price", price == null ? "0" : price.toPlainString());
            o.put("qty", qty.toPlainString());
            o.put("side", side);
            o.put("orderStatus", status);
            o.put("orderType", orderType);
            o.put("timeInForce", orderType.equals("Market") ? "IOC" : "GTC");
            o.put("cumExecQty", cumExecQty.toPlainString());
            o.put("cumExecValue", cumExecValue.toPlainString());
            o.put("leavesQty", open() ? qty.subtract(cumExecQty).toPlainString() : "0");
            o.put("avgPrice", cumExecQty.signum() == 0 ? "0"
                    : cumExecValue.divide(cumExecQty, 8, RoundingMode.HALF_UP).stripTrailingZeros()
                    .toPlainString());
            o.put("reduceOnly", reduceOnly);
            o.put("cancelType", status.equals("Cancelled") ? "CancelByUser" : "UNKNOWN");
            o.put("rejectReason", "EC_NoError");
            o.put("createdTime", Long.toString(createdTime));
            o.put("updatedTime", Long.toString(updatedTime));
            o.put("category", category);
            return o;
        }
    }

    /** One fill. */
    public record Exec(String execId, Order order, BigDecimal qty, BigDecimal price, long time) {
        ObjectNode toJson() {
            ObjectNode e = Samples.firstRow("execution_list.json");
            e.put("symbol", order.symbol);
            e.put("orderType", order.orderType);
            e.put("orderLinkId", order.orderLinkId);
            e.put("side", order.side);
            e.put("orderId", order.orderId);
            e.put("execTime", Long.toString(time));
            e.put("execFee", price.multiply(qty).multiply(new BigDecimal("0.0006"))
                    .setScale(8, RoundingMode.HALF_UP).toPlainString());
            e.put("execId", execId);
            e.put("execPrice", price.toPlainString());
            e.put("execQty", qty.toPlainString());
            e.put("execValue", price.multiply(qty).toPlainString());
            e.put("orderQty", order.qty.toPlainString());
            e.put("orderPrice", order.price == null ? "" : order.price.toPlainString());
            e.put("category", order.category);
            e.put("feeCurrency", "USDT");
            return e;
        }
    }

    final String apiKey;
    final String secret;
    private final FakeMarket market;
    private final LongSupplier clock;
    private final BiConsumer<String, ObjectNode> push; // topic, data row → private stream
    private final Map<String, Order> byLinkId = new LinkedHashMap<>();
    private final List<Order> orders = new ArrayList<>();
    private final List<Exec> executions = new ArrayList<>();
    private final Map<String, BigDecimal[]> balances = new LinkedHashMap<>();
    private final AtomicLong execSeq = new AtomicLong();
    private boolean unlistNew;

    FakeAccount(String apiKey, String secret, FakeMarket market, LongSupplier clock,
                BiConsumer<String, ObjectNode> push) {
        this.apiKey = apiKey;
        this.secret = secret;
        this.market = market;
        this.clock = clock;
        this.push = push;
        balances.put("USDT", new BigDecimal[] {new BigDecimal("10000"), BigDecimal.ZERO});
        balances.put("BTC", new BigDecimal[] {new BigDecimal("0.5"), new BigDecimal("0.1")});
    }

    // ---- test helpers -------------------------------------------------------------------

    /**
     * While on, orders created (and filled) are not listed yet, as on a venue that lists new
     * orders with a delay: look-ups by {@code orderLinkId}, open-order and history lists,
     * execution lists and private pushes leave them out, while a second create with the same
     * {@code orderLinkId} is refused as a duplicate. {@link #listAll()} lists them.
     */
    public synchronized void unlistNewOrders(boolean on) {
        unlistNew = on;
    }

    /** Lists every order created while {@link #unlistNewOrders} was on (no pushes for them). */
    public synchronized void listAll() {
        orders.forEach(o -> o.unlisted = false);
    }

    /** The account's net position on a linear symbol: its fills, buys positive. */
    public synchronized BigDecimal position(String category, String symbol) {
        BigDecimal net = BigDecimal.ZERO;
        for (Exec e : executions) {
            if (e.order().category.equals(category) && e.order().symbol.equals(symbol)) {
                net = e.order().side.equals("Buy") ? net.add(e.qty()) : net.subtract(e.qty());
            }
        }
        return net;
    }

    public synchronized List<Order> orders() {
        return new ArrayList<>(orders);
    }

    public synchronized long ordersWithLinkId(String linkId) {
        return orders.stream().filter(o -> o.orderLinkId.equals(linkId)).count();
    }

    public synchronized Order order(String linkId) {
        return byLinkId.get(linkId);
    }

    public synchronized List<Exec> executions() {
        return new ArrayList<>(executions);
    }

    /** Puts a resting limit order straight into the book (no request, no rate limit). */
    public synchronized Order seedOpenOrder(String category, String symbol, String linkId,
                                            String qty, String price) {
        Order o = new Order(linkId, category, symbol, "Buy", "Limit", new BigDecimal(qty),
                new BigDecimal(price), "", false, clock.getAsLong());
        orders.add(o);
        byLinkId.put(linkId, o);
        return o;
    }

    /** Fills {@code qty} of a resting order at {@code price} and pushes the changes. */
    public synchronized Exec fill(String linkId, String qty, String price) {
        Order o = byLinkId.get(linkId);
        return fill(o, new BigDecimal(qty), new BigDecimal(price), clock.getAsLong());
    }

    /** Fills an order and records an execution at {@code time}. */
    public synchronized Exec fillAt(String linkId, String qty, String price, long time) {
        return fill(byLinkId.get(linkId), new BigDecimal(qty), new BigDecimal(price), time);
    }

    public synchronized void balance(String coin, String wallet, String locked) {
        balances.put(coin, new BigDecimal[] {new BigDecimal(wallet), new BigDecimal(locked)});
    }

    // ---- endpoints ------------------------------------------------------------------------

    synchronized ObjectNode create(JsonNode b) {
        String category = text(b, "category");
        String symbol = text(b, "symbol");
        if (!category.equals("linear") && !category.equals("spot")) {
            throw new FakeError(10001, "params error: category");
        }
        if (market.instrument(category, symbol) == null) {
            throw new FakeError(10001, "params error: symbol invalid");
        }
        String side = text(b, "side");
        String type = text(b, "orderType");
        if (!side.equals("Buy") && !side.equals("Sell") || !type.equals("Market") && !type.equals("Limit")) {
            throw new FakeError(10001, "params error: side or orderType");
        }
        BigDecimal qty = decimal(b, "qty");
        if (qty == null || qty.signum() <= 0) {
            throw new FakeError(10001, "params error: qty");
        }
        BigDecimal price = decimal(b, "price");
        if (type.equals("Limit") && (price == null || price.signum() <= 0)) {
            throw new FakeError(10001, "params error: price");
        }
        if (!b.path("qty").isTextual()) {
            throw new FakeError(10001, "params error: qty must be a string");
        }
        String linkId = text(b, "orderLinkId");
        if (linkId.isEmpty()) {
            linkId = "";
        } else if (byLinkId.containsKey(linkId)) {
            throw category.equals("spot") ? new FakeError(170141, "Duplicate clientOrderId.")
                    : new FakeError(110072, "OrderLinkedID is duplicate");
        }
        boolean reduceOnly = b.path("reduceOnly").asBoolean(false);
        if (reduceOnly && category.equals("linear")
                && position(category, symbol).signum() != (side.equals("Sell") ? 1 : -1)) {
            // Bybit refuses a reduce-only order with no position on the other side to reduce
            throw new FakeError(110017, "current position is zero, cannot fix reduce-only order qty");
        }
        long now = clock.getAsLong();
        Order o = new Order(linkId, category, symbol, side, type, qty, price,
                text(b, "marketUnit"), reduceOnly, now);
        o.unlisted = unlistNew;
        orders.add(o);
        if (!linkId.isEmpty()) {
            byLinkId.put(linkId, o);
        }
        if (!o.unlisted) {
            push.accept("order", o.toJson());
        }
        if (type.equals("Market")) {
            BigDecimal last = market.lastPrice(symbol);
            BigDecimal baseQty = qty;
            if (category.equals("spot") && side.equals("Buy") && !"baseCoin".equals(o.marketUnit)) {
                baseQty = qty.divide(last, 6, RoundingMode.DOWN); // qty was in quote coin
            }
            fill(o, baseQty, last, now);
        }
        ObjectNode r = Samples.JSON.createObjectNode();
        r.put("orderId", o.orderId);
        r.put("orderLinkId", linkId);
        return r;
    }

    synchronized ObjectNode cancel(JsonNode b) {
        String linkId = text(b, "orderLinkId");
        String orderId = text(b, "orderId");
        Order o = !orderId.isEmpty() ? orders.stream().filter(x -> x.orderId.equals(orderId))
                .findFirst().orElse(null) : byLinkId.get(linkId);
        if (o == null || !o.open() || !o.symbol.equals(text(b, "symbol"))) {
            throw new FakeError(110001, "Order does not exist.");
        }
        o.status = o.cumExecQty.signum() > 0 ? "PartiallyFilledCanceled" : "Cancelled";
        o.updatedTime = clock.getAsLong();
        push.accept("order", o.toJson());
        ObjectNode r = Samples.JSON.createObjectNode();
        r.put("orderId", o.orderId);
        r.put("orderLinkId", o.orderLinkId);
        return r;
    }

    synchronized List<ObjectNode> realtime(Map<String, String> q) {
        String category = q.getOrDefault("category", "");
        String symbol = q.getOrDefault("symbol", "");
        if (category.equals("linear") && symbol.isEmpty() && !q.containsKey("settleCoin")
                && !q.containsKey("baseCoin")) {
            throw new FakeError(10001, "params error: symbol, baseCoin or settleCoin is required");
        }
        String linkId = q.getOrDefault("orderLinkId", "");
        List<ObjectNode> out = new ArrayList<>();
        for (int i = orders.size() - 1; i >= 0; i--) { // newest first
            Order o = orders.get(i);
            if (o.unlisted || !o.category.equals(category) || !symbol.isEmpty() && !o.symbol.equals(symbol)) {
                continue;
            }
            if (!linkId.isEmpty()) {
                if (o.orderLinkId.equals(linkId)) { // by id: open or recently closed
                    out.add(o.toJson());
                }
            } else if (o.open()) {
                out.add(o.toJson());
            }
        }
        return out;
    }

    synchronized List<ObjectNode> history(Map<String, String> q) {
        String category = q.getOrDefault("category", "");
        String symbol = q.getOrDefault("symbol", "");
        String linkId = q.getOrDefault("orderLinkId", "");
        List<ObjectNode> out = new ArrayList<>();
        for (int i = orders.size() - 1; i >= 0; i--) {
            Order o = orders.get(i);
            if (!o.unlisted && o.category.equals(category) && (symbol.isEmpty() || o.symbol.equals(symbol))
                    && !o.open() && (linkId.isEmpty() || o.orderLinkId.equals(linkId))) {
                out.add(o.toJson());
            }
        }
        return out;
    }

    synchronized List<ObjectNode> executions(Map<String, String> q) {
        String category = q.getOrDefault("category", "");
        String symbol = q.getOrDefault("symbol", "");
        long now = clock.getAsLong();
        long week = 7L * 24 * 3600 * 1000;
        Long start = q.containsKey("startTime") ? Long.valueOf(q.get("startTime")) : null;
        Long end = q.containsKey("endTime") ? Long.valueOf(q.get("endTime")) : null;
        if (start == null && end == null) {
            start = now - week;
            end = now;
        } else if (end == null) {
            end = start + week;
        } else if (start == null) {
            start = end - week;
        }
        if (end - start > week) {
            throw new FakeError(10001, "params error: time range exceeds 7 days");
        }
        List<ObjectNode> out = new ArrayList<>();
        for (int i = executions.size() - 1; i >= 0; i--) { // newest first
            Exec e = executions.get(i);
            if (!e.order().unlisted && e.order().category.equals(category)
                    && (symbol.isEmpty() || e.order().symbol.equals(symbol))
                    && e.time() >= start && e.time() <= end) {
                out.add(e.toJson());
            }
        }
        return out;
    }

    synchronized ObjectNode wallet(Map<String, String> q) {
        if (!"UNIFIED".equals(q.get("accountType"))) {
            throw new FakeError(10001, "accountType only support UNIFIED");
        }
        ObjectNode result = (ObjectNode) Samples.load("wallet_balance.json").path("result").deepCopy();
        ObjectNode account = (ObjectNode) result.path("list").get(0);
        ObjectNode template = (ObjectNode) account.path("coin").get(0);
        var coins = account.putArray("coin");
        balances.forEach((coin, v) -> {
            ObjectNode c = template.deepCopy();
            c.put("coin", coin);
            c.put("walletBalance", v[0].toPlainString());
            c.put("equity", v[0].toPlainString());
            c.put("locked", v[1].toPlainString());
            coins.add(c);
        });
        return result;
    }

    private Exec fill(Order o, BigDecimal qty, BigDecimal price, long time) {
        Exec e = new Exec("exec-" + execSeq.incrementAndGet() + "-" + o.orderId.substring(0, 8), o,
                qty, price, time);
        executions.add(e);
        o.cumExecQty = o.cumExecQty.add(qty);
        o.cumExecValue = o.cumExecValue.add(qty.multiply(price));
        o.status = o.orderType.equals("Market") || o.cumExecQty.compareTo(o.qty) >= 0
                ? "Filled" : "PartiallyFilled";
        o.updatedTime = time;
        if (!o.unlisted) {
            push.accept("execution", e.toJson());
            push.accept("order", o.toJson());
        }
        return e;
    }

    private static String text(JsonNode n, String f) {
        JsonNode v = n.get(f);
        return v == null || v.isNull() ? "" : v.asText();
    }

    private static BigDecimal decimal(JsonNode n, String f) {
        String s = text(n, f);
        try {
            return s.isEmpty() ? null : new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw new FakeError(10001, "params error: " + f);
        }
    }
}
