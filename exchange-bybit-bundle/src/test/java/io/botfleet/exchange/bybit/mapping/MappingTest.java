package io.botfleet.exchange.bybit.mapping;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.api.exchange.Balance;
import io.botfleet.api.exchange.ExchangeOrder;
import io.botfleet.api.exchange.Execution;
import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.exchange.OrderStatus;
import io.botfleet.api.exchange.OrderType;
import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Instrument;
import io.botfleet.api.market.Interval;
import io.botfleet.exchange.bybit.Category;
import io.botfleet.exchange.bybit.fake.Samples;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.Test;

/** The documented sample responses mapped to the contract's types. */
public class MappingTest {

    private static JsonNode row(String sample) {
        return Samples.load(sample).path("result").path("list").get(0);
    }

    @Test
    public void linearInstrumentUsesQtyStepAndMinNotionalValue() {
        Instrument i = MarketMapper.instrument(row("instruments_linear.json"), Category.LINEAR);
        assertEquals("BTCUSDT", i.symbol());
        assertEquals("BTC", i.baseCoin());
        assertEquals("USDT", i.quoteCoin());
        assertEquals(new BigDecimal("0.10"), i.tickSize());
        assertEquals(new BigDecimal("0.001"), i.qtyStep());
        assertEquals(new BigDecimal("0.001"), i.minQty());
        assertEquals(new BigDecimal("5"), i.minNotional());
    }

    @Test
    public void spotInstrumentUsesBasePrecisionAndMinOrderAmt() {
        Instrument i = MarketMapper.instrument(row("instruments_spot.json"), Category.SPOT);
        assertEquals(new BigDecimal("0.1"), i.tickSize());
        assertEquals(new BigDecimal("0.000001"), i.qtyStep());
        assertEquals(new BigDecimal("0.000011"), i.minQty());
        assertEquals(new BigDecimal("5"), i.minNotional());
    }

    @Test
    public void openOrder() {
        ExchangeOrder o = OrderMapper.order(row("order_realtime.json"));
        assertEquals("test-000005", o.clientOrderId());
        assertEquals("fd4300ae-7847-404e-b947-b46980a4d140", o.exchangeOrderId());
        assertEquals("ETHUSDT", o.symbol());
        assertEquals(OrderSide.BUY, o.side());
        assertEquals(OrderType.LIMIT, o.type());
        assertEquals(new BigDecimal("0.10"), o.qty());
        assertEquals(new BigDecimal("1600.00"), o.price());
        assertEquals(OrderStatus.NEW, o.status());
        assertEquals(0, o.filledQty().signum());
        assertNull(o.avgFillPrice());
        assertNull(o.reason());
        assertEquals(Instant.ofEpochMilli(1684738540561L), o.updatedAt());
    }

    @Test
    public void cancelledOrderKeepsItsReason() {
        ExchangeOrder o = OrderMapper.order(row("order_history.json"));
        assertEquals(OrderStatus.CANCELLED, o.status());
        assertEquals("EC_PostOnlyWillTakeLiquidity", o.reason());
    }

    @Test
    public void pushedMarketOrderHasNoLimitPrice() {
        JsonNode data = Samples.load("ws_order.json").path("data").get(0);
        ExchangeOrder o = OrderMapper.order(data);
        assertEquals(OrderType.MARKET, o.type());
        assertNull(o.price());
        assertEquals(OrderStatus.FILLED, o.status());
        assertEquals(new BigDecimal("1"), o.filledQty());
        assertEquals(new BigDecimal("75"), o.avgFillPrice());
    }

    @Test
    public void execution() {
        Execution e = OrderMapper.execution(row("execution_list.json"));
        assertEquals("e0cbe81d-0f18-5866-9415-cf319b5dab3b", e.execId());
        assertEquals(new BigDecimal("0.1"), e.qty());
        assertEquals(new BigDecimal("1190.15"), e.price());
        assertEquals(new BigDecimal("0.071409"), e.fee());
        assertEquals(Instant.ofEpochMilli(1672282722429L), e.time());
        assertEquals(OrderSide.BUY, e.side());
    }

    @Test
    public void balances() {
        List<Balance> b = AccountMapper.balances(Samples.load("wallet_balance.json").path("result"));
        assertEquals(1, b.size());
        assertEquals("BTC", b.get(0).coin());
        assertEquals(0, b.get(0).total().signum());
    }

    @Test
    public void restKlineRowsAreExactDecimals() {
        JsonNode first = Samples.load("market_kline.json").path("result").path("list").get(0);
        Candle c = MarketMapper.restKline("BTCUSD", Interval.H1, first, true);
        assertEquals(Instant.ofEpochMilli(1670608800000L), c.openTime());
        assertEquals(new BigDecimal("17055.5"), c.close());
        assertEquals(new BigDecimal("268611"), c.volume());
    }

    @Test
    public void wsKline() {
        JsonNode k = Samples.load("ws_kline.json").path("data").get(0);
        Candle c = MarketMapper.wsKline("BTCUSDT", Interval.M5, k);
        assertEquals(Instant.ofEpochMilli(1672324800000L), c.openTime());
        assertEquals(new BigDecimal("16649.5"), c.open());
        assertEquals(false, c.closed());
    }

    @Test
    public void everyIntervalHasABybitCode() {
        for (Interval i : Interval.values()) {
            assertEquals(i, BybitCodes.interval(BybitCodes.interval(i)));
        }
        assertEquals("D", BybitCodes.interval(Interval.D1));
        assertEquals("720", BybitCodes.interval(Interval.H12));
    }

    @Test
    public void statuses() {
        assertEquals(OrderStatus.CANCELLED, BybitCodes.status("PartiallyFilledCanceled", true));
        assertEquals(OrderStatus.CANCELLED, BybitCodes.status("Deactivated", false));
        assertEquals(OrderStatus.NEW, BybitCodes.status("Untriggered", false));
        assertEquals(OrderStatus.REJECTED, BybitCodes.status("Rejected", false));
    }

    /** A reply's decimal that would cost a gigabyte once printed plainly is refused as it is read. */
    @Test
    public void decimalsBeyondThePlatformBoundsAreRefused() {
        JsonNode first = Samples.load("market_kline.json").path("result").path("list").get(0);
        ArrayNode hostile = first.deepCopy();
        hostile.set(4, hostile.textNode("1e999999999"));
        try {
            MarketMapper.restKline("BTCUSD", Interval.H1, hostile, true);
            fail();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("close is too large"));
        }
        ObjectNode execution = row("execution_list.json").deepCopy();
        execution.put("execFee", "1e-999999999");
        try {
            OrderMapper.execution(execution);
            fail();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("execFee has more than 30 digits"));
        }
    }
}
