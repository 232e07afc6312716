package io.botfleet.backtest.dataset;

import io.botfleet.api.dataset.DatasetCandles;
import io.botfleet.api.dataset.DatasetKey;
import io.botfleet.api.market.Candle;
import java.time.Instant;
import java.util.Objects;

/** A range of a {@link CandleSeries} as the API's {@link DatasetCandles}, without copying it. */
public final class SeriesSlice implements DatasetCandles {

    private final DatasetKey key;
    private final CandleSeries series;
    private final int offset;
    private final int size;

    /**
     * The candles of {@code series} opening at or after {@code from} and before {@code to} (null:
     * unbounded).
     */
    public SeriesSlice(DatasetKey key, CandleSeries series, Instant from, Instant to) {
        this.key = key;
        this.series = Objects.requireNonNull(series);
        this.offset = from == null ? 0 : series.indexAtOrAfter(from);
        int end = to == null ? series.size() : series.indexAtOrAfter(to);
        this.size = Math.max(0, end - offset);
    }

    @Override
    public DatasetKey key() {
        return key;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Instant openTime(int i) {
        return series.openTime(index(i));
    }

    @Override
    public Candle candle(int i) {
        return series.candle(index(i), key.symbol());
    }

    /** The series underneath and where this slice starts in it, for code that reads its columns. */
    public CandleSeries series() {
        return series;
    }

    public int offset() {
        return offset;
    }

    private int index(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("candle " + i + " of " + size);
        }
        return offset + i;
    }
}
