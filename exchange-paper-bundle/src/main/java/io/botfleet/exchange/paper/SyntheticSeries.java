package io.botfleet.exchange.paper;

import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Interval;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * An endless, seeded random walk. Candle {@code k} is a pure function of the seed and {@code k}:
 * the walk is generated forward from candle 0, the most recent candles are cached, and an
 * older one is regenerated from the start (cheap: about a microsecond a candle). So an account
 * restarted with the same seed serves the same candles, and a bot resuming after its last
 * candle sees exactly what it would have seen.
 *
 * <p>Not thread-safe: used from the adapter's own thread only.
 */
final class SyntheticSeries implements CandleSeries {

    private static final int CACHE = 4096;

    private final MarketSource.Synthetic source;
    private final long intervalMillis;
    private final Candle[] recent = new Candle[CACHE];
    private Walk walk;

    SyntheticSeries(MarketSource.Synthetic source) {
        this.source = source;
        this.intervalMillis = source.interval().duration().toMillis();
        this.walk = new Walk(source);
    }

    @Override
    public String symbol() {
        return source.symbol();
    }

    @Override
    public Interval interval() {
        return source.interval();
    }

    @Override
    public long firstAfter(Instant after) {
        if (after == null || after.isBefore(source.startTime())) {
            return 0;
        }
        return Math.floorDiv(after.toEpochMilli() - source.startTime().toEpochMilli(),
                intervalMillis) + 1;
    }

    @Override
    public Candle get(long index) {
        if (index < 0) {
            return null;
        }
        if (index < walk.next - CACHE) {
            // older than the cache: walk there again from the start, leaving the cache alone
            Walk again = new Walk(source);
            while (again.next < index) {
                again.step();
            }
            return again.step();
        }
        while (walk.next <= index) {
            long k = walk.next;
            recent[(int) (k % CACHE)] = walk.step();
        }
        return recent[(int) (index % CACHE)];
    }

    @Override
    public List<Candle> range(Instant from, Instant to, int limit) {
        List<Candle> result = new ArrayList<>();
        long first = from.isAfter(source.startTime()) ? firstAfter(from.minusMillis(1)) : 0;
        for (long k = first; result.size() < limit; k++) {
            Candle candle = get(k);
            if (!candle.openTime().isBefore(to)) {
                break;
            }
            result.add(candle);
        }
        return result;
    }

    @Override
    public BigDecimal tickSize() {
        return source.tickSize();
    }

    /** The generator: its state is the random source and the last close. */
    private static final class Walk {
        private final MarketSource.Synthetic source;
        private final Random random;
        private final BigDecimal tick;
        private BigDecimal close;
        private long next;

        Walk(MarketSource.Synthetic source) {
            this.source = source;
            this.random = new Random(source.seed());
            this.tick = source.tickSize();
            this.close = round(source.startPrice());
        }

        Candle step() {
            double sigma = source.volatility();
            BigDecimal open = close;
            // StrictMath: the same walk on every JVM and CPU
            double move = StrictMath.exp(sigma * random.nextGaussian());
            BigDecimal newClose = round(open.multiply(BigDecimal.valueOf(move)));
            BigDecimal top = open.max(newClose);
            BigDecimal bottom = open.min(newClose);
            BigDecimal high = round(top.multiply(BigDecimal.valueOf(
                    1 + sigma * Math.abs(random.nextGaussian()) / 2))).max(top);
            BigDecimal low = round(bottom.multiply(BigDecimal.valueOf(
                    1 - sigma * Math.abs(random.nextGaussian()) / 2))).min(bottom);
            BigDecimal volume = BigDecimal.valueOf(1 + random.nextInt(100_000), 3);
            Instant openTime = source.startTime().plus(source.interval().duration().multipliedBy(next));
            next++;
            close = newClose;
            return new Candle(source.symbol(), source.interval(), openTime, open, high, low,
                    newClose, volume, true);
        }

        /** To the tick, never below one tick: a walk must not reach zero. */
        private BigDecimal round(BigDecimal price) {
            BigDecimal ticks = price.divide(tick, 0, RoundingMode.HALF_EVEN);
            return ticks.max(BigDecimal.ONE).multiply(tick);
        }
    }
}
