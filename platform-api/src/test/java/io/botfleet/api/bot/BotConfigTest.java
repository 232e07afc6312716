package io.botfleet.api.bot;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import io.botfleet.api.market.Interval;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.Test;

public class BotConfigTest {

    private static BotConfig config(String id, String symbol) {
        return new BotConfig(id, new StrategySpec("sma-crossover", "1.0.0", Map.of("fast", 10)),
                new ExchangeRef("paper", "default"), symbol, Interval.M1,
                RiskLimits.ofOrderQty(new BigDecimal("0.01")), true);
    }

    private static String fieldOf(Runnable r) {
        try {
            r.run();
            fail("expected InvalidBotConfigException");
            return null;
        } catch (InvalidBotConfigException e) {
            return e.field();
        }
    }

    @Test
    public void acceptsAValidConfiguration() {
        assertEquals("btc-sma-1", config("btc-sma-1", "BTCUSDT").id());
    }

    @Test
    public void namesTheInvalidField() {
        assertEquals("id", fieldOf(() -> config("BTC", "BTCUSDT")));
        assertEquals("id", fieldOf(() -> config("a".repeat(33), "BTCUSDT")));
        assertEquals("id", fieldOf(() -> config("../etc", "BTCUSDT")));
        assertEquals("symbol", fieldOf(() -> config("b", "btc/usdt")));
        assertEquals("strategy.version", fieldOf(() -> new StrategySpec("s", "v1", null)));
        assertEquals("strategy.id", fieldOf(() -> new StrategySpec("S S", null, null)));
        assertEquals("exchange.account", fieldOf(() -> new ExchangeRef("paper", " ")));
        assertEquals("risk.orderQty", fieldOf(() -> RiskLimits.ofOrderQty(null)));
        assertEquals("risk.orderQty", fieldOf(() -> RiskLimits.ofOrderQty(BigDecimal.ZERO)));
        assertEquals("risk.stopLossPct", fieldOf(() -> new RiskLimits(BigDecimal.ONE, null, null,
                new BigDecimal("100"), null, null)));
        assertEquals("risk.orderQty", fieldOf(() -> new RiskLimits(BigDecimal.TEN, BigDecimal.ONE, null,
                null, null, null)));
    }

    @Test
    public void strategyVersionAcceptsOsgiVersions() {
        new StrategySpec("s", "1", null);
        new StrategySpec("s", "1.2.3.beta-1", null);
        assertEquals("strategy.version", fieldOf(() -> new StrategySpec("s", "1.2.3.", null)));
    }

    @Test
    public void paramsMayHoldNulls() {
        java.util.HashMap<String, Object> params = new java.util.HashMap<>();
        params.put("x", null);
        assertEquals(true, new StrategySpec("s", null, params).params().containsKey("x"));
        assertEquals(true, new BotPatch(params, null).params().containsKey("x"));
    }
}
