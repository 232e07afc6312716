package io.botfleet.api.backtest.json;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import io.botfleet.api.backtest.BacktestRequest;
import io.botfleet.api.backtest.InvalidBacktestException;
import io.botfleet.api.bot.InvalidBotConfigException;
import io.botfleet.api.bot.RiskLimits;
import io.botfleet.api.bot.json.BotConfigJson;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class BacktestJsonTest {

    private static final String ISSUE_EXAMPLE = """
            {"strategy": {"id": "sma-crossover", "version": "1.0.0", "params": {"fast": 7, "slow": 25}},
             "data": {"exchange": "bybit", "symbol": "BTCUSDT", "interval": "1m", "from": "2025-01-01T00:00:00Z", "to": "2026-01-01T00:00:00Z"},
             "risk": {"orderQty": "0.01", "maxPositionQty": "0.05", "stopLossPct": "2"},
             "balances": {"USDT": "100000"}, "feeBps": "7.5", "slippageBps": "1"}""";

    private static BacktestRequest parse(String json) throws Exception {
        return BacktestJson.parseRequest(BotConfigJson.MAPPER.readTree(json));
    }

    @Test
    public void theIssuesExampleReadsAndWritesBackTheSame() throws Exception {
        BacktestRequest r = parse(ISSUE_EXAMPLE);
        assertEquals("sma-crossover", r.strategy().id());
        assertEquals(List.of("1.0.0"), r.strategy().versions());
        assertEquals(Map.of("fast", List.of(7), "slow", List.of(25)), r.strategy().params());
        assertEquals(Instant.parse("2025-01-01T00:00:00Z"), r.data().from());
        assertEquals(new BigDecimal("0.01"), r.risk().orderQty());
        assertEquals(new BigDecimal("7.5"), r.feeBps());
        assertEquals(1, r.runs());
        assertEquals(r, BacktestJson.readRequest(BacktestJson.write(BacktestJson.request(r))));
        assertEquals(BotConfigJson.MAPPER.readTree(ISSUE_EXAMPLE).get("strategy"),
                BacktestJson.request(r).get("strategy"));
    }

    @Test
    public void withoutRiskOneUnitPerOrderAndWithoutBalancesNoneUntilTheServiceKnowsTheQuoteCoin() throws Exception {
        String minimal = """
                {"strategy": {"id": "sma-crossover", "version": "1.0.0"},
                 "data": {"exchange": "bybit", "symbol": "BTCUSDT", "interval": "1m"}}""";
        BacktestRequest r = parse(minimal);
        assertEquals(RiskLimits.ofOrderQty(new BigDecimal("1")), r.risk());
        assertEquals(Map.of(), r.balances());
        assertEquals(r, parse(minimal.replace("}}", "}, \"risk\": null, \"balances\": null}")));
        assertFalse("no balances are echoed before the default is applied",
                BacktestJson.request(r).has("balances"));
        assertEquals(BotConfigJson.MAPPER.readTree("{\"orderQty\": \"1\"}"), BacktestJson.request(r).get("risk"));
        assertEquals(r, BacktestJson.readRequest(BacktestJson.requestText(r)));
        BacktestRequest opened = r.withBalances(Map.of("USDT", BacktestRequest.DEFAULT_QUOTE_BALANCE));
        assertEquals(BotConfigJson.MAPPER.readTree("{\"USDT\": \"100000\"}"),
                BacktestJson.request(opened).get("balances"));
        assertField("balances", minimal.replace("}}", "}, \"balances\": {}}"));
    }

    @Test
    public void versionsAndParamValuesMayBeArrays() throws Exception {
        BacktestRequest r = parse(ISSUE_EXAMPLE.replace("\"version\": \"1.0.0\"", "\"version\": [\"1.0.0\", \"1.1.0\"]")
                .replace("\"fast\": 7", "\"fast\": [5, 7, 9]"));
        assertEquals(6, r.runs());
        assertEquals(List.of(5, 7, 9), r.strategy().params().get("fast"));
        assertEquals(r, BacktestJson.readRequest(BacktestJson.write(BacktestJson.request(r))));
    }

    @Test
    public void withoutFromAndToTheWholeDatasetAndWithoutFeesZero() throws Exception {
        BacktestRequest r = parse(ISSUE_EXAMPLE.replace(", \"from\": \"2025-01-01T00:00:00Z\", \"to\": \"2026-01-01T00:00:00Z\"", "")
                .replace(", \"feeBps\": \"7.5\", \"slippageBps\": \"1\"", ""));
        assertNull(r.data().from());
        assertNull(r.data().to());
        assertEquals(BigDecimal.ZERO, r.feeBps());
    }

    @Test
    public void badInputNamesItsField() {
        assertField("strategy.version", ISSUE_EXAMPLE.replace("\"version\": \"1.0.0\"", "\"version\": 1"));
        assertField("strategy.version", ISSUE_EXAMPLE.replace("\"version\": \"1.0.0\"", "\"version\": [\"1.0.0\", \"1.0.0\"]"));
        assertField("strategy.params.fast", ISSUE_EXAMPLE.replace("\"fast\": 7", "\"fast\": []"));
        assertField("data.from", ISSUE_EXAMPLE.replace("2025-01-01T00:00:00Z", "yesterday"));
        assertField("data.to", ISSUE_EXAMPLE.replace("2026-01-01T00:00:00Z", "2024-01-01T00:00:00Z"));
        assertField("feeBps", ISSUE_EXAMPLE.replace("\"7.5\"", "\"-1\""));
        assertField("balances.USDT", ISSUE_EXAMPLE.replace("\"100000\"", "\"lots\""));
        assertField("data2", ISSUE_EXAMPLE.replace("\"data\"", "\"data2\""));
        assertField("colour", ISSUE_EXAMPLE.replace("{\"strategy\"", "{\"colour\": 1, \"strategy\""));
        InvalidBotConfigException risk = assertThrows(InvalidBotConfigException.class,
                () -> parse(ISSUE_EXAMPLE.replace("\"orderQty\": \"0.01\"", "\"orderQty\": \"0\"")));
        assertEquals("risk.orderQty", risk.field());
    }

    private static void assertField(String field, String json) {
        InvalidBacktestException e = assertThrows(InvalidBacktestException.class, () -> parse(json));
        assertEquals(e.getMessage(), field, e.field());
    }
}
