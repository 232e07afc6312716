package io.botfleet.exchange.bybit.order;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.api.exchange.ErrorKind;
import io.botfleet.api.exchange.ExchangeException;
import io.botfleet.api.exchange.ExchangeOrder;
import io.botfleet.api.exchange.Execution;
import io.botfleet.exchange.bybit.Category;
import io.botfleet.exchange.bybit.mapping.OrderMapper;
import io.botfleet.exchange.bybit.rest.BybitRestClient;
import io.botfleet.exchange.bybit.rest.Paging;
import io.botfleet.exchange.bybit.rest.QueryString;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Read-only order calls: look-up by client order id, open orders, executions. */
public final class OrderQueries {

    /** Bybit's {@code /v5/execution/list} accepts at most a 7-day start..end window. */
    static final Duration EXECUTION_WINDOW = Duration.ofDays(7);
    static final int OPEN_ORDERS_PAGE = 50;
    static final int EXECUTIONS_PAGE = 100;

    private final BybitRestClient rest;
    private final Category category;

    public OrderQueries(BybitRestClient rest, Category category) {
        this.rest = rest;
        this.category = category;
    }

    /**
     * {@code /v5/order/realtime} (open and recently closed orders) first, then
     * {@code /v5/order/history} (closed orders of the last days).
     */
    public CompletableFuture<Optional<ExchangeOrder>> find(String symbol, String clientOrderId) {
        return byLinkId("/v5/order/realtime", symbol, clientOrderId).thenCompose(found -> found.isPresent()
                ? CompletableFuture.completedFuture(found)
                : byLinkId("/v5/order/history", symbol, clientOrderId));
    }

    private CompletableFuture<Optional<ExchangeOrder>> byLinkId(String path, String symbol,
                                                               String clientOrderId) {
        QueryString q = QueryString.create().add("category", category.wire()).add("symbol", symbol)
                .add("orderLinkId", clientOrderId);
        return rest.getPrivate(path, q).thenApply(result -> {
            for (JsonNode row : result.path("list")) {
                if (clientOrderId.equals(row.path("orderLinkId").asText())) {
                    return Optional.of(OrderMapper.order(row));
                }
            }
            return Optional.empty();
        });
    }

    /** Every open order on {@code symbol}, following the cursor. */
    public CompletableFuture<List<ExchangeOrder>> openOrders(String symbol) {
        return Paging.all(cursor -> rest.getPrivate("/v5/order/realtime", QueryString.create()
                .add("category", category.wire()).add("symbol", symbol).add("openOnly", 0)
                .add("limit", OPEN_ORDERS_PAGE).raw("cursor", cursor)))
                .thenApply(rows -> {
                    List<ExchangeOrder> out = new ArrayList<>(rows.size());
                    for (JsonNode row : rows) {
                        ExchangeOrder o = OrderMapper.order(row);
                        if (!o.status().isTerminal()) {
                            out.add(o);
                        }
                    }
                    return out;
                });
    }

    /**
     * Executions at or after {@code since}, oldest first. Bybit lists newest first and limits one
     * query to a 7-day window, so this walks the windows from {@code since} to now.
     */
    public CompletableFuture<List<Execution>> executions(String symbol, Instant since, Instant now) {
        List<Execution> all = new ArrayList<>();
        return window(symbol, since, now, all).thenApply(v -> {
            all.sort(Comparator.comparing(Execution::time)); // stable: keeps Bybit's order on ties
            List<Execution> out = new ArrayList<>(all.size());
            Set<String> seen = new HashSet<>();
            for (Execution e : all) {
                if (!e.time().isBefore(since) && seen.add(e.execId())) {
                    out.add(e);
                }
            }
            return out;
        });
    }

    private CompletableFuture<Void> window(String symbol, Instant start, Instant now,
                                           List<Execution> sink) {
        if (!start.isBefore(now.plusSeconds(1))) {
            return CompletableFuture.completedFuture(null);
        }
        Instant end = start.plus(EXECUTION_WINDOW).minusMillis(1);
        boolean last = !end.isBefore(now);
        QueryString base = QueryString.create().add("category", category.wire()).add("symbol", symbol)
                .add("startTime", start.toEpochMilli());
        if (!last) {
            base.add("endTime", end.toEpochMilli());
        }
        base.add("limit", EXECUTIONS_PAGE);
        return Paging.all(cursor -> rest.getPrivate("/v5/execution/list",
                        base.copy().raw("cursor", cursor)))
                .thenCompose(rows -> {
                    List<Execution> page = new ArrayList<>(rows.size());
                    for (JsonNode row : rows) {
                        Execution e = OrderMapper.execution(row);
                        if (e != null) {
                            page.add(e);
                        }
                    }
                    // newest first on the wire: reverse so that ties keep their real order
                    Collections.reverse(page);
                    sink.addAll(page);
                    return last ? CompletableFuture.completedFuture(null)
                            : window(symbol, end.plusMillis(1), now, sink);
                });
    }

    /** The failure for an order that Bybit does not know. */
    static ExchangeException notFound(String clientOrderId) {
        return new ExchangeException(ErrorKind.NOT_FOUND, "110001",
                "order " + clientOrderId + " not found on Bybit");
    }
}
