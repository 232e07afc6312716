package io.botfleet.exchange.bybit.order;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.api.exchange.ExchangeException;
import io.botfleet.api.exchange.ExchangeOrder;
import io.botfleet.exchange.bybit.BybitSettings;
import io.botfleet.exchange.bybit.Category;
import io.botfleet.exchange.bybit.mapping.BybitJson;
import io.botfleet.exchange.bybit.ratelimit.LimitGroup;
import io.botfleet.exchange.bybit.rest.BybitRestClient;
import io.botfleet.exchange.bybit.rest.RetCodes;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Cancels by client order id and returns the order's state afterwards. Cancel is idempotent (a
 * repeat gets 110001), so the REST client may retry it. 110001 means the order already finished
 * (or never existed): the order is looked up and returned as it is, or NOT_FOUND.
 */
public final class OrderCanceller {

    static final String CANCEL = "/v5/order/cancel";

    private final BybitRestClient rest;
    private final OrderQueries queries;
    private final Category category;
    private final ScheduledExecutorService scheduler;
    private final long backoffMillis;
    private final int lookups;

    public OrderCanceller(BybitRestClient rest, OrderQueries queries, BybitSettings settings,
                          ScheduledExecutorService scheduler) {
        this.rest = rest;
        this.queries = queries;
        this.category = settings.category();
        this.scheduler = scheduler;
        this.backoffMillis = settings.tuning().retryBackoff().toMillis();
        this.lookups = settings.tuning().resolveAttempts();
    }

    public CompletableFuture<ExchangeOrder> cancel(String symbol, String clientOrderId) {
        ObjectNode body = BybitJson.object();
        body.put("category", category.wire());
        body.put("symbol", symbol);
        body.put("orderLinkId", clientOrderId);
        return rest.post(CANCEL, body, LimitGroup.ORDER, true)
                .thenApply(result -> Boolean.TRUE)
                .exceptionallyCompose(failure -> {
                    ExchangeException e = ExchangeException.find(failure);
                    if (e != null && Integer.toString(RetCodes.ORDER_NOT_FOUND).equals(e.code())) {
                        return CompletableFuture.completedFuture(Boolean.FALSE); // already done
                    }
                    return CompletableFuture.failedFuture(failure);
                })
                .thenCompose(cancelled -> settled(symbol, clientOrderId, 0))
                .thenApply(found -> found.orElseThrow(() -> OrderQueries.notFound(clientOrderId)));
    }

    /**
     * The order after the cancel. Bybit processes a cancel asynchronously, so an order may still
     * read as open for a moment: look again a few times before returning what was seen last.
     */
    private CompletableFuture<Optional<ExchangeOrder>> settled(String symbol, String clientOrderId,
                                                               int attempt) {
        return queries.find(symbol, clientOrderId).thenCompose(found -> {
            if (found.isEmpty() || found.get().status().isTerminal() || attempt + 1 >= lookups) {
                return CompletableFuture.completedFuture(found);
            }
            return Backoff.sleep(scheduler, Backoff.delay(backoffMillis, attempt))
                    .thenCompose(v -> settled(symbol, clientOrderId, attempt + 1));
        });
    }
}
