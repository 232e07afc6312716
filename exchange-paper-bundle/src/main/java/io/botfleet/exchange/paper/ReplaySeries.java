package io.botfleet.exchange.paper;

import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Interval;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The candles of a replay file, in memory (about 250 bytes a candle: a few million rows are
 * fine), with their open times in a sorted array for binary search.
 */
final class ReplaySeries implements CandleSeries {

    /** How many leading candles decide the tick size when no rule gives it. */
    static final int TICK_SAMPLE = 1000;

    private final String symbol;
    private final Interval interval;
    private final Candle[] candles;
    private final long[] openMillis;
    private final BigDecimal tickSize;

    ReplaySeries(String symbol, Interval interval, List<Candle> candles) {
        this.symbol = symbol;
        this.interval = interval;
        this.candles = candles.toArray(new Candle[0]);
        this.openMillis = candles.stream().mapToLong(c -> c.openTime().toEpochMilli()).toArray();
        this.tickSize = tickOf(candles.subList(0, Math.min(TICK_SAMPLE, candles.size())));
    }

    /** One unit of the most decimals any price shows, e.g. 0.00000001 for 0.00162008. */
    static BigDecimal tickOf(List<Candle> sample) {
        int scale = 0;
        for (Candle c : sample) {
            for (BigDecimal price : new BigDecimal[] {c.open(), c.high(), c.low(), c.close()}) {
                scale = Math.max(scale, price.stripTrailingZeros().scale());
            }
        }
        return BigDecimal.ONE.movePointLeft(scale);
    }

    int size() {
        return candles.length;
    }

    @Override
    public String symbol() {
        return symbol;
    }

    @Override
    public Interval interval() {
        return interval;
    }

    @Override
    public long firstAfter(Instant after) {
        if (after == null) {
            return 0;
        }
        int i = Arrays.binarySearch(openMillis, after.toEpochMilli());
        return i >= 0 ? i + 1 : -i - 1;
    }

    private int firstAtOrAfter(Instant from) {
        int i = Arrays.binarySearch(openMillis, from.toEpochMilli());
        return i >= 0 ? i : -i - 1;
    }

    @Override
    public Candle get(long index) {
        return index >= 0 && index < candles.length ? candles[(int) index] : null;
    }

    @Override
    public List<Candle> range(Instant from, Instant to, int limit) {
        List<Candle> result = new ArrayList<>();
        for (int i = firstAtOrAfter(from); i < candles.length && result.size() < limit
                && candles[i].openTime().isBefore(to); i++) {
            result.add(candles[i]);
        }
        return result;
    }

    @Override
    public BigDecimal tickSize() {
        return tickSize;
    }
}
