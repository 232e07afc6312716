package io.botfleet.api.pipeline;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.bot.RiskLimits;
import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.market.Instrument;
import io.botfleet.api.strategy.Signal;
import io.botfleet.api.strategy.SignalType;
import java.math.BigDecimal;
import org.junit.Test;

public class RiskGateTest {

    private static final Instrument BTC = new Instrument("BTCUSDT", "BTC", "USDT", new BigDecimal("0.1"),
            new BigDecimal("0.001"), new BigDecimal("0.001"), new BigDecimal("5"));
    private final RiskGate gate = new RiskGate();

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    private static RiskLimits limits(String qty, String maxPos, String maxNotional) {
        return new RiskLimits(d(qty), maxPos == null ? null : d(maxPos), maxNotional == null ? null : d(maxNotional),
                null, null, null);
    }

    private RiskDecision decide(SignalType type, RiskLimits limits, String position, String block, boolean buyOpen,
                                boolean sellOpen) {
        return gate.evaluate(Signal.of(type, "test"), new RiskInput(limits, BTC, d(position), d("30000"), block,
                buyOpen, sellOpen));
    }

    private static String refusal(RiskDecision d) {
        assertTrue("expected a refusal, got " + d, d instanceof RiskDecision.Refuse);
        return ((RiskDecision.Refuse) d).reason();
    }

    @Test
    public void entersWithTheConfiguredQuantityRoundedDownToTheStep() {
        RiskDecision d = decide(SignalType.ENTER_LONG, limits("0.0129", null, null), "0", null, false, false);
        RiskDecision.Place place = (RiskDecision.Place) d;
        assertEquals(OrderSide.BUY, place.side());
        assertEquals(d("0.012"), place.qty());
    }

    @Test
    public void exitsTheWholePosition() {
        RiskDecision.Place place = (RiskDecision.Place) decide(SignalType.EXIT_LONG, limits("0.01", null, null),
                "0.025", null, false, false);
        assertEquals(OrderSide.SELL, place.side());
        assertEquals(d("0.025"), place.qty());
        assertTrue(place.reduceOnly());
    }

    @Test
    public void refusesEntriesOverTheLimitsWithReasons() {
        assertTrue(refusal(decide(SignalType.ENTER_LONG, limits("0.01", "0.015", null), "0.01", null, false, false))
                .contains("would exceed maxPositionQty 0.015"));
        assertTrue(refusal(decide(SignalType.ENTER_LONG, limits("0.01", null, "100"), "0", null, false, false))
                .contains("exceeds maxOrderNotional 100"));
        assertTrue(refusal(decide(SignalType.ENTER_LONG, limits("0.01", null, null), "0", "bot is PAUSED", false, false))
                .contains("bot is PAUSED"));
        assertTrue(refusal(decide(SignalType.ENTER_LONG, limits("0.01", null, null), "0", null, true, false))
                .contains("still open"));
        assertTrue(refusal(decide(SignalType.ENTER_LONG, limits("0.0001", null, null), "0", null, false, false))
                .contains("below the minimum 0.001"));
        assertTrue(refusal(decide(SignalType.ENTER_SHORT, limits("0.01", null, null), "0.01", null, false, false))
                .contains("position is long"));
    }

    @Test
    public void exitsIgnoreEntryLimitsButNotMissingPositions() {
        RiskDecision d = decide(SignalType.EXIT_LONG, limits("0.01", "0.01", "1"), "0.05", "bot is PAUSED", false, false);
        assertTrue(d instanceof RiskDecision.Place);
        assertTrue(refusal(decide(SignalType.EXIT_LONG, limits("0.01", null, null), "0", null, false, false))
                .contains("no long position"));
        assertTrue(refusal(decide(SignalType.EXIT_LONG, limits("0.01", null, null), "0.01", null, false, true))
                .contains("an exit order is still open"));
    }

    @Test
    public void aProtectiveExitGoesThroughWhileAnOrderOnItsSideIsUnresolved() {
        // long 0.01; a sell order whose placement outcome is unknown (still looked up) is open
        RiskInput unresolvedSell = new RiskInput(limits("0.01", null, null), BTC, d("0.01"), d("30000"), null,
                false, true, false, false);
        Signal stopLoss = Signal.of(SignalType.EXIT_LONG, "stop-loss 2% hit at 29400");
        RiskDecision.Place place = (RiskDecision.Place) gate.evaluateProtectiveExit(stopLoss, unresolvedSell);
        assertEquals(OrderSide.SELL, place.side());
        assertEquals(0, d("0.01").compareTo(place.qty()));
        assertTrue(place.reduceOnly());
        // a strategy's own exit and any entry still wait for it
        assertTrue(refusal(gate.evaluate(Signal.of(SignalType.EXIT_LONG, "cross"), unresolvedSell))
                .contains("an exit order is still open"));
        RiskInput flatUnresolvedBuy = new RiskInput(limits("0.01", null, null), BTC, d("0"), d("30000"), null,
                true, false, false, false);
        assertTrue(refusal(gate.evaluate(Signal.of(SignalType.ENTER_LONG, "cross"), flatUnresolvedBuy))
                .contains("an entry order is still open"));
        // a working (resolved) exit on that side still holds a protective exit back: no second one
        RiskInput workingSell = new RiskInput(limits("0.01", null, null), BTC, d("0.01"), d("30000"), null,
                false, true, false, true);
        assertTrue(refusal(gate.evaluateProtectiveExit(stopLoss, workingSell)).contains("an exit order is still open"));
    }
}
