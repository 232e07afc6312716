package io.botfleet.runtime.bot;

import io.botfleet.api.bot.BotOrder;
import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.exchange.OrderStatus;
import io.botfleet.api.pipeline.OpenOrders;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A bot's orders in flight, plus the most recently finished ones: an execution may arrive after
 * the exchange already reported its order FILLED or CANCELLED, and must still find it. Unfinished
 * and finished orders are kept apart, so the finished ones stay bounded whatever order they
 * complete in (a long-open order never holds back the eviction of those finished after it).
 * Also knows which unfinished orders are unresolved: their placement's outcome is unknown and
 * they are being looked up. Touched only from the bot's mailbox.
 */
final class OrderTracker implements OpenOrders {

    static final int RECENT_FINISHED = 256;

    private final Map<String, BotOrder> unfinished = new LinkedHashMap<>();
    private final Map<String, BotOrder> finished = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, BotOrder> eldest) {
            return size() > RECENT_FINISHED;
        }
    };
    private final Set<String> unresolved = new HashSet<>();

    void put(BotOrder order) {
        String id = order.clientOrderId();
        if (order.status().isTerminal()) {
            unfinished.remove(id);
            unresolved.remove(id);
            finished.put(id, order);
        } else {
            finished.remove(id);
            unfinished.put(id, order);
        }
    }

    /** Forgets every order (a restart reloads the open ones from the journal). */
    void clear() {
        unfinished.clear();
        finished.clear();
        unresolved.clear();
    }

    BotOrder get(String clientOrderId) {
        BotOrder order = unfinished.get(clientOrderId);
        return order != null ? order : finished.get(clientOrderId);
    }

    /** The unfinished orders, oldest first (a copy). */
    List<BotOrder> unfinished() {
        return new ArrayList<>(unfinished.values());
    }

    /** How many orders are held, unfinished and recently finished. */
    int size() {
        return unfinished.size() + finished.size();
    }

    @Override
    public boolean anyOpen(OrderSide side) {
        return anyOpen(side, true);
    }

    /** An unfinished order on {@code side} whose outcome is not in doubt (being sent, or known to the exchange). */
    @Override
    public boolean anyResolvedOpen(OrderSide side) {
        return anyOpen(side, false);
    }

    private boolean anyOpen(OrderSide side, boolean countUnresolved) {
        for (BotOrder o : unfinished.values()) {
            if (o.side() == side && (countUnresolved || !unresolved.contains(o.clientOrderId()))) {
                return true;
            }
        }
        return false;
    }

    /** The order's placement outcome is unknown: it is looked up until the exchange says. */
    void markUnresolved(String clientOrderId) {
        if (unfinished.containsKey(clientOrderId)) {
            unresolved.add(clientOrderId);
        }
    }

    /** The exchange said what became of the order (or that it never saw it). */
    void markResolved(String clientOrderId) {
        unresolved.remove(clientOrderId);
    }

    boolean isUnresolved(String clientOrderId) {
        return unresolved.contains(clientOrderId);
    }

    /** Orders not finished: being sent, open on the exchange, or unresolved. */
    int unfinishedCount() {
        return unfinished.size();
    }

    int unresolvedCount() {
        return unresolved.size();
    }

    /** Status rank: an update never moves an order backwards (a late NEW after FILLED). */
    static int rank(OrderStatus status) {
        return switch (status) {
            case PENDING_SEND -> 0;
            case NEW -> 1;
            case PARTIALLY_FILLED -> 2;
            default -> 3;
        };
    }

    /** The order after an execution of {@code qty} at {@code price}. */
    static BotOrder afterExecution(BotOrder order, BigDecimal qty, BigDecimal price, Instant now) {
        BigDecimal filled = order.filledQty().add(qty);
        BigDecimal previousValue = order.avgFillPrice() == null
                ? BigDecimal.ZERO : order.avgFillPrice().multiply(order.filledQty());
        BigDecimal avg = previousValue.add(price.multiply(qty)).divide(filled, MathContext.DECIMAL64);
        OrderStatus status = order.status() == OrderStatus.CANCELLED ? OrderStatus.CANCELLED
                : filled.compareTo(order.qty()) >= 0 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
        return new BotOrder(order.botId(), order.clientOrderId(), order.exchangeOrderId(), order.symbol(),
                order.side(), order.type(), order.qty(), order.price(), status, filled, avg,
                order.createdAt(), now, order.reason());
    }
}
