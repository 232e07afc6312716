package io.botfleet.persistence.journal;

import static io.botfleet.persistence.testing.Fixtures.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.bot.BotEvent;
import io.botfleet.api.bot.BotFill;
import io.botfleet.api.bot.BotOrder;
import io.botfleet.api.bot.Position;
import io.botfleet.api.exchange.OrderStatus;
import io.botfleet.api.store.BotProgress;
import io.botfleet.api.store.StoreConflictException;
import io.botfleet.api.store.StoreException;
import io.botfleet.api.store.StrategyCheckpoint;
import io.botfleet.persistence.testing.Fixtures;
import io.botfleet.persistence.testing.StoreTestBase;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.Test;

public class JdbcBotJournalTest extends StoreTestBase {

    private JdbcBotJournal journal() {
        return stores.journal();
    }

    @Test
    public void committedCandleReadsBackEqualAfterReopen() throws Exception {
        BotProgress progress = Fixtures.progress("btc-1", 5, 3);
        BotOrder a = Fixtures.intent("btc-1", "b1-1");
        BotOrder b = Fixtures.intent("btc-1", "b1-2");
        await(journal().commitCandle(progress, List.of(a, b)));

        reopen();

        assertEquals(progress, journal().progress("btc-1").orElseThrow());
        assertEquals(List.of(b, a), journal().orders("btc-1", false, 10));
        assertEquals(a, journal().order("b1-1").orElseThrow());
        assertEquals(new BigDecimal("-12.50"), journal().progress("btc-1").orElseThrow().riskState().get("realizedPnl"));
    }

    @Test
    public void updateOrderChangesStatusAndKeepsItsHistory() throws Exception {
        BotOrder intent = Fixtures.intent("btc-1", "b1-1");
        await(journal().commitCandle(Fixtures.progress("btc-1", 1, 2), List.of(intent)));
        BotOrder acked = intent.with(OrderStatus.NEW, "ex-9", null, null, null, Fixtures.T0.plusSeconds(1));
        BotProgress sent = Fixtures.progress("btc-1", 1, 2);
        await(journal().updateOrder(acked, sent));

        assertEquals(acked, journal().order("b1-1").orElseThrow());
        assertEquals(List.of(acked), journal().orders("btc-1", true, 10));
        List<OrderStatusChange> history = journal().statusHistory("b1-1");
        assertEquals(List.of(OrderStatus.NEW), history.stream().map(OrderStatusChange::status).toList());

        BotOrder cancelled = acked.with(OrderStatus.CANCELLED, null, null, null, "user", Fixtures.T0.plusSeconds(2));
        await(journal().updateOrder(cancelled, null));
        assertEquals(List.of(OrderStatus.NEW, OrderStatus.CANCELLED),
                journal().statusHistory("b1-1").stream().map(OrderStatusChange::status).toList());
        assertEquals("user", journal().statusHistory("b1-1").get(1).reason());
        assertTrue(journal().orders("btc-1", true, 10).isEmpty());
        assertEquals(1, journal().orders("btc-1", false, 10).size());
    }

    @Test
    public void everyUnfinishedOrderIsReadOldestFirstBeyondAnyPageSize() throws Exception {
        // more unfinished orders than the API's page and the old recovery read (1,000) held
        List<BotOrder> unfinished = new ArrayList<>();
        int seq = 0;
        for (int candle = 1; candle <= 15; candle++) {
            List<BotOrder> intents = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                intents.add(Fixtures.intent("btc-1", "u-" + seq++));
            }
            await(journal().commitCandle(Fixtures.progress("btc-1", candle, seq + 1), intents));
            unfinished.addAll(intents);
            // one of each candle's orders finishes, one is acknowledged and stays unfinished
            BotOrder done = intents.get(0).with(OrderStatus.FILLED, "ex-" + candle, intents.get(0).qty(),
                    new BigDecimal("42000"), null, Fixtures.T0.plusSeconds(candle));
            await(journal().updateOrder(done, null));
            unfinished.remove(intents.get(0));
            BotOrder acked = intents.get(1).with(OrderStatus.NEW, "ex-a" + candle, null, null, null,
                    Fixtures.T0.plusSeconds(candle));
            await(journal().updateOrder(acked, null));
            unfinished.set(unfinished.indexOf(intents.get(1)), acked);
        }
        await(journal().commitCandle(Fixtures.progress("eth-1", 1, 2), List.of(Fixtures.intent("eth-1", "other"))));

        List<BotOrder> read = journal().unfinishedOrders("btc-1");
        assertEquals(1_485, read.size());
        assertEquals(unfinished, read);
        assertTrue(journal().unfinishedOrders("nobody").isEmpty());
    }

    @Test
    public void replayedFillIsStoredOnceAndChangesNothing() throws Exception {
        BotOrder intent = Fixtures.intent("btc-1", "b1-1");
        await(journal().commitCandle(Fixtures.progress("btc-1", 1, 2), List.of(intent)));
        BotFill fill = Fixtures.fill(intent, "exec-1");
        BotOrder filled = intent.with(OrderStatus.FILLED, "ex-1", fill.qty(), fill.price(), null, fill.time());
        BotProgress afterFill = withPosition(Fixtures.progress("btc-1", 1, 2), new BigDecimal("0.010"));

        assertTrue(await(journal().applyFill(fill, filled, afterFill)));

        // the replay carries different order and progress: none of it may be written
        BotOrder bogusOrder = filled.with(OrderStatus.PARTIALLY_FILLED, null, BigDecimal.ONE, null, "replay",
                fill.time().plusSeconds(60));
        BotProgress bogusProgress = withPosition(Fixtures.progress("btc-1", 9, 9), new BigDecimal("0.020"));
        assertFalse(await(journal().applyFill(fill, bogusOrder, bogusProgress)));

        reopen();
        assertEquals(List.of(fill), journal().fills("btc-1", 10));
        assertEquals(filled, journal().order("b1-1").orElseThrow());
        assertEquals(afterFill, journal().progress("btc-1").orElseThrow());
        assertEquals("the replay added no history", 1, journal().statusHistory("b1-1").size());
    }

    @Test
    public void sameExecIdOfAnotherBotIsAnotherFill() throws Exception {
        BotOrder a = Fixtures.intent("bot-a", "a-1");
        BotOrder b = Fixtures.intent("bot-b", "b-1");
        assertTrue(await(journal().applyFill(Fixtures.fill(a, "exec-1"), null, null)));
        assertTrue(await(journal().applyFill(Fixtures.fill(b, "exec-1"), null, null)));
        assertEquals(1, journal().fills("bot-a", 10).size());
        assertEquals(1, journal().fills("bot-b", 10).size());
    }

    @Test
    public void checkpointReplacesThePreviousOne() throws Exception {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("fast", List.of(1, 2, 3));
        snapshot.put("ema", new BigDecimal("42000.123456789"));
        snapshot.put("warm", true);
        StrategyCheckpoint first = new StrategyCheckpoint("btc-1", "sma-crossover", "1.0.0", Fixtures.T0,
                Map.of("n", 1), Fixtures.T0);
        StrategyCheckpoint second = new StrategyCheckpoint("btc-1", "sma-crossover", "1.1.0",
                Fixtures.T0.plusSeconds(60), snapshot, Fixtures.T0.plusSeconds(61));
        await(journal().checkpoint(first));
        await(journal().checkpoint(second));

        reopen();
        assertEquals(second, journal().lastCheckpoint("btc-1").orElseThrow());
        assertTrue(journal().lastCheckpoint("other").isEmpty());
    }

    @Test
    public void eachStrategyKeepsItsLastCheckpointAfterAMove() throws Exception {
        StrategyCheckpoint sma = new StrategyCheckpoint("btc-1", "sma-crossover", "1.0.0", Fixtures.T0,
                Map.of("closes", List.of(1, 2)), Fixtures.T0);
        StrategyCheckpoint smaLater = new StrategyCheckpoint("btc-1", "sma-crossover", "1.0.0",
                Fixtures.T0.plusSeconds(60), Map.of("closes", List.of(2, 3)), Fixtures.T0.plusSeconds(60));
        StrategyCheckpoint rsi = new StrategyCheckpoint("btc-1", "rsi-reversion", "1.0.0",
                Fixtures.T0.plusSeconds(120), Map.of("avgGain", new BigDecimal("1.5")), Fixtures.T0.plusSeconds(121));
        await(journal().checkpoint(sma));
        await(journal().checkpoint(smaLater));
        await(journal().checkpoint(rsi));

        reopen();
        assertEquals(rsi, journal().lastCheckpoint("btc-1").orElseThrow());
        assertEquals(smaLater, journal().lastCheckpoint("btc-1", "sma-crossover").orElseThrow());
        assertEquals(rsi, journal().lastCheckpoint("btc-1", "rsi-reversion").orElseThrow());
        assertTrue(journal().lastCheckpoint("btc-1", "other").isEmpty());
        assertTrue(journal().lastCheckpoint("other", "sma-crossover").isEmpty());
    }

    @Test
    public void eventsComeNewestFirst() throws Exception {
        for (int i = 0; i < 5; i++) {
            journal().appendEvent(new BotEvent("btc-1", Fixtures.T0.plusSeconds(i), BotEvent.Type.LIFECYCLE, "e" + i));
        }
        await(journal().appendEvent(new BotEvent("btc-1", Fixtures.T0.plusSeconds(9), BotEvent.Type.ERROR, "last")));
        List<BotEvent> events = journal().events("btc-1", 3);
        assertEquals(List.of("last", "e4", "e3"), events.stream().map(BotEvent::message).toList());
        assertEquals(BotEvent.Type.ERROR, events.get(0).type());
    }

    @Test
    public void duplicateClientOrderIdFailsAndWritesNothing() throws Exception {
        await(journal().commitCandle(Fixtures.progress("btc-1", 1, 2), List.of(Fixtures.intent("btc-1", "dup"))));
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(journal().commitCandle(
                Fixtures.progress("btc-1", 2, 3), List.of(Fixtures.intent("btc-1", "dup")))));
        assertTrue(e.getCause().toString(), e.getCause() instanceof StoreConflictException);
        assertEquals(1, journal().progress("btc-1").orElseThrow().counters().candles());
    }

    @Test
    public void invalidArgumentsFailTheStageWithoutThrowing() {
        BotOrder foreign = Fixtures.intent("other", "o-1");
        assertCauseIs(IllegalArgumentException.class,
                journal().commitCandle(Fixtures.progress("btc-1", 1, 2), List.of(foreign)));
        assertCauseIs(IllegalArgumentException.class, journal().commitCandle(null, List.of()));
        BotOrder acked = Fixtures.intent("btc-1", "b-1").with(OrderStatus.NEW, "x", null, null, null, Fixtures.T0);
        assertCauseIs(IllegalArgumentException.class,
                journal().commitCandle(Fixtures.progress("btc-1", 1, 2), List.of(acked)));
        BotOrder badId = Fixtures.intent("btc-1", "has space");
        assertCauseIs(IllegalArgumentException.class,
                journal().commitCandle(Fixtures.progress("btc-1", 1, 2), List.of(badId)));
        assertThrows(IllegalArgumentException.class, () -> journal().orders("btc-1", false, 0));
        assertTrue(journal().progress("btc-1").isEmpty());
    }

    @Test
    public void tooLongValueFailsOnlyItsOwnWrite() throws Exception {
        List<java.util.concurrent.CompletionStage<Void>> stages = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String message = i == 10 ? "x" : "ok" + i;
            BotOrder order = Fixtures.intent("btc-1", "b-" + i);
            if (i == 10) {
                order = new BotOrder("btc-1", "b-10", "e".repeat(500), "BTCUSDT", order.side(), order.type(),
                        order.qty(), null, OrderStatus.PENDING_SEND, null, null, order.createdAt(), order.updatedAt(),
                        message);
            }
            stages.add(journal().commitCandle(Fixtures.progress("btc-1", i + 1, i + 2), List.of(order)));
        }
        for (int i = 0; i < stages.size(); i++) {
            if (i == 10) {
                int index = i;
                ExecutionException e = assertThrows(ExecutionException.class, () -> await(stages.get(index)));
                assertTrue(e.getCause().toString(), e.getCause() instanceof StoreException);
            } else {
                await(stages.get(i));
            }
        }
        assertEquals(19, journal().orders("btc-1", false, 100).size());
        assertEquals(20, journal().progress("btc-1").orElseThrow().counters().candles());
    }

    @Test
    public void writesAfterCloseFail() {
        stores.close();
        assertCauseIs(StoreException.class, journal().appendEvent(
                new BotEvent("btc-1", Fixtures.T0, BotEvent.Type.LIFECYCLE, "late")));
        stores = target.open();
    }

    private static BotProgress withPosition(BotProgress p, BigDecimal qty) {
        return new BotProgress(p.botId(), p.lastCandleTime(), p.counters(),
                new Position(qty, new BigDecimal("42000.10"), BigDecimal.ZERO, BigDecimal.ZERO), p.nextOrderSeq(),
                p.riskState());
    }

    private static void assertCauseIs(Class<? extends Throwable> type, java.util.concurrent.CompletionStage<?> stage) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(stage));
        assertTrue("expected " + type.getSimpleName() + " but was " + e.getCause(), type.isInstance(e.getCause()));
    }
}
