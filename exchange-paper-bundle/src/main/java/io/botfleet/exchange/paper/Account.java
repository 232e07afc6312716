package io.botfleet.exchange.paper;

import io.botfleet.api.exchange.Balance;
import io.botfleet.api.exchange.Execution;
import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.exchange.OrderStatus;
import io.botfleet.api.exchange.OrderType;
import io.botfleet.api.sim.MarketFillModel;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A paper account's state, the fold of its {@link AccountEvent}s: balances, orders and
 * executions. It makes no decisions (see {@link OrderDesk}) and does no I/O.
 *
 * <p>Not thread-safe: confined to the adapter's own thread.
 */
final class Account {

    private final MarketFillModel fills;
    private final Map<String, BigDecimal> totals = new TreeMap<>();
    private final Map<String, PaperOrder> byClientId = new HashMap<>();
    private final Map<String, PaperOrder> byOrderId = new HashMap<>();
    /** The open orders by order id, oldest first: every candle looks at these, not at all. */
    private final Map<String, PaperOrder> open = new LinkedHashMap<>();
    private final List<Execution> executions = new ArrayList<>();
    /** When each execution was made by the wall clock, parallel to {@link #executions}. */
    private final List<Instant> recordedAt = new ArrayList<>();
    private Map<String, BigDecimal> openingBalances;
    private long lastOrderNumber;
    private long lastExecNumber;

    Account(MarketFillModel fills) {
        this.fills = fills;
    }

    void apply(AccountEvent event) {
        if (event instanceof AccountEvent.Opened e) {
            openingBalances = e.balances();
            totals.putAll(e.balances());
        } else if (event instanceof AccountEvent.Accepted e) {
            add(new PaperOrder(e.clientOrderId(), e.orderId(), e.symbol(), e.side(), e.type(),
                    e.qty(), e.price(), e.baseCoin(), e.quoteCoin(), OrderStatus.NEW, e.time()));
        } else if (event instanceof AccountEvent.Rejected e) {
            PaperOrder order = new PaperOrder(e.clientOrderId(), e.orderId(), e.symbol(), e.side(),
                    e.type(), e.qty(), e.price(), "", "", OrderStatus.REJECTED, e.time());
            order.reason = e.reason();
            add(order);
        } else if (event instanceof AccountEvent.Filled e) {
            applyFill(e);
        } else if (event instanceof AccountEvent.Cancelled e) {
            PaperOrder order = order(e.orderId());
            order.status = OrderStatus.CANCELLED;
            order.reason = e.reason();
            order.updatedAt = e.time();
            open.remove(order.orderId);
        }
    }

    private void add(PaperOrder order) {
        byClientId.put(order.clientOrderId, order);
        byOrderId.put(order.orderId, order);
        if (order.isOpen()) {
            open.put(order.orderId, order);
        }
        lastOrderNumber = Math.max(lastOrderNumber, number(order.orderId));
    }

    private void applyFill(AccountEvent.Filled fill) {
        PaperOrder order = order(fill.orderId());
        BigDecimal notional = fill.qty().multiply(fill.price());
        if (order.side == OrderSide.BUY) {
            change(order.quoteCoin, notional.add(fill.fee()).negate());
            change(order.baseCoin, fill.qty());
        } else {
            change(order.baseCoin, fill.qty().negate());
            change(order.quoteCoin, notional.subtract(fill.fee()));
        }
        order.filledQty = order.filledQty.add(fill.qty());
        order.avgFillPrice = fill.price();
        order.status = order.filledQty.compareTo(order.qty) >= 0
                ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
        order.updatedAt = fill.time();
        if (!order.isOpen()) {
            open.remove(order.orderId);
        }
        executions.add(new Execution(fill.execId(), order.clientOrderId, order.orderId,
                order.symbol, order.side, fill.qty(), fill.price(), fill.fee(), order.quoteCoin,
                fill.time()));
        recordedAt.add(fill.recordedAt());
        lastExecNumber = Math.max(lastExecNumber, number(fill.execId()));
    }

    private void change(String coin, BigDecimal delta) {
        totals.merge(coin, delta, BigDecimal::add);
    }

    PaperOrder order(String orderId) {
        PaperOrder order = byOrderId.get(orderId);
        if (order == null) {
            throw new IllegalArgumentException("event for unknown order " + orderId);
        }
        return order;
    }

    /** The numeric part of "P12" or "E7": ids stay unique across restarts. */
    private static long number(String id) {
        try {
            return Long.parseLong(id.substring(1));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return 0;
        }
    }

    boolean isOpened() {
        return openingBalances != null;
    }

    Map<String, BigDecimal> openingBalances() {
        return openingBalances;
    }

    String nextOrderId() {
        return "P" + (lastOrderNumber + 1);
    }

    String nextExecId() {
        return "E" + (lastExecNumber + 1);
    }

    PaperOrder byClientId(String clientOrderId) {
        return byClientId.get(clientOrderId);
    }

    /** A copy: callers fill orders while they iterate. */
    List<PaperOrder> openOrders() {
        return open.isEmpty() ? List.of() : new ArrayList<>(open.values());
    }

    List<Execution> executions() {
        return executions;
    }

    /**
     * The executions on {@code symbol} at or after {@code since} by market time <em>or</em> by
     * the wall clock, oldest first. Executions carry market time (a replay's 2017, a synthetic
     * walk's 2020), while a caller reconciling after a crash naturally asks from a wall-clock
     * instant; answering both keeps either kind of caller from missing a fill, and callers
     * deduplicate by execution id anyway.
     */
    List<Execution> executions(String symbol, Instant since) {
        List<Execution> result = new ArrayList<>();
        for (int i = 0; i < executions.size(); i++) {
            Execution e = executions.get(i);
            if (e.symbol().equals(symbol) && (since == null || !e.time().isBefore(since)
                    || !recordedAt.get(i).isBefore(since))) {
                result.add(e);
            }
        }
        return result;
    }

    /** Funds a resting order holds: the quote (with fee) of a buy, the base of a sell. */
    BigDecimal lockedBy(PaperOrder order, String coin) {
        if (!order.isOpen() || order.type != OrderType.LIMIT) {
            return BigDecimal.ZERO;
        }
        BigDecimal rest = order.qty.subtract(order.filledQty);
        if (order.side == OrderSide.BUY && coin.equals(order.quoteCoin)) {
            return withFee(rest.multiply(order.price));
        }
        if (order.side == OrderSide.SELL && coin.equals(order.baseCoin)) {
            return rest;
        }
        return BigDecimal.ZERO;
    }

    BigDecimal total(String coin) {
        return totals.getOrDefault(coin, BigDecimal.ZERO);
    }

    BigDecimal locked(String coin) {
        BigDecimal locked = BigDecimal.ZERO;
        for (PaperOrder order : open.values()) {
            locked = locked.add(lockedBy(order, coin));
        }
        return locked;
    }

    BigDecimal available(String coin) {
        return total(coin).subtract(locked(coin));
    }

    List<Balance> balances() {
        List<Balance> balances = new ArrayList<>();
        totals.forEach((coin, total) -> balances.add(new Balance(coin, total, locked(coin))));
        return balances;
    }

    BigDecimal fee(BigDecimal notional) {
        return fills.fee(notional);
    }

    BigDecimal withFee(BigDecimal notional) {
        return fills.withFee(notional);
    }
}
