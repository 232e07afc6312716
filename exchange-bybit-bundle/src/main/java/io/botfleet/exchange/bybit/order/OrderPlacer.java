package io.botfleet.exchange.bybit.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.api.exchange.ErrorKind;
import io.botfleet.api.exchange.ExchangeException;
import io.botfleet.api.exchange.ExchangeOrder;
import io.botfleet.api.exchange.OrderAck;
import io.botfleet.api.exchange.OrderRequest;
import io.botfleet.exchange.bybit.BybitSettings;
import io.botfleet.exchange.bybit.Category;
import io.botfleet.exchange.bybit.mapping.BybitJson;
import io.botfleet.exchange.bybit.ratelimit.LimitGroup;
import io.botfleet.exchange.bybit.rest.BybitRestClient;
import io.botfleet.exchange.bybit.rest.RetCodes;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Places orders so that one client order id never becomes two orders.
 *
 * <p>{@code orderLinkId} is the client order id. When a create's outcome is unknown (timeout,
 * connection closed, HTTP 5xx, 10016) the order is looked up by its {@code orderLinkId} a few
 * times with backoff (Bybit processes creates asynchronously, so a landed order may take a moment
 * to show): found, the call completes with its ack; not found by a look-up that succeeded, the
 * create is sent once more with the same {@code orderLinkId}, which is safe because Bybit refuses
 * a second order with that id (110072 / 170141) — and that refusal means the first one landed, so
 * it is looked up and its ack returned. Anything still unresolved completes with UNKNOWN_OUTCOME,
 * including a duplicate refusal whose look-ups stay empty (the order exists, it is just not
 * listed yet): the caller keeps resolving it by client order id.
 * Concurrent calls for one client order id share one placement.
 */
public final class OrderPlacer {

    private static final System.Logger LOG = System.getLogger(OrderPlacer.class.getName());
    static final String CREATE = "/v5/order/create";

    private final BybitRestClient rest;
    private final OrderQueries queries;
    private final Category category;
    private final ScheduledExecutorService scheduler;
    private final long backoffMillis;
    private final int lookups;
    private final ConcurrentHashMap<String, CompletableFuture<OrderAck>> inFlight =
            new ConcurrentHashMap<>();

    public OrderPlacer(BybitRestClient rest, OrderQueries queries, BybitSettings settings,
                       ScheduledExecutorService scheduler) {
        this.rest = rest;
        this.queries = queries;
        this.category = settings.category();
        this.scheduler = scheduler;
        this.backoffMillis = settings.tuning().retryBackoff().toMillis();
        this.lookups = settings.tuning().resolveAttempts();
    }

    public CompletableFuture<OrderAck> place(OrderRequest order) {
        CompletableFuture<OrderAck> mine = new CompletableFuture<>();
        CompletableFuture<OrderAck> running = inFlight.putIfAbsent(order.clientOrderId(), mine);
        if (running != null) {
            return running.thenApply(ack -> ack); // a view: a caller cancelling it harms no one
        }
        send(order, true).whenComplete((ack, err) -> {
            // leave the in-flight map before completing: a caller that sees the result and
            // places the same id again must reach Bybit (and get 110072), not this entry
            inFlight.remove(order.clientOrderId(), mine);
            if (err != null) {
                mine.completeExceptionally(err);
            } else {
                mine.complete(ack);
            }
        });
        return mine;
    }

    /** The create request body (see {@link CreateOrderBody}). */
    public ObjectNode body(OrderRequest order) {
        return CreateOrderBody.of(order, category);
    }

    private CompletableFuture<OrderAck> send(OrderRequest order, boolean resendAllowed) {
        return rest.post(CREATE, body(order), LimitGroup.ORDER, false)
                .thenApply(result -> ack(order, result))
                .exceptionallyCompose(failure -> {
                    ExchangeException e = ExchangeException.find(failure);
                    if (e == null) {
                        return CompletableFuture.failedFuture(failure);
                    }
                    if (isDuplicate(e)) {
                        LOG.log(Level.INFO, "order {0}: duplicate orderLinkId, the first attempt "
                                + "landed; looking it up", order.clientOrderId());
                        return resolve(order, false, e);
                    }
                    if (e.kind() == ErrorKind.UNKNOWN_OUTCOME) {
                        LOG.log(Level.WARNING, "order {0}: create outcome unknown ({1}); looking "
                                + "it up before any resend", order.clientOrderId(), e.code());
                        return resolve(order, resendAllowed, e);
                    }
                    return CompletableFuture.failedFuture(e);
                });
    }

    /** The ack in a create's {@code result}; no orderId means we cannot know what happened. */
    public static OrderAck ack(OrderRequest order, JsonNode result) {
        String orderId = BybitJson.text(result, "orderId");
        if (orderId.isEmpty()) {
            throw new ExchangeException(ErrorKind.UNKNOWN_OUTCOME, "no-order-id",
                    "Bybit accepted order " + order.clientOrderId() + " without an orderId");
        }
        return new OrderAck(order.clientOrderId(), orderId);
    }

    private static boolean isDuplicate(ExchangeException e) {
        try {
            return RetCodes.isDuplicateLinkId(Integer.parseInt(e.code()));
        } catch (NumberFormatException nfe) {
            return false;
        }
    }

    /**
     * Looks the order up; found: its ack. Not found by a look-up that answered: resend once if
     * allowed. Otherwise UNKNOWN_OUTCOME.
     */
    private CompletableFuture<OrderAck> resolve(OrderRequest order, boolean resendAllowed,
                                                ExchangeException cause) {
        return lookup(order, 0, false).thenCompose(result -> {
            if (result.order().isPresent()) {
                ExchangeOrder o = result.order().get();
                return CompletableFuture.completedFuture(
                        new OrderAck(order.clientOrderId(), o.exchangeOrderId()));
            }
            if (result.answered() && resendAllowed) {
                LOG.log(Level.WARNING, "order {0} not found after an unknown outcome; sending it "
                        + "once more with the same orderLinkId", order.clientOrderId());
                return send(order, false);
            }
            if (isDuplicate(cause)) {
                // The refusal proves an order with this id landed; empty look-ups only mean Bybit
                // does not list it yet. Never REJECTED: a terminal state is skipped by
                // reconciliation, and a later fill of that order would be lost.
                return CompletableFuture.failedFuture(new ExchangeException(ErrorKind.UNKNOWN_OUTCOME,
                        cause.code(), "order " + order.clientOrderId() + " exists on Bybit (duplicate "
                        + "orderLinkId) but was not listed after " + lookups + " look-ups"));
            }
            return CompletableFuture.failedFuture(new ExchangeException(ErrorKind.UNKNOWN_OUTCOME,
                    cause.code(), "order " + order.clientOrderId() + ": outcome still unknown after "
                    + lookups + " look-ups (" + cause.getMessage() + ")"));
        });
    }

    private record Lookup(Optional<ExchangeOrder> order, boolean answered) {
    }

    private CompletableFuture<Lookup> lookup(OrderRequest order, int attempt, boolean answered) {
        return Backoff.sleep(scheduler, Backoff.delay(backoffMillis, attempt))
                .thenCompose(v -> queries.find(order.symbol(), order.clientOrderId()))
                .handle((found, err) -> {
                    if (err == null && found.isPresent()) {
                        return CompletableFuture.completedFuture(new Lookup(found, true));
                    }
                    boolean nowAnswered = err == null;
                    if (attempt + 1 >= lookups) {
                        // "answered" only if the LAST look-up answered: an earlier empty answer
                        // followed by failures proves nothing about a slow create
                        return CompletableFuture.completedFuture(
                                new Lookup(Optional.<ExchangeOrder>empty(), nowAnswered));
                    }
                    return lookup(order, attempt + 1, nowAnswered);
                })
                .thenCompose(f -> f);
    }
}
