package io.botfleet.api.bot.json;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.bot.BotConfig;
import io.botfleet.api.bot.InvalidBotConfigException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** The one codec: what a person wrote is held to API.md, what was stored stays readable. */
public class BotConfigJsonTest {

    private static final String EXAMPLE = "{\"id\": \"btc-sma-1\","
            + " \"strategy\": {\"id\": \"sma-crossover\", \"version\": \"1.0.0\","
            + " \"params\": {\"fast\": 10, \"slow\": 30, \"band\": 1.50, \"tags\": [\"a\"]}},"
            + " \"exchange\": {\"id\": \"paper\", \"account\": \"default\"},"
            + " \"symbol\": \"BTCUSDT\", \"interval\": \"1m\","
            + " \"risk\": {\"orderQty\": \"0.010\", \"maxOrderNotional\": \"5000\"}, \"autoStart\": true}";

    @Test
    public void whatIsWrittenReadsBackEqualByBothReadings() {
        BotConfig config = BotConfigJson.parseText(EXAMPLE);
        assertEquals(Map.of("fast", 10, "slow", 30, "band", new BigDecimal("1.50"), "tags", List.of("a")),
                config.strategy().params());
        assertEquals("0.010", config.risk().orderQty().toPlainString());
        String stored = BotConfigJson.write(config);
        assertEquals(config, BotConfigJson.readStored(stored));
        assertEquals(config, BotConfigJson.parseText(stored));
    }

    @Test
    public void aFieldALaterVersionAddedIsRefusedFromPeopleAndIgnoredWhenStored() {
        String later = EXAMPLE.replace("\"autoStart\": true", "\"autoStart\": true, \"schedule\": \"weekdays\"");
        InvalidBotConfigException refused = assertThrows(InvalidBotConfigException.class,
                () -> BotConfigJson.parseText(later));
        assertEquals("schedule", refused.field());
        assertEquals("btc-sma-1", BotConfigJson.readStored(later).id());
    }

    @Test
    public void moneyOnlyInPlainNotationFromPeople() {
        String exponent = EXAMPLE.replace("\"0.010\"", "\"1e-2\"");
        assertEquals("risk.orderQty",
                assertThrows(InvalidBotConfigException.class, () -> BotConfigJson.parseText(exponent)).field());
        assertEquals(0, new BigDecimal("0.01").compareTo(BotConfigJson.readStored(exponent).risk().orderQty()));
    }

    @Test
    public void textThatIsNotJsonNamesTheWholeDocument() {
        InvalidBotConfigException e = assertThrows(InvalidBotConfigException.class, () -> BotConfigJson.parseText("{"));
        assertEquals("body", e.field());
        assertTrue(e.getMessage(), e.getMessage().contains("not JSON"));
        assertEquals("configuration",
                assertThrows(InvalidBotConfigException.class, () -> BotConfigJson.readStored("[1]")).field());
    }
}
