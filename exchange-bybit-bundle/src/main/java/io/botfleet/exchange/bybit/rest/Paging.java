package io.botfleet.exchange.bybit.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Follows Bybit's {@code nextPageCursor} asynchronously, collecting every {@code list} element.
 * The cursor is passed back exactly as Bybit gave it (it is already percent-encoded).
 */
public final class Paging {

    /** A guard against a server that keeps handing out cursors. */
    public static final int MAX_PAGES = 200;

    private Paging() {
    }

    /**
     * @param fetch returns the {@code result} of one page for a cursor ("" for the first page)
     */
    public static CompletableFuture<List<JsonNode>> all(Function<String, CompletableFuture<JsonNode>> fetch) {
        List<JsonNode> rows = new ArrayList<>();
        return page(fetch, "", rows, 0).thenApply(v -> rows);
    }

    private static CompletableFuture<Void> page(Function<String, CompletableFuture<JsonNode>> fetch,
                                                String cursor, List<JsonNode> rows, int n) {
        return fetch.apply(cursor).thenCompose(result -> {
            JsonNode list = result.path("list");
            list.forEach(rows::add);
            String next = result.path("nextPageCursor").asText("");
            if (next.isEmpty() || list.isEmpty() || next.equals(cursor) || n + 1 >= MAX_PAGES) {
                return CompletableFuture.completedFuture(null);
            }
            return page(fetch, next, rows, n + 1);
        });
    }
}
