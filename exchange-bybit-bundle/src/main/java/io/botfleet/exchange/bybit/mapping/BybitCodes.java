package io.botfleet.exchange.bybit.mapping;

import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.exchange.OrderStatus;
import io.botfleet.api.exchange.OrderType;
import io.botfleet.api.market.Interval;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/** Translations between the contract's enums and Bybit's wire strings. */
public final class BybitCodes {

    private static final Map<Interval, String> INTERVALS = new EnumMap<>(Interval.class);
    private static final Map<String, Interval> BY_CODE = new HashMap<>();

    static {
        INTERVALS.put(Interval.M1, "1");
        INTERVALS.put(Interval.M3, "3");
        INTERVALS.put(Interval.M5, "5");
        INTERVALS.put(Interval.M15, "15");
        INTERVALS.put(Interval.M30, "30");
        INTERVALS.put(Interval.H1, "60");
        INTERVALS.put(Interval.H2, "120");
        INTERVALS.put(Interval.H4, "240");
        INTERVALS.put(Interval.H6, "360");
        INTERVALS.put(Interval.H12, "720");
        INTERVALS.put(Interval.D1, "D");
        INTERVALS.put(Interval.W1, "W");
        INTERVALS.forEach((k, v) -> BY_CODE.put(v, k));
        if (INTERVALS.size() != Interval.values().length) {
            throw new ExceptionInInitializerError("an Interval has no Bybit code");
        }
    }

    private BybitCodes() {
    }

    /** Bybit's kline interval code: 1,3,5,15,30,60,120,240,360,720,D,W. */
    public static String interval(Interval interval) {
        return INTERVALS.get(interval);
    }

    /** The interval of a Bybit code, or null. */
    public static Interval interval(String code) {
        return BY_CODE.get(code);
    }

    public static String side(OrderSide side) {
        return side == OrderSide.BUY ? "Buy" : "Sell";
    }

    public static OrderSide side(String side) {
        return switch (side) {
            case "Buy" -> OrderSide.BUY;
            case "Sell" -> OrderSide.SELL;
            default -> throw new IllegalArgumentException("unknown Bybit side '" + side + "'");
        };
    }

    public static String orderType(OrderType type) {
        return type == OrderType.MARKET ? "Market" : "Limit";
    }

    public static OrderType orderType(String type) {
        return "Market".equals(type) ? OrderType.MARKET : OrderType.LIMIT;
    }

    /**
     * Bybit's {@code orderStatus}. Open: New, PartiallyFilled, Untriggered (and Created, which
     * spot reports before matching). Closed: Filled; Cancelled, PartiallyFilledCanceled and
     * Deactivated end an order without (further) fills; Rejected. Triggered means a conditional
     * order became a live one.
     */
    public static OrderStatus status(String status, boolean anyFill) {
        return switch (status) {
            case "New", "Created", "Untriggered", "Triggered", "Active" -> OrderStatus.NEW;
            case "PartiallyFilled" -> OrderStatus.PARTIALLY_FILLED;
            case "Filled" -> OrderStatus.FILLED;
            case "Cancelled", "PartiallyFilledCanceled", "Deactivated" -> OrderStatus.CANCELLED;
            case "Rejected" -> OrderStatus.REJECTED;
            default -> anyFill ? OrderStatus.PARTIALLY_FILLED : OrderStatus.NEW;
        };
    }
}
