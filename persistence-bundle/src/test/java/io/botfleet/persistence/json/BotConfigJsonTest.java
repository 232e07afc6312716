package io.botfleet.persistence.json;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.bot.BotConfig;
import io.botfleet.api.bot.InvalidBotConfigException;
import io.botfleet.api.bot.json.BotConfigJson;
import io.botfleet.api.bot.RiskLimits;
import io.botfleet.api.market.Interval;
import io.botfleet.persistence.testing.Fixtures;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.Test;

public class BotConfigJsonTest {

    /** The example of API.md, verbatim. */
    private static final String API_EXAMPLE = "{\"id\": \"btc-sma-1\",\n"
            + " \"strategy\": {\"id\": \"sma-crossover\", \"version\": \"1.0.0\", \"params\": {\"fast\": 10, \"slow\": 30}},\n"
            + " \"exchange\": {\"id\": \"paper\", \"account\": \"default\"},\n"
            + " \"symbol\": \"BTCUSDT\", \"interval\": \"1m\",\n"
            + " \"risk\": {\"orderQty\": \"0.01\", \"maxPositionQty\": \"0.05\", \"maxOrderNotional\": \"5000\",\n"
            + "          \"stopLossPct\": \"2\", \"takeProfitPct\": \"4\", \"maxDailyLoss\": \"100\"},\n"
            + " \"autoStart\": true}";

    @Test
    public void readsTheApiExample() throws Exception {
        BotConfig config = BotConfigJson.readStored(API_EXAMPLE);
        assertEquals("btc-sma-1", config.id());
        assertEquals(Interval.M1, config.interval());
        assertEquals(new BigDecimal("0.01"), config.risk().orderQty());
        assertEquals(Map.of("fast", 10, "slow", 30), config.strategy().params());
        assertTrue(config.autoStart());
    }

    @Test
    public void roundTripsExactly() throws Exception {
        BotConfig config = Fixtures.config("btc-1");
        assertEquals(config, BotConfigJson.readStored(BotConfigJson.write(config)));
        BotConfig minimal = config.withRisk(RiskLimits.ofOrderQty(new BigDecimal("0.001")))
                .withStrategy(config.strategy().withVersion(null));
        String json = BotConfigJson.write(minimal);
        assertTrue(json, !json.contains("maxPositionQty") && !json.contains("\"version\""));
        BotConfig back = BotConfigJson.readStored(json);
        assertEquals(minimal, back);
        assertNull(back.strategy().version());
    }

    @Test
    public void writesMoneyAsPlainStrings() {
        BotConfig config = Fixtures.config("btc-1").withRisk(RiskLimits.ofOrderQty(new BigDecimal("1E-8")));
        assertTrue(BotConfigJson.write(config).contains("\"orderQty\":\"0.00000001\""));
    }

    @Test
    public void namesTheOffendingField() {
        assertReason("{", "not JSON");
        assertReason("[1]", "not a JSON object");
        assertReason(API_EXAMPLE.replace("\"1m\"", "\"2m\""), "interval");
        assertReason(API_EXAMPLE.replace("\"0.01\"", "\"abc\""), "risk.orderQty");
        assertReason(API_EXAMPLE.replace("\"BTCUSDT\"", "\"btc usdt\""), "symbol");
        assertReason(API_EXAMPLE.replace("\"exchange\": {\"id\": \"paper\", \"account\": \"default\"},", ""),
                "exchange");
        assertReason(API_EXAMPLE.replace("\"autoStart\": true", "\"autoStart\": \"yes\""), "autoStart");
        assertReason(API_EXAMPLE.replace("\"version\": \"1.0.0\"", "\"version\": \"latest\""), "strategy.version");
    }

    private static void assertReason(String json, String expected) {
        InvalidBotConfigException e = assertThrows(InvalidBotConfigException.class, () -> BotConfigJson.readStored(json));
        assertTrue(e.getMessage(), e.getMessage().contains(expected));
    }
}
