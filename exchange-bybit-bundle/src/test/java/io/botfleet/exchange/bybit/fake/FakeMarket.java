package io.botfleet.exchange.bybit.fake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Instruments, last prices and kline history of the fake venue. */
public final class FakeMarket {

    /** One candle row as Bybit's REST returns it. */
    public record Kline(long start, String open, String high, String low, String close,
                        String volume, String turnover) {
    }

    private final Map<String, ObjectNode> instruments = new ConcurrentHashMap<>();
    private final Map<String, BigDecimal> lastPrices = new ConcurrentHashMap<>();
    private final Map<String, NavigableMap<Long, Kline>> klines = new ConcurrentHashMap<>();

    FakeMarket() {
        addInstrument("linear", "BTCUSDT");
        addInstrument("linear", "ETHUSDT");
        addInstrument("spot", "BTCUSDT");
        lastPrices.put("BTCUSDT", new BigDecimal("30000"));
        lastPrices.put("ETHUSDT", new BigDecimal("2000"));
    }

    /** Adds an instrument shaped like the documented sample of its category. */
    public void addInstrument(String category, String symbol) {
        ObjectNode row = Samples.firstRow("linear".equals(category) ? "instruments_linear.json"
                : "instruments_spot.json");
        row.put("symbol", symbol);
        row.put("baseCoin", symbol.replace("USDT", ""));
        instruments.put(category + "|" + symbol, row);
    }

    ObjectNode instrument(String category, String symbol) {
        return instruments.get(category + "|" + symbol);
    }

    public void lastPrice(String symbol, BigDecimal price) {
        lastPrices.put(symbol, price);
    }

    public BigDecimal lastPrice(String symbol) {
        return lastPrices.getOrDefault(symbol, BigDecimal.ONE);
    }

    /** Stores a candle for REST {@code /v5/market/kline}. */
    public void addKline(String symbol, String interval, Kline k) {
        klines.computeIfAbsent(symbol + "|" + interval, x -> new TreeMap<>()).put(k.start(), k);
    }

    /** A simple candle around {@code price}. */
    public static Kline kline(long start, String price) {
        BigDecimal p = new BigDecimal(price);
        return new Kline(start, price, p.add(BigDecimal.TEN).toPlainString(),
                p.subtract(BigDecimal.TEN).toPlainString(), price, "1.5", "45000");
    }

    /** Rows with {@code start <= open <= end}, newest first, at most {@code limit}. */
    List<Kline> klines(String symbol, String interval, Long start, Long end, int limit) {
        NavigableMap<Long, Kline> all;
        synchronized (klines) {
            all = klines.getOrDefault(symbol + "|" + interval, new TreeMap<>());
        }
        NavigableMap<Long, Kline> range = all;
        synchronized (all) {
            if (start != null && end != null) {
                range = all.subMap(start, true, end, true);
            } else if (start != null) {
                range = all.tailMap(start, true);
            } else if (end != null) {
                range = all.headMap(end, true);
            }
            List<Kline> out = new ArrayList<>();
            // Bybit returns the NEWEST rows of the range when it holds more than the limit
            for (Kline k : range.descendingMap().values()) {
                if (out.size() >= limit) {
                    break;
                }
                out.add(k);
            }
            return out;
        }
    }

    static void appendRow(ArrayNode list, Kline k) {
        list.addArray().add(Long.toString(k.start())).add(k.open()).add(k.high()).add(k.low())
                .add(k.close()).add(k.volume()).add(k.turnover());
    }
}
