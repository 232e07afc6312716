package io.botfleet.runtime.bot;

import io.botfleet.api.bot.BotOrder;
import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.exchange.OrderStatus;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bot's orders in flight, plus the most recently finished ones: an execution may arrive after
 * the exchange already reported its order FILLED or CANCELLED, and must still find it. Touched
 * only from the bot's mailbox.
 */
final class OrderTracker {

    private static final int RECENT_FINISHED = 256;

    private final Map<String, BotOrder> orders = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, BotOrder> eldest) {
            return size() > RECENT_FINISHED && eldest.getValue().status().isTerminal();
        }
    };

    void put(BotOrder order) {
        orders.put(order.clientOrderId(), order);
    }

    /** Forgets every order (a restart reloads the open ones from the journal). */
    void clear() {
        orders.clear();
    }

    BotOrder get(String clientOrderId) {
        return orders.get(clientOrderId);
    }

    Collection<BotOrder> all() {
        return orders.values();
    }

    boolean anyOpen(OrderSide side) {
        for (BotOrder o : orders.values()) {
            if (!o.status().isTerminal() && o.side() == side) {
                return true;
            }
        }
        return false;
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
    static BotOrder afterExecution(BotOrder order, BigDecimal qty, BigDecimal price, java.time.Instant now) {
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
