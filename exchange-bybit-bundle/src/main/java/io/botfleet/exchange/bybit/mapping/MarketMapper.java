package io.botfleet.exchange.bybit.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Decimals;
import io.botfleet.api.market.Instrument;
import io.botfleet.api.market.Interval;
import io.botfleet.exchange.bybit.Category;
import java.math.BigDecimal;
import java.time.Instant;

/** Instruments and candles. */
public final class MarketMapper {

    private MarketMapper() {
    }

    /**
     * One row of {@code /v5/market/instruments-info}. Linear: {@code lotSizeFilter.qtyStep},
     * {@code minOrderQty}, {@code minNotionalValue}. Spot has no {@code qtyStep}: its
     * {@code basePrecision} is the quantity step and {@code minOrderAmt} the minimum notional.
     */
    public static Instrument instrument(JsonNode row, Category category) {
        JsonNode lot = row.path("lotSizeFilter");
        JsonNode price = row.path("priceFilter");
        BigDecimal step;
        BigDecimal minNotional;
        if (category == Category.SPOT || lot.has("basePrecision") && !lot.has("qtyStep")) {
            step = BybitJson.decimal(lot, "basePrecision");
            minNotional = BybitJson.decimal(lot, "minOrderAmt");
        } else {
            step = BybitJson.decimal(lot, "qtyStep");
            minNotional = BybitJson.decimal(lot, "minNotionalValue");
        }
        String symbol = BybitJson.text(row, "symbol");
        if (step == null) {
            throw new IllegalArgumentException("instrument " + symbol + " has no quantity step");
        }
        BigDecimal minQty = BybitJson.decimal(lot, "minOrderQty");
        return new Instrument(symbol, BybitJson.text(row, "baseCoin"),
                BybitJson.text(row, "quoteCoin"), BybitJson.decimal(price, "tickSize"), step,
                minQty == null ? step : minQty, minNotional == null ? BigDecimal.ZERO : minNotional);
    }

    /**
     * One REST kline row {@code [start, open, high, low, close, volume, turnover]}; the caller
     * decides whether it is closed.
     */
    public static Candle restKline(String symbol, Interval interval, JsonNode row, boolean closed) {
        return new Candle(symbol, interval, Instant.ofEpochMilli(Long.parseLong(row.get(0).asText())),
                klineField(row, 1, "open"), klineField(row, 2, "high"), klineField(row, 3, "low"),
                klineField(row, 4, "close"), klineField(row, 5, "volume"), closed);
    }

    private static BigDecimal klineField(JsonNode row, int index, String name) {
        try {
            return Decimals.parse(row.get(index).asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Bybit kline " + name + " " + e.getMessage(), e);
        }
    }

    /** One element of a {@code kline.*} push's {@code data}. */
    public static Candle wsKline(String symbol, Interval interval, JsonNode k) {
        return new Candle(symbol, interval, BybitJson.millis(k, "start", Instant.EPOCH),
                BybitJson.decimal(k, "open"), BybitJson.decimal(k, "high"),
                BybitJson.decimal(k, "low"), BybitJson.decimal(k, "close"),
                BybitJson.decimalOrZero(k, "volume"), k.path("confirm").asBoolean(false));
    }
}
