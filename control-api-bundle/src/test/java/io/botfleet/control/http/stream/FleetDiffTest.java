package io.botfleet.control.http.stream;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.bot.BotConfig;
import io.botfleet.api.bot.BotCounters;
import io.botfleet.api.bot.BotEvent;
import io.botfleet.api.bot.BotFill;
import io.botfleet.api.bot.BotManager;
import io.botfleet.api.bot.Halt;
import io.botfleet.api.bot.HaltOutcome;
import io.botfleet.api.bot.BotOrder;
import io.botfleet.api.bot.BotPatch;
import io.botfleet.api.bot.BotState;
import io.botfleet.api.bot.BotStatus;
import io.botfleet.api.bot.StrategySpec;
import io.botfleet.api.bot.Deployment;
import io.botfleet.api.bot.DesiredState;
import io.botfleet.api.bot.ExchangeRef;
import io.botfleet.api.bot.Position;
import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.exchange.OrderStatus;
import io.botfleet.api.exchange.OrderType;
import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Interval;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class FleetDiffTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static BotStatus status(String id, BotState state, String version, BotCounters counters,
                                    String lastError, int second) {
        return new BotStatus(id, state, DesiredState.RUNNING, "sma-crossover", version,
                new ExchangeRef("paper", "default"), "BTCUSDT", Interval.M1, Position.FLAT, counters, null,
                lastError, T0.plusSeconds(second));
    }

    /** Journals of one bot: what FleetDiff fetches when counters move. */
    private static final class Journals implements BotManager {
        final List<BotOrder> orders = new ArrayList<>();
        final List<BotFill> fills = new ArrayList<>();
        final List<Deployment> history = new ArrayList<>();

        @Override public List<BotOrder> orders(String id, boolean openOnly, int limit) { return orders; }
        @Override public List<BotFill> fills(String id, int limit) { return fills.subList(0, Math.min(limit, fills.size())); }
        @Override public List<Deployment> strategyHistory(String id) { return history; }
        @Override public List<BotStatus> list() { throw new UnsupportedOperationException(); }
        @Override public BotStatus get(String id) { throw new UnsupportedOperationException(); }
        @Override public BotConfig config(String id) { throw new UnsupportedOperationException(); }
        @Override public BotStatus create(BotConfig c, String a) { throw new UnsupportedOperationException(); }
        @Override public BotStatus update(String id, BotPatch p, String a) { throw new UnsupportedOperationException(); }
        @Override public void delete(String id, String a) { throw new UnsupportedOperationException(); }
        @Override public BotStatus start(String id, String a) { throw new UnsupportedOperationException(); }
        @Override public BotStatus stop(String id, String a) { throw new UnsupportedOperationException(); }
        @Override public BotStatus pause(String id, String a) { throw new UnsupportedOperationException(); }
        @Override public BotStatus stop(String id, boolean f, String a) { throw new UnsupportedOperationException(); }
        @Override public HaltOutcome flatten(String id, String a) { throw new UnsupportedOperationException(); }
        @Override public List<HaltOutcome> halt(Halt h) { throw new UnsupportedOperationException(); }
        @Override public List<HaltOutcome> lift(String e, String a, String b) { throw new UnsupportedOperationException(); }
        @Override public List<Halt> halts() { return List.of(); }
        @Override public BotStatus resume(String id, String a) { throw new UnsupportedOperationException(); }
        @Override public BotStatus swapStrategy(String id, String v, boolean f, String a) { throw new UnsupportedOperationException(); }
        @Override public BotStatus moveStrategy(String id, StrategySpec to, boolean f, String a) { throw new UnsupportedOperationException(); }
        @Override public BotStatus rollbackStrategy(String id, String a) { throw new UnsupportedOperationException(); }
        @Override public List<BotEvent> events(String id, int limit) { throw new UnsupportedOperationException(); }
        @Override public List<Candle> candles(String id, int limit) { throw new UnsupportedOperationException(); }
    }

    private static List<String> names(List<FleetDiff.Change> changes) {
        return changes.stream().map(FleetDiff.Change::name).toList();
    }

    @Test
    public void reportsStateChangesTradesSwapsErrorsAndDeletions() {
        FleetDiff diff = new FleetDiff();
        Journals j = new Journals();
        BotStatus a0 = status("a", BotState.RUNNING, "1.0.0", BotCounters.ZERO, null, 0);
        assertTrue("first look only primes", diff.next(List.of(a0), j).isEmpty());
        assertTrue("nothing changed", diff.next(List.of(a0), j).isEmpty());

        BotStatus a1 = status("a", BotState.PAUSED, "1.0.0", BotCounters.ZERO, null, 1);
        List<FleetDiff.Change> c = diff.next(List.of(a1), j);
        assertEquals(List.of("bot"), names(c));
        assertEquals("PAUSED", c.get(0).data().get("state").asText());
        assertEquals("a", c.get(0).data().get("botId").asText());

        Instant later = Instant.now().plusSeconds(5);
        j.orders.add(new BotOrder("a", "a-1", "x1", "BTCUSDT", OrderSide.BUY, OrderType.MARKET, new BigDecimal("0.01"),
                null, OrderStatus.FILLED, new BigDecimal("0.01"), new BigDecimal("60000"), later, later, null));
        j.fills.add(new BotFill("a", "e1", "a-1", OrderSide.BUY, new BigDecimal("0.01"), new BigDecimal("60000"),
                BigDecimal.ZERO, "USDT", later));
        BotStatus a2 = status("a", BotState.RUNNING, "1.0.0", new BotCounters(5, 1, 1, 1, 0, 0), null, 2);
        c = diff.next(List.of(a2), j);
        assertEquals(List.of("order", "fill", "bot"), names(c));
        assertEquals("a-1", c.get(1).data().get("clientOrderId").asText());
        assertEquals("60000", c.get(1).data().get("price").asText());

        BotStatus a3 = status("a", BotState.RUNNING, "1.1.0", new BotCounters(6, 1, 1, 1, 0, 1), "boom", 3);
        c = diff.next(List.of(a3), j);
        assertEquals("the order is not repeated", List.of("swap", "error", "bot"), names(c));
        assertEquals("1.1.0", c.get(0).data().get("toVersion").asText());
        assertEquals("boom", c.get(1).data().get("message").asText());

        c = diff.next(List.of(), j);
        assertEquals(List.of("bot"), names(c));
        assertTrue(c.get(0).data().get("deleted").asBoolean());
    }
}
