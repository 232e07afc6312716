package io.botfleet.exchange.bybit.market;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.api.exchange.ErrorKind;
import io.botfleet.api.exchange.ExchangeException;
import io.botfleet.api.market.Instrument;
import io.botfleet.exchange.bybit.Category;
import io.botfleet.exchange.bybit.mapping.MarketMapper;
import io.botfleet.exchange.bybit.rest.BybitRestClient;
import io.botfleet.exchange.bybit.rest.QueryString;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Trading rules from {@code /v5/market/instruments-info}, cached per symbol. Rules change rarely
 * (a tick-size change is announced days ahead), so an entry lives an hour; a failed fetch is not
 * cached. Concurrent callers for one symbol share one request.
 */
public final class InstrumentCache {

    static final Duration TTL = Duration.ofHours(1);

    private final BybitRestClient rest;
    private final Category category;
    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

    public InstrumentCache(BybitRestClient rest, Category category) {
        this.rest = rest;
        this.category = category;
    }

    public CompletableFuture<Instrument> get(String symbol) {
        long now = System.nanoTime();
        Entry e = cache.compute(symbol, (s, old) ->
                old != null && now - old.fetchedAt < TTL.toNanos() && !old.future.isCompletedExceptionally()
                        ? old : new Entry(fetch(s), now));
        CompletableFuture<Instrument> f = e.future;
        f.whenComplete((i, err) -> {
            if (err != null) {
                cache.remove(symbol, e);
            }
        });
        return f.thenApply(i -> i); // callers must not be able to complete the shared future
    }

    private CompletableFuture<Instrument> fetch(String symbol) {
        QueryString q = QueryString.create().add("category", category.wire()).add("symbol", symbol);
        return rest.getPublic("/v5/market/instruments-info", q).thenApply(result -> {
            for (JsonNode row : result.path("list")) {
                if (symbol.equals(row.path("symbol").asText())) {
                    return MarketMapper.instrument(row, category);
                }
            }
            throw new ExchangeException(ErrorKind.NOT_FOUND, "symbol",
                    "Bybit has no " + category.wire() + " instrument " + symbol);
        });
    }

    private record Entry(CompletableFuture<Instrument> future, long fetchedAt) {
    }
}
