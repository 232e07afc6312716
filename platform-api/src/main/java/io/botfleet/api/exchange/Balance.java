package io.botfleet.api.exchange;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The holding of one coin in an account.
 *
 * @param coin   coin name, for example {@code USDT}
 * @param total  wallet balance
 * @param locked part of {@code total} reserved by open orders
 */
public record Balance(String coin, BigDecimal total, BigDecimal locked) {

    public Balance {
        Objects.requireNonNull(coin, "coin");
        Objects.requireNonNull(total, "total");
        locked = locked == null ? BigDecimal.ZERO : locked;
    }

    /** What new orders may use: {@code total - locked}. */
    public BigDecimal available() {
        return total.subtract(locked);
    }
}
