package io.botfleet.exchange.bybit.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.api.exchange.ExchangeOrder;
import io.botfleet.api.exchange.Execution;
import io.botfleet.api.exchange.OrderStatus;
import io.botfleet.api.exchange.OrderType;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Orders and executions: one shape serves {@code /v5/order/realtime}, {@code /v5/order/history}
 * and the private {@code order} topic; another {@code /v5/execution/list} and {@code execution}.
 */
public final class OrderMapper {

    private OrderMapper() {
    }

    public static ExchangeOrder order(JsonNode o) {
        BigDecimal filled = BybitJson.decimalOrZero(o, "cumExecQty");
        OrderType type = BybitCodes.orderType(BybitJson.text(o, "orderType"));
        OrderStatus status = BybitCodes.status(BybitJson.text(o, "orderStatus"), filled.signum() > 0);
        BigDecimal avg = BybitJson.decimal(o, "avgPrice");
        if (avg != null && avg.signum() <= 0 || filled.signum() == 0) {
            avg = null; // Bybit reports "0" or "" until something fills
        }
        // a market order carries Bybit's slippage-protection price: not a limit price
        BigDecimal price = type == OrderType.MARKET ? null : BybitJson.decimal(o, "price");
        String reject = BybitJson.text(o, "rejectReason");
        String reason = null;
        if (status == OrderStatus.REJECTED || status == OrderStatus.CANCELLED) {
            String cancelType = BybitJson.text(o, "cancelType");
            if (!reject.isEmpty() && !"EC_NoError".equals(reject)) {
                reason = reject;
            } else if (!cancelType.isEmpty() && !"UNKNOWN".equals(cancelType)) {
                reason = cancelType;
            }
        }
        Instant updated = BybitJson.millis(o, "updatedTime",
                BybitJson.millis(o, "createdTime", Instant.EPOCH));
        return new ExchangeOrder(BybitJson.text(o, "orderLinkId"), BybitJson.text(o, "orderId"),
                BybitJson.text(o, "symbol"), BybitCodes.side(BybitJson.text(o, "side")), type,
                BybitJson.decimalOrZero(o, "qty"), price, status, filled, avg, reason, updated);
    }

    /**
     * An execution, or null for rows that are not trades of an order (funding, settlement,
     * delivery) or carry no quantity.
     */
    public static Execution execution(JsonNode e) {
        String execType = BybitJson.text(e, "execType");
        if (!execType.isEmpty() && !"Trade".equals(execType)) {
            return null;
        }
        BigDecimal qty = BybitJson.decimal(e, "execQty");
        BigDecimal price = BybitJson.decimal(e, "execPrice");
        if (qty == null || price == null || qty.signum() <= 0 || price.signum() <= 0) {
            return null;
        }
        return new Execution(BybitJson.text(e, "execId"), BybitJson.text(e, "orderLinkId"),
                BybitJson.text(e, "orderId"), BybitJson.text(e, "symbol"),
                BybitCodes.side(BybitJson.text(e, "side")), qty, price,
                BybitJson.decimalOrZero(e, "execFee"), BybitJson.text(e, "feeCurrency"),
                BybitJson.millis(e, "execTime", Instant.EPOCH));
    }
}
