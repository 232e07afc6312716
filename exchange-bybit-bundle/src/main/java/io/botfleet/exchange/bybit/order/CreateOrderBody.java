package io.botfleet.exchange.bybit.order;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.api.exchange.OrderRequest;
import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.exchange.OrderType;
import io.botfleet.exchange.bybit.Category;
import io.botfleet.exchange.bybit.mapping.BybitCodes;
import io.botfleet.exchange.bybit.mapping.BybitJson;

/**
 * The {@code POST /v5/order/create} body for an {@link OrderRequest}: decimals as plain strings
 * (Bybit wants strings, and {@code 1E+1} would be refused), {@code orderLinkId} = client order id,
 * GTC for limits and IOC for market orders, {@code marketUnit=baseCoin} on spot market buys so
 * that {@code qty} is in the base coin as the contract says, {@code reduceOnly} only where
 * positions exist.
 */
public final class CreateOrderBody {

    private CreateOrderBody() {
    }

    public static ObjectNode of(OrderRequest order, Category category) {
        ObjectNode b = BybitJson.object();
        b.put("category", category.wire());
        b.put("symbol", order.symbol());
        b.put("side", BybitCodes.side(order.side()));
        b.put("orderType", BybitCodes.orderType(order.type()));
        b.put("qty", order.qty().toPlainString());
        if (order.type() == OrderType.LIMIT) {
            b.put("price", order.price().toPlainString());
            b.put("timeInForce", "GTC");
        } else {
            b.put("timeInForce", "IOC");
            if (category == Category.SPOT && order.side() == OrderSide.BUY) {
                // without it a spot market buy's qty is in the QUOTE coin; ours is always base
                b.put("marketUnit", "baseCoin");
            }
        }
        b.put("orderLinkId", order.clientOrderId());
        if (order.reduceOnly() && category != Category.SPOT) {
            b.put("reduceOnly", true); // spot has no positions to reduce
        }
        return b;
    }
}
