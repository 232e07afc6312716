package io.botfleet.control.http;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.botfleet.api.bot.BotConfig;
import io.botfleet.api.bot.BotPatch;
import io.botfleet.api.bot.InvalidBotConfigException;
import io.botfleet.api.market.Interval;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.Test;

public class BotJsonTest {

    static final String EXAMPLE = "{\"id\": \"btc-sma-1\","
            + " \"strategy\": {\"id\": \"sma-crossover\", \"version\": \"1.0.0\", \"params\": {\"fast\": 10, \"slow\": 30}},"
            + " \"exchange\": {\"id\": \"paper\", \"account\": \"default\"},"
            + " \"symbol\": \"BTCUSDT\", \"interval\": \"1m\","
            + " \"risk\": {\"orderQty\": \"0.01\", \"maxPositionQty\": \"0.05\", \"maxOrderNotional\": \"5000\","
            + "          \"stopLossPct\": \"2\", \"takeProfitPct\": \"4\", \"maxDailyLoss\": \"100\"},"
            + " \"autoStart\": true}";

    static BotConfig parse(String json) {
        return BotJson.config(JsonMapper.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))));
    }

    /** The 400's field, whichever layer (JSON mapping or the record) refused the value. */
    static String refusedField(String json) {
        try {
            parse(json);
        } catch (ApiException e) {
            assertEquals(400, e.status());
            return e.field();
        } catch (InvalidBotConfigException e) {
            return e.field();
        }
        fail("accepted: " + json);
        return null;
    }

    @Test
    public void apiExampleMapsExactly() {
        BotConfig c = parse(EXAMPLE);
        assertEquals("btc-sma-1", c.id());
        assertEquals("sma-crossover", c.strategy().id());
        assertEquals("1.0.0", c.strategy().version());
        assertEquals(Map.of("fast", 10, "slow", 30), c.strategy().params());
        assertEquals("paper", c.exchange().id());
        assertEquals("default", c.exchange().account());
        assertEquals(Interval.M1, c.interval());
        assertEquals(new BigDecimal("0.01"), c.risk().orderQty());
        assertEquals("0.01", c.risk().orderQty().toPlainString());
        assertEquals(new BigDecimal("5000"), c.risk().maxOrderNotional());
        assertTrue(c.autoStart());
    }

    @Test
    public void optionalPartsMayBeLeftOut() {
        BotConfig c = parse("{\"id\":\"b\",\"strategy\":{\"id\":\"sma-crossover\"},"
                + "\"exchange\":{\"id\":\"paper\",\"account\":\"default\"},\"symbol\":\"BTCUSDT\","
                + "\"interval\":\"4h\",\"risk\":{\"orderQty\":\"1\"}}");
        assertNull(c.strategy().version());
        assertTrue(c.strategy().params().isEmpty());
        assertNull(c.risk().maxPositionQty());
        assertFalse(c.autoStart());
        assertEquals(Interval.H4, c.interval());
    }

    @Test
    public void numbersAreReadExactlyToo() {
        BotConfig c = parse(EXAMPLE.replace("\"orderQty\": \"0.01\"", "\"orderQty\": 0.010"));
        assertEquals("0.010", c.risk().orderQty().toPlainString());
    }

    @Test
    public void unknownFieldsAreNamed() {
        assertEquals("colour", refusedField(EXAMPLE.replace("\"autoStart\"", "\"colour\": 1, \"autoStart\"")));
        assertEquals("strategy.paramz", refusedField(EXAMPLE.replace("\"params\"", "\"paramz\"")));
        assertEquals("risk.stopLoss", refusedField(EXAMPLE.replace("\"stopLossPct\"", "\"stopLoss\"")));
        assertEquals("exchange.secret", refusedField(EXAMPLE.replace("\"account\": \"default\"",
                "\"account\": \"default\", \"secret\": \"x\"")));
    }

    @Test
    public void wrongTypesAndValuesNameTheirField() {
        assertEquals("id", refusedField(EXAMPLE.replace("\"btc-sma-1\"", "42")));
        assertEquals("id", refusedField(EXAMPLE.replace("\"btc-sma-1\"", "\"BTC/1\"")));
        assertEquals("id", refusedField(EXAMPLE.replace("\"id\": \"btc-sma-1\",", "")));
        assertEquals("strategy", refusedField(EXAMPLE.replace("\"strategy\": {", "\"strategy\": [{").replace("30}},", "30}}],")));
        assertEquals("strategy.version", refusedField(EXAMPLE.replace("\"1.0.0\"", "\"one\"")));
        assertEquals("strategy.params", refusedField(EXAMPLE.replace("{\"fast\": 10, \"slow\": 30}", "[10, 30]")));
        assertEquals("interval", refusedField(EXAMPLE.replace("\"1m\"", "\"7m\"")));
        assertEquals("interval", refusedField(EXAMPLE.replace("\"1m\"", "60")));
        assertEquals("symbol", refusedField(EXAMPLE.replace("\"BTCUSDT\"", "\"btc usdt\"")));
        assertEquals("risk.orderQty", refusedField(EXAMPLE.replace("\"orderQty\": \"0.01\", ", "")));
        assertEquals("risk.orderQty", refusedField(EXAMPLE.replace("\"0.01\"", "\"abc\"")));
        assertEquals("risk.orderQty", refusedField(EXAMPLE.replace("\"0.01\"", "true")));
        assertEquals("risk.orderQty", refusedField(EXAMPLE.replace("\"0.01\"", "\"1e5\"")));
        assertEquals("risk.orderQty", refusedField(EXAMPLE.replace("\"0.01\"", "\"-1\"")));
        assertEquals("risk.stopLossPct", refusedField(EXAMPLE.replace("\"2\"", "\"150\"")));
        assertEquals("autoStart", refusedField(EXAMPLE.replace("\"autoStart\": true", "\"autoStart\": \"yes\"")));
        assertEquals("exchange.account", refusedField(EXAMPLE.replace("\"default\"", "\"\"")));
        assertEquals("body", refusedField("[1,2]"));
    }

    @Test
    public void patchTakesParamsAndRiskOnly() {
        BotPatch p = BotJson.patch(JsonMapper.read(stream("{\"strategy\":{\"params\":{\"fast\":5,\"slow\":20}}}")));
        assertEquals(Map.of("fast", 5, "slow", 20), p.params());
        assertNull(p.risk());
        p = BotJson.patch(JsonMapper.read(stream("{\"risk\":{\"orderQty\":\"0.5\"}}")));
        assertEquals(new BigDecimal("0.5"), p.risk().orderQty());
        for (String bad : new String[] {"{}", "{\"strategy\":{\"version\":\"2.0.0\"}}",
                "{\"symbol\":\"ETHUSDT\"}", "{\"risk\":{}}", "{\"strategy\":{\"params\":3}}"}) {
            try {
                BotJson.patch(JsonMapper.read(stream(bad)));
                fail(bad);
            } catch (ApiException e) {
                assertEquals(bad, 400, e.status());
                assertTrue(bad, e.field() != null);
            }
        }
    }

    @Test
    public void swapNeedsAnOsgiVersion() {
        assertEquals("1.1.0", BotJson.swap(JsonMapper.read(stream("{\"version\":\"1.1.0\"}"))).version());
        assertTrue(BotJson.swap(JsonMapper.read(stream("{\"version\":\"2\",\"force\":true}"))).force());
        for (String bad : new String[] {"{}", "{\"version\":1}", "{\"version\":\"x.y\"}", "{\"version\":\"1.0.0\",\"x\":1}",
                "{\"id\":\"Bad Id\",\"version\":\"1.0.0\"}", "{\"id\":3,\"version\":\"1.0.0\"}",
                "{\"version\":\"1.0.0\",\"params\":{\"period\":14}}",
                "{\"id\":\"rsi-reversion\",\"version\":\"1.0.0\",\"params\":[1]}"}) {
            try {
                BotJson.swap(JsonMapper.read(stream(bad)));
                fail(bad);
            } catch (ApiException e) {
                assertEquals(400, e.status());
            }
        }
    }

    @Test
    public void aSwapNamingAnotherStrategyIsAMoveWithItsParameters() {
        BotJson.SwapRequest move = BotJson.swap(JsonMapper.read(stream(
                "{\"id\":\"rsi-reversion\",\"version\":\"1.0.0\",\"params\":{\"period\":14,\"lower\":\"30\"}}")));
        assertEquals("rsi-reversion", move.strategyId());
        assertEquals("1.0.0", move.version());
        assertEquals(14, ((Number) move.params().get("period")).intValue());
        assertTrue(move.movesFrom("sma-crossover"));
        assertFalse(move.movesFrom("rsi-reversion"));
        BotJson.SwapRequest plain = BotJson.swap(JsonMapper.read(stream("{\"version\":\"1.1.0\"}")));
        assertFalse(plain.movesFrom("sma-crossover"));
        assertEquals(null, plain.params());
    }

    static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A decimal that is cheap to parse but costs a gigabyte once printed plainly is a 400 naming its field. */
    @Test
    public void refusesDecimalsBeyondWhatMoneyNeedsNamingTheField() {
        String[][] cases = {
                {"\"maxDailyLoss\": \"100\"", "\"maxDailyLoss\": 1e999999999", "risk.maxDailyLoss"},
                {"\"maxOrderNotional\": \"5000\"", "\"maxOrderNotional\": 1E+31", "risk.maxOrderNotional"},
                {"\"stopLossPct\": \"2\"", "\"stopLossPct\": 0e-999999999", "risk.stopLossPct"},
                {"\"takeProfitPct\": \"4\"", "\"takeProfitPct\": 1." + "0".repeat(31), "risk.takeProfitPct"},
                {"\"slow\": 30", "\"slow\": 1e999999999", "strategy.params.slow"},
                {"\"slow\": 30", "\"slow\": {\"deep\": [1, -1e-999999999]}", "strategy.params.slow.deep[1]"},
        };
        for (String[] c : cases) {
            String json = EXAMPLE.replace(c[0], c[1]);
            long before = System.nanoTime();
            try {
                parse(json);
                fail("accepted: " + json);
            } catch (ApiException e) {
                assertEquals(json, 400, e.status());
                assertEquals(json, c[2], e.field());
            } catch (InvalidBotConfigException e) {
                assertEquals(json, c[2], e.field()); // the API maps it to a 400 with that field (ErrorMapper)
            }
            assertTrue("refused without expanding the number", System.nanoTime() - before < 1_000_000_000L);
        }
        assertEquals(new BigDecimal("1E+30"), parse(EXAMPLE.replace("\"maxOrderNotional\": \"5000\"",
                "\"maxOrderNotional\": 1e30")).risk().maxOrderNotional());
    }
}
