package io.botfleet.exchange.bybit.market;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Interval;
import io.botfleet.exchange.bybit.Category;
import io.botfleet.exchange.bybit.mapping.BybitCodes;
import io.botfleet.exchange.bybit.mapping.MarketMapper;
import io.botfleet.exchange.bybit.rest.BybitRestClient;
import io.botfleet.exchange.bybit.rest.QueryString;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * Closed candles from {@code /v5/market/kline}. Bybit returns at most 1000 rows per request,
 * newest first, for {@code start <= openTime <= end}; this asks for windows of exactly 1000
 * intervals from {@code from} forward, so each window comes whole, and turns the rows
 * oldest-first. A candle still forming (its close after Bybit's clock) is left out.
 */
public final class CandleHistory {

    public static final int PAGE_LIMIT = 1000;
    /** Pages per call; a caller wanting more continues from the last candle returned. */
    static final int MAX_PAGES = 10;

    private final BybitRestClient rest;
    private final Category category;
    private final LongSupplier serverNow;

    public CandleHistory(BybitRestClient rest, Category category, LongSupplier serverNow) {
        this.rest = rest;
        this.category = category;
        this.serverNow = serverNow;
    }

    /** Closed candles with {@code from <= openTime < to}, oldest first, without duplicates. */
    public CompletableFuture<List<Candle>> fetch(String symbol, Interval interval, Instant from,
                                                Instant to) {
        List<Candle> out = new ArrayList<>();
        // fixed once per call: up to the candle forming by our clock. Its row is asked for too,
        // since our clock may lag a jump of Bybit's we have not seen yet; each answer's own time
        // moves our clock (BybitRestClient) before its rows are read, and a row still forming by
        // then is dropped below.
        long last = Math.min(to.toEpochMilli() - 1, serverNow.getAsLong());
        return page(symbol, interval, from.toEpochMilli(), last, out, 0).thenApply(v -> out);
    }

    private CompletableFuture<Void> page(String symbol, Interval interval, long start, long last,
                                         List<Candle> out, int n) {
        long step = interval.duration().toMillis();
        long end = Math.min(last, start + (PAGE_LIMIT - 1) * step);
        if (end < start || n >= MAX_PAGES) {
            return CompletableFuture.completedFuture(null);
        }
        QueryString q = QueryString.create().add("category", category.wire()).add("symbol", symbol)
                .add("interval", BybitCodes.interval(interval)).add("start", start).add("end", end)
                .add("limit", PAGE_LIMIT);
        return rest.getPublic("/v5/market/kline", q).thenCompose(result -> {
            JsonNode rows = result.path("list");
            for (int i = rows.size() - 1; i >= 0; i--) { // newest first on the wire
                JsonNode row = rows.get(i);
                long open = Long.parseLong(row.get(0).asText());
                if (open < start || open > end || open + step > serverNow.getAsLong()) {
                    continue;
                }
                if (!out.isEmpty() && open <= out.get(out.size() - 1).openTime().toEpochMilli()) {
                    continue; // never a duplicate, never out of order
                }
                out.add(MarketMapper.restKline(symbol, interval, row, true));
            }
            return page(symbol, interval, end + 1, last, out, n + 1);
        });
    }
}
