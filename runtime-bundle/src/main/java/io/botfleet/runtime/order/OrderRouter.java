package io.botfleet.runtime.order;

import io.botfleet.api.exchange.ExchangeAdapter;
import io.botfleet.api.exchange.ExchangeOrder;
import io.botfleet.api.exchange.Execution;
import io.botfleet.api.exchange.OrderUpdateListener;
import io.botfleet.api.exchange.Subscription;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One order stream per exchange account, fanned out to the bots on it by the bot key inside each
 * client order id. Updates for orders no bot placed are counted and logged, never acted on.
 */
public final class OrderRouter implements OrderUpdateListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OrderRouter.class);

    private final ClientOrderIdFactory ids;
    private final Map<Long, OrderSink> sinks = new ConcurrentHashMap<>();
    private final LongAdder foreign = new LongAdder();
    private final Subscription subscription;

    public OrderRouter(ExchangeAdapter adapter, ClientOrderIdFactory ids) {
        this.ids = ids;
        this.subscription = adapter.subscribeOrders(this);
    }

    public void register(long botKey, OrderSink sink) {
        sinks.put(botKey, sink);
    }

    public void unregister(long botKey, OrderSink sink) {
        sinks.remove(botKey, sink);
    }

    public boolean isEmpty() {
        return sinks.isEmpty();
    }

    /** Updates seen for orders that belong to no bot of this installation. */
    public long foreignUpdates() {
        return foreign.sum();
    }

    @Override
    public void onOrderUpdate(ExchangeOrder order) {
        OrderSink sink = sinkFor(order.clientOrderId());
        if (sink != null) {
            sink.onOrderUpdate(order);
        }
    }

    @Override
    public void onExecution(Execution execution) {
        OrderSink sink = sinkFor(execution.clientOrderId());
        if (sink != null) {
            sink.onExecution(execution);
        }
    }

    private OrderSink sinkFor(String clientOrderId) {
        OptionalLong key = ids.botKeyOf(clientOrderId);
        OrderSink sink = key.isPresent() ? sinks.get(key.getAsLong()) : null;
        if (sink == null) {
            foreign.increment();
            LOG.debug("order update for {} belongs to no running bot", clientOrderId);
        }
        return sink;
    }

    @Override
    public void close() {
        subscription.close();
    }
}
