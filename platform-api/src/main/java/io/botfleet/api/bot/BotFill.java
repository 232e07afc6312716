package io.botfleet.api.bot;

import io.botfleet.api.exchange.OrderSide;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A fill applied to a bot's position: the {@code Fill} shape of the HTTP API.
 *
 * @param botId         owning bot
 * @param execId        the exchange's execution id, unique per account
 * @param clientOrderId the order it belongs to
 * @param side          buy or sell
 * @param qty           executed quantity
 * @param price         execution price
 * @param fee           fee charged
 * @param feeCurrency   coin of the fee
 * @param time          when it executed
 */
public record BotFill(String botId, String execId, String clientOrderId, OrderSide side,
                      BigDecimal qty, BigDecimal price, BigDecimal fee, String feeCurrency,
                      Instant time) {

    public BotFill {
        Objects.requireNonNull(botId, "botId");
        Objects.requireNonNull(execId, "execId");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(qty, "qty");
        Objects.requireNonNull(price, "price");
        fee = fee == null ? BigDecimal.ZERO : fee;
        feeCurrency = feeCurrency == null ? "" : feeCurrency;
        Objects.requireNonNull(time, "time");
    }
}
