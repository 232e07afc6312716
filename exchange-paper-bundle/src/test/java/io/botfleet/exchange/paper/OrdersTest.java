package io.botfleet.exchange.paper;

import static io.botfleet.exchange.paper.Fixture.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.botfleet.api.exchange.Balance;
import io.botfleet.api.exchange.ErrorKind;
import io.botfleet.api.exchange.ExchangeException;
import io.botfleet.api.exchange.ExchangeOrder;
import io.botfleet.api.exchange.Execution;
import io.botfleet.api.exchange.OrderAck;
import io.botfleet.api.exchange.OrderRequest;
import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.exchange.OrderStatus;
import io.botfleet.api.exchange.OrderType;
import io.botfleet.api.market.Instrument;
import io.botfleet.api.market.Interval;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Orders against a five-candle replay (closes 100, 110, 120, 110, 100) driven candle by candle.
 */
public class OrdersTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private PaperExchange paper;
    private Steps steps;
    private final Fixture.OrderEvents events = new Fixture.OrderEvents();

    @Before
    public void open() throws Exception {
        open(Map.of("feeBps", "10", "slippageBps", "5"));
    }

    private void open(Map<String, String> extra) throws Exception {
        if (paper != null) {
            paper.close();
        }
        Path file = Fixture.replayFile(temp.newFolder().toPath(), "100,101,99,100",
                "100,111,100,110", "110,121,109,120", "120,120,108,110", "110,111,95,100");
        Map<String, Object> config = Fixture.replayConfig(file);
        config.putAll(extra);
        paper = new PaperExchange(config, temp.newFolder().toPath());
        paper.subscribeOrders(events);
        steps = new Steps();
        paper.subscribeCandles("BTCUSDT", Interval.M1, null, steps);
    }

    @After
    public void close() {
        paper.close();
    }

    private static OrderRequest market(String id, OrderSide side, String qty) {
        return new OrderRequest(id, "BTCUSDT", side, OrderType.MARKET, new BigDecimal(qty), null,
                false);
    }

    private static OrderRequest limit(String id, OrderSide side, String qty, String price) {
        return new OrderRequest(id, "BTCUSDT", side, OrderType.LIMIT, new BigDecimal(qty),
                new BigDecimal(price), false);
    }

    private BigDecimal balance(String coin) throws Exception {
        return await(paper.balances()).stream().filter(b -> b.coin().equals(coin))
                .map(Balance::total).findFirst().orElse(BigDecimal.ZERO);
    }

    @Test
    public void aMarketBuyFillsAtTheCloseMovedBySlippageAndPaysTheFee() throws Exception {
        steps.next(); // candle 0, close 100, still being consumed: the signal's candle
        OrderAck ack = await(paper.place(market("b1", OrderSide.BUY, "2")));
        assertEquals("b1", ack.clientOrderId());
        Execution fill = events.executions().get(0);
        // 100 * (1 + 5/10000) = 100.05, on the data's tick (1)... rounded up against the buyer
        assertEquals(new BigDecimal("101"), fill.price());
        assertEquals(0, new BigDecimal("0.202").compareTo(fill.fee()));   // 2 * 101 * 10 bps
        assertEquals("USDT", fill.feeCurrency());
        assertEquals(Instant.ofEpochMilli(Fixture.T0 + 60_000), fill.time()); // the candle's close
        assertEquals(0, new BigDecimal("797.798").compareTo(balance("USDT")));
        assertEquals(0, new BigDecimal("2").compareTo(balance("BTC")));
        ExchangeOrder order = await(paper.findByClientOrderId("BTCUSDT", "b1")).orElseThrow();
        assertEquals(OrderStatus.FILLED, order.status());
        assertEquals(0, new BigDecimal("2").compareTo(order.filledQty()));
    }

    @Test
    public void slippageMovesASellDownAndTicksComeFromTheData() throws Exception {
        open(Map.of("feeBps", "0", "slippageBps", "0", "balance.BTC", "1"));
        Instrument instrument = await(paper.instrument("BTCUSDT"));
        assertEquals(0, BigDecimal.ONE.compareTo(instrument.tickSize()));
        assertEquals("BTC", instrument.baseCoin());
        assertEquals("USDT", instrument.quoteCoin());
        steps.next().done();
        steps.next(); // close 110
        await(paper.place(market("s1", OrderSide.SELL, "1")));
        assertEquals(new BigDecimal("110"), events.executions().get(0).price());
        assertEquals(0, new BigDecimal("1110").compareTo(balance("USDT")));
    }

    @Test
    public void theFillReachesListenersBeforePlaceCompletes() throws Exception {
        steps.next();
        CompletionStage<OrderAck> placed = paper.place(market("b1", OrderSide.BUY, "1"));
        List<Object> seenAtCompletion = placed.thenApply(ack -> List.copyOf(events.events))
                .toCompletableFuture().get();
        assertEquals(2, seenAtCompletion.size());
        assertTrue(seenAtCompletion.get(0) instanceof Execution);
        assertEquals(OrderStatus.FILLED, ((ExchangeOrder) seenAtCompletion.get(1)).status());
    }

    @Test
    public void aLimitOrderRestsAndFillsAtItsPriceOnALaterCandle() throws Exception {
        open(Map.of("feeBps", "0"));
        Steps.Step first = steps.next();     // low 99: already below 105, but not later
        await(paper.place(limit("l1", OrderSide.BUY, "1", "105")));
        assertEquals(OrderStatus.NEW, await(paper.openOrders("BTCUSDT")).get(0).status());
        Balance usdt = await(paper.balances()).stream().filter(b -> b.coin().equals("USDT"))
                .findFirst().orElseThrow();
        assertEquals(0, new BigDecimal("105").compareTo(usdt.locked()));
        first.done();
        steps.next().done();                  // candle 1: low 100 <= 105 -> fills
        steps.next();
        Execution fill = events.executions().get(0);
        assertEquals(new BigDecimal("105"), fill.price());
        assertEquals(Instant.ofEpochMilli(Fixture.T0 + 120_000), fill.time());
        assertTrue(await(paper.openOrders("BTCUSDT")).isEmpty());
        assertEquals(0, new BigDecimal("895").compareTo(balance("USDT")));
    }

    @Test
    public void aLimitSellFillsWhenTheHighReachesIt() throws Exception {
        open(Map.of("balance.BTC", "1", "feeBps", "0"));
        Steps.Step zero = steps.next();
        await(paper.place(limit("l1", OrderSide.SELL, "1", "115")));
        Balance btc = await(paper.balances()).stream().filter(b -> b.coin().equals("BTC"))
                .findFirst().orElseThrow();
        assertEquals(0, BigDecimal.ONE.compareTo(btc.locked()));
        zero.done();
        Steps.Step one = steps.next();   // candle 1: high 111 < 115
        assertEquals(1, await(paper.openOrders("BTCUSDT")).size());
        one.done();
        steps.next();          // candle 2: high 121 >= 115, matched before it was delivered
        assertTrue(await(paper.openOrders("BTCUSDT")).isEmpty());
        assertEquals(new BigDecimal("115"), events.executions().get(0).price());
        assertEquals(0, new BigDecimal("1115").compareTo(balance("USDT")));
    }

    @Test
    public void insufficientBalanceIsRejectedWithAReasonAndRecorded() throws Exception {
        steps.next();
        try {
            await(paper.place(market("big", OrderSide.BUY, "10")));
            fail("a buy of 10 at 101 with 1000 USDT was accepted");
        } catch (ExecutionException e) {
            ExchangeException error = ExchangeException.find(e);
            assertEquals(ErrorKind.REJECTED, error.kind());
            assertTrue(error.getMessage(), error.getMessage().startsWith(
                    "insufficient balance: needs 1011.01 USDT, available 1000 USDT"));
        }
        ExchangeOrder order = await(paper.findByClientOrderId("BTCUSDT", "big")).orElseThrow();
        assertEquals(OrderStatus.REJECTED, order.status());
        assertTrue(order.reason().startsWith("insufficient balance"));
        try {
            await(paper.place(market("nobtc", OrderSide.SELL, "1")));
            fail();
        } catch (ExecutionException e) {
            assertTrue(e.getCause().getMessage().contains("needs 1 BTC, available 0 BTC"));
        }
    }

    @Test
    public void aKnownClientOrderIdNeverMakesASecondOrder() throws Exception {
        steps.next();
        OrderAck first = await(paper.place(market("same", OrderSide.BUY, "1")));
        OrderAck again = await(paper.place(market("same", OrderSide.BUY, "1")));
        assertEquals(first, again);
        assertEquals(1, events.executions().size());
        assertEquals(0, BigDecimal.ONE.compareTo(balance("BTC")));
        // a rejected id stays rejected, with the same reason
        for (int i = 0; i < 2; i++) {
            try {
                await(paper.place(market("toobig", OrderSide.BUY, "100")));
                fail();
            } catch (ExecutionException e) {
                assertTrue(e.getCause().getMessage().startsWith("insufficient balance"));
            }
        }
    }

    @Test
    public void execAndOrderIdsAreUnique() throws Exception {
        steps.next();
        await(paper.place(market("a", OrderSide.BUY, "1")));
        await(paper.place(market("b", OrderSide.BUY, "1")));
        List<Execution> fills = await(paper.executions("BTCUSDT", Instant.EPOCH));
        assertEquals(2, fills.size());
        assertNotEquals(fills.get(0).execId(), fills.get(1).execId());
        assertNotEquals(fills.get(0).exchangeOrderId(), fills.get(1).exchangeOrderId());
        assertTrue(await(paper.executions("BTCUSDT", Instant.now())).isEmpty());
    }

    @Test
    public void executionsAnswerAWallClockSinceAsWellAsAMarketTimeOne() throws Exception {
        Instant beforeTrading = Instant.now();
        steps.next();
        await(paper.place(market("a", OrderSide.BUY, "1")));
        Instant marketTime = Instant.ofEpochMilli(Fixture.T0 + 60_000);
        assertEquals(marketTime, await(paper.executions("BTCUSDT", null)).get(0).time());
        // a reconciling runtime asks from its own (wall) clock: the 2024 fill is still found
        assertEquals(1, await(paper.executions("BTCUSDT", beforeTrading.minusSeconds(60))).size());
        assertEquals(1, await(paper.executions("BTCUSDT", marketTime)).size());
        // either clock may include it; only an instant after both excludes it
        assertTrue(await(paper.executions("BTCUSDT", Instant.now().plusSeconds(1))).isEmpty());
        assertTrue(await(paper.executions("ETHUSDT", Instant.EPOCH)).isEmpty());
    }

    @Test
    public void cancelReleasesALimitOrderAndIsIdempotent() throws Exception {
        steps.next();
        await(paper.place(limit("l1", OrderSide.BUY, "1", "50")));
        assertEquals(OrderStatus.CANCELLED, await(paper.cancel("BTCUSDT", "l1")).status());
        assertEquals(OrderStatus.CANCELLED, await(paper.cancel("BTCUSDT", "l1")).status());
        assertEquals(0, BigDecimal.ZERO.compareTo(await(paper.balances()).stream()
                .filter(b -> b.coin().equals("USDT")).findFirst().orElseThrow().locked()));
        try {
            await(paper.cancel("BTCUSDT", "never"));
            fail();
        } catch (ExecutionException e) {
            assertEquals(ErrorKind.NOT_FOUND, ExchangeException.find(e).kind());
        }
    }

    @Test
    public void ordersBreakingTheInstrumentRulesAreRejected() throws Exception {
        open(Map.of("instrument.BTCUSDT.qtyStep", "0.1", "instrument.BTCUSDT.minNotional", "50"));
        steps.next();
        assertRejected(market("q", OrderSide.BUY, "0.15"), "not a multiple of the step 0.1");
        assertRejected(market("n", OrderSide.BUY, "0.1"), "notional");
        assertRejected(limit("p", OrderSide.BUY, "1", "100.5"), "not a multiple of the tick 1");
        assertRejected(new OrderRequest("x", "ETHUSDT", OrderSide.BUY, OrderType.MARKET,
                BigDecimal.ONE, null, false), "unknown symbol ETHUSDT");
    }

    @Test
    public void aMarketOrderBeforeAnyCandleHasNoPrice() throws Exception {
        open(Map.of());
        paper.close();
        Path file = Fixture.replayFile(temp.newFolder().toPath(), "100,101,99,100");
        paper = new PaperExchange(Fixture.replayConfig(file), temp.newFolder().toPath());
        assertRejected(market("early", OrderSide.BUY, "1"), "no market price for BTCUSDT yet");
    }

    @Test
    public void unknownInstrumentsAreNotFound() throws Exception {
        try {
            await(paper.instrument("DOGEUSDT"));
            fail();
        } catch (ExecutionException e) {
            assertEquals(ErrorKind.NOT_FOUND, ExchangeException.find(e).kind());
        }
    }

    @Test
    public void callsAfterCloseFailTransiently() throws Exception {
        paper.close();
        try {
            await(paper.balances());
            fail();
        } catch (ExecutionException e) {
            assertEquals(ErrorKind.TRANSIENT, ExchangeException.find(e).kind());
        }
        assertFalse(paper.health().status() == io.botfleet.api.exchange.AccountStatus.UP);
    }

    private void assertRejected(OrderRequest request, String reasonPart) throws Exception {
        try {
            await(paper.place(request));
            fail("accepted " + request);
        } catch (ExecutionException e) {
            ExchangeException error = ExchangeException.find(e);
            assertEquals(ErrorKind.REJECTED, error.kind());
            assertTrue(error.getMessage(), error.getMessage().contains(reasonPart));
        }
    }
}
