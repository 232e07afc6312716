package io.botfleet.exchange.paper;

import io.botfleet.api.exchange.ErrorKind;
import io.botfleet.api.exchange.ExchangeException;
import io.botfleet.api.exchange.OrderRequest;
import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.exchange.OrderStatus;
import io.botfleet.api.exchange.OrderType;
import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Instrument;
import io.botfleet.api.sim.MarketFillModel;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The paper venue's decisions: whether an order is accepted, at what price it fills, which
 * resting orders a candle fills. Each decision becomes events handed to the {@link Recorder}
 * (which journals them, applies them to the {@link Account} and tells the listeners) one order
 * at a time, so ids always come from an up-to-date account.
 */
final class OrderDesk {

    /** Makes events durable and visible; throws if they could not be journaled. */
    @FunctionalInterface
    interface Recorder {
        void record(List<AccountEvent> events);
    }

    private final Account account;
    private final MarketFillModel fills;
    private final Recorder recorder;

    OrderDesk(Account account, MarketFillModel fills, Recorder recorder) {
        this.account = account;
        this.fills = fills;
        this.recorder = recorder;
    }

    /**
     * Places an order. A market order fills at once at the last close, moved by the slippage
     * against it; a limit order rests. A client order id seen before returns the first order
     * (a rejected one is rejected again, with its reason).
     *
     * @param instrument the symbol's rules, or null when the account does not trade it
     * @param last       the latest candle delivered for the symbol, or null
     * @param now        the market time to stamp events with
     * @throws ExchangeException REJECTED with the reason
     */
    PaperOrder place(OrderRequest request, Instrument instrument, Candle last, Instant now) {
        PaperOrder known = account.byClientId(request.clientOrderId());
        if (known != null) {
            if (known.status == OrderStatus.REJECTED) {
                throw rejected(known.reason);
            }
            return known;
        }
        String refusal = refusal(request, instrument, last);
        if (refusal != null) {
            recorder.record(List.of(new AccountEvent.Rejected(request.clientOrderId(),
                    account.nextOrderId(), request.symbol(), request.side(), request.type(),
                    request.qty(), request.price(), refusal, now)));
            throw rejected(refusal);
        }
        String orderId = account.nextOrderId();
        AccountEvent accepted = new AccountEvent.Accepted(request.clientOrderId(), orderId,
                request.symbol(), request.side(), request.type(), request.qty(), request.price(),
                instrument.baseCoin(), instrument.quoteCoin(), now);
        if (request.type() == OrderType.MARKET) {
            BigDecimal price = marketPrice(request.side(), last, instrument);
            recorder.record(List.of(accepted, fill(orderId, request.qty(), price, now)));
        } else {
            recorder.record(List.of(accepted));
        }
        return account.byClientId(request.clientOrderId());
    }

    /** Fills, at their own price, the resting limit orders whose price the candle reached. */
    void matchResting(Candle candle) {
        for (PaperOrder order : account.openOrders()) {
            if (!order.symbol.equals(candle.symbol()) || order.type != OrderType.LIMIT) {
                continue;
            }
            boolean reached = order.side == OrderSide.BUY
                    ? candle.low().compareTo(order.price) <= 0
                    : candle.high().compareTo(order.price) >= 0;
            if (reached) {
                recorder.record(List.of(fill(order.orderId, order.qty.subtract(order.filledQty),
                        order.price, candle.closeTime())));
            }
        }
    }

    /** Cancels an open order; a finished one is returned as it is. */
    PaperOrder cancel(PaperOrder order, Instant now) {
        if (order.isOpen()) {
            recorder.record(List.of(new AccountEvent.Cancelled(order.orderId,
                    "cancelled by client", now)));
        }
        return order;
    }

    private AccountEvent fill(String orderId, BigDecimal qty, BigDecimal price, Instant time) {
        return new AccountEvent.Filled(account.nextExecId(), orderId, qty, price,
                account.fee(qty.multiply(price)), time, Instant.now());
    }

    /**
     * The last close moved against the order by the slippage, rounded against it too: the
     * shared {@link MarketFillModel}, so every simulation fills exactly as this venue does.
     */
    BigDecimal marketPrice(OrderSide side, Candle last, Instrument instrument) {
        return fills.marketPrice(side, last.close(), instrument);
    }

    private String refusal(OrderRequest request, Instrument instrument, Candle last) {
        if (instrument == null) {
            return "unknown symbol " + request.symbol();
        }
        if (!isMultiple(request.qty(), instrument.qtyStep())) {
            return "quantity " + request.qty().toPlainString() + " is not a multiple of the step "
                    + instrument.qtyStep().toPlainString() + " for " + request.symbol();
        }
        BigDecimal price;
        if (request.type() == OrderType.LIMIT) {
            if (!isMultiple(request.price(), instrument.tickSize())) {
                return "price " + request.price().toPlainString() + " is not a multiple of the"
                        + " tick " + instrument.tickSize().toPlainString() + " for "
                        + request.symbol();
            }
            price = request.price();
        } else if (last == null) {
            return "no market price for " + request.symbol() + " yet: no candle delivered";
        } else {
            price = marketPrice(request.side(), last, instrument);
        }
        String violation = instrument.violation(request.qty(), price);
        if (violation != null) {
            return violation;
        }
        return balanceShortfall(request, instrument, price);
    }

    private String balanceShortfall(OrderRequest request, Instrument instrument,
                                    BigDecimal price) {
        String coin;
        BigDecimal needed;
        if (request.side() == OrderSide.BUY) {
            coin = instrument.quoteCoin();
            needed = account.withFee(request.qty().multiply(price));
        } else {
            coin = instrument.baseCoin();
            needed = request.qty();
        }
        BigDecimal available = account.available(coin);
        if (available.compareTo(needed) < 0) {
            return "insufficient balance: needs " + needed.stripTrailingZeros().toPlainString()
                    + " " + coin + ", available " + available.stripTrailingZeros().toPlainString()
                    + " " + coin;
        }
        return null;
    }

    private static boolean isMultiple(BigDecimal value, BigDecimal step) {
        return value.remainder(step).signum() == 0;
    }

    static ExchangeException rejected(String reason) {
        return new ExchangeException(ErrorKind.REJECTED, "", reason);
    }
}
