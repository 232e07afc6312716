package io.botfleet.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.botfleet.api.backtest.BacktestRequest;
import io.botfleet.api.backtest.json.BacktestJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * {@code candles upload}, {@code backtest} and {@code swap --strategy} against a real HTTP server
 * answering the shapes of the candle and backtest routes (datasets, {@code Backtest} with its
 * progress and runs, problems): the requests sent and what is printed.
 */
public class DataAndBacktestCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATASET = "{\"exchange\":\"bybit\",\"symbol\":\"BTCUSDT\",\"interval\":\"1m\","
            + "\"from\":\"2025-01-01T00:00:00Z\",\"to\":\"2025-01-01T00:03:00Z\",\"candles\":3,\"gaps\":0}";
    private static final String REQUEST = "{\"strategy\":{\"id\":\"sma-crossover\",\"version\":\"1.1.0\","
            + "\"params\":{\"fast\":7,\"slow\":25}},\"data\":{\"exchange\":\"bybit\",\"symbol\":\"BTCUSDT\",\"interval\":\"1m\"}}";
    private static final String REPORT = "{\"candles\":525600,\"firstCandle\":\"2025-01-01T00:00:00Z\","
            + "\"lastCandle\":\"2025-12-31T23:59:00Z\",\"orders\":412,\"fills\":412,\"trades\":206,\"wins\":98,"
            + "\"losses\":108,\"winRatePct\":47.57,\"netPnl\":\"1234.5\",\"grossProfit\":\"5000\",\"grossLoss\":\"-3765.5\","
            + "\"fees\":\"310.2\",\"returnPct\":1.23,\"profitFactor\":1.33,\"maxDrawdown\":\"800.1\",\"maxDrawdownPct\":0.8,"
            + "\"sharpe\":0.91,\"sortino\":1.2,\"exposurePct\":41.0,\"avgTradeMinutes\":95.5,\"buyAndHoldReturnPct\":12.5,"
            + "\"endBalances\":{\"USDT\":\"101234.5\",\"BTC\":\"0\"},\"finalPosition\":{\"qty\":\"0\",\"avgPrice\":null}}";

    private ScriptedServer server;
    private Ctl ctl;

    @Before
    public void serve() throws IOException {
        server = new ScriptedServer();
        ctl = new Ctl().env("BOTFLEET_URL", server.url()).env("BOTFLEET_TOKEN", "op-token");
    }

    @After
    public void stop() {
        server.close();
    }

    private static String backtest(String state, String runs, String error) {
        return "{\"id\":\"bt-7\",\"state\":\"" + state + "\",\"createdAt\":\"2026-12-07T10:00:00Z\",\"startedAt\":null,"
                + "\"finishedAt\":null,\"actor\":\"ops\",\"request\":" + REQUEST + ",\"progress\":{\"runsDone\":"
                + (state.equals("DONE") ? 1 : 0) + ",\"runs\":1,\"candlesDone\":" + (state.equals("DONE") ? 525600 : 262800)
                + ",\"candles\":525600},\"error\":" + (error == null ? "null" : "\"" + error + "\"") + ",\"runs\":" + runs + "}";
    }

    private static String run(int n, String params, String report) {
        return "{\"n\":" + n + ",\"strategy\":{\"id\":\"sma-crossover\",\"version\":\"1.1.0\",\"params\":" + params
                + "},\"report\":" + report + "}";
    }

    // ------------------------------------------------------------------ candles upload

    @Test
    public void uploadPutsTheCsvGzippedAndPrintsTheDataset() throws IOException {
        Path csv = Files.createTempFile("candles", ".csv");
        String content = "open_time_ms,open,high,low,close,volume\n"
                + "1735689600000,93000.1,93010,92990,93005.5,1.25\n"
                + "1735689660000,93005.5,93020,93000,93015,0.75\n"
                + "1735689720000,93015,93030,93001,93002,2\n";
        Files.writeString(csv, content);
        server.json("PUT", "/api/v1/candles/bybit/BTCUSDT/1m", 200, DATASET);
        Ctl.Result upload = ctl.run("candles", "upload", "bybit/BTCUSDT/1m", csv.toString());
        assertEquals(upload.toString(), 0, upload.status());
        assertEquals("bybit/BTCUSDT/1m: 3 candles, 2025-01-01T00:00:00Z .. 2025-01-01T00:03:00Z, 0 gap(s)\n", upload.out());
        ScriptedServer.Request put = server.only();
        assertEquals("text/csv", put.contentType());
        assertEquals("gzip", put.contentEncoding());
        assertEquals("Bearer op-token", put.authorization());
        assertEquals("the file, byte for byte, once inflated", content, gunzip(put.body()));
        Files.delete(csv);
    }

    @Test
    public void aRefusedUploadPrintsTheProblemsDetail() throws IOException {
        Path csv = Files.createTempFile("candles", ".csv");
        Files.writeString(csv, "open_time_ms,open,high,low,close,volume\n1735689600000,1,0.5,0.9,1,1\n");
        server.problem("PUT", "/api/v1/candles/bybit/BTCUSDT/1m", 400, "line 2: high 0.5 is below low 0.9");
        Ctl.Result upload = ctl.run("candles", "upload", "bybit/BTCUSDT/1m", csv.toString());
        assertEquals(upload.toString(), 1, upload.status());
        assertEquals("botfleetctl: line 2: high 0.5 is below low 0.9\n", upload.err());
        Files.delete(csv);
    }

    @Test
    public void uploadRefusesABadKeyOrFileBeforeAnyRequest() {
        Ctl.Result key = ctl.run("candles", "upload", "bybit/BTCUSDT", "x.csv");
        assertEquals(key.toString(), 2, key.status());
        assertTrue(key.err(), key.err().contains("<exchange>/<symbol>/<interval>"));
        Ctl.Result file = ctl.run("candles", "upload", "bybit/BTCUSDT/1m", "/no/such/file.csv");
        assertEquals(file.toString(), 2, file.status());
        assertEquals("botfleetctl: no file /no/such/file.csv\n", file.err());
        assertTrue(server.requests().isEmpty());
    }

    @Test
    public void datasetPartsAreOnePathSegmentEach() throws IOException {
        Path csv = Files.createTempFile("candles", ".csv");
        Files.writeString(csv, "open_time_ms,open,high,low,close,volume\n");
        ctl.run("candles", "upload", "my ex/BTC..USDT/1m", csv.toString());
        assertEquals("/api/v1/candles/my%20ex/BTC..USDT/1m", server.only().rawPath());
        Files.delete(csv);
    }

    @Test
    public void candlesListIsATable() {
        server.json("GET", "/api/v1/candles", 200, "[" + DATASET + "]");
        Ctl.Result list = ctl.run("candles", "list");
        assertEquals(list.toString(), 0, list.status());
        assertEquals(""
                + "DATASET           FROM                  TO                    CANDLES  GAPS\n"
                + "bybit/BTCUSDT/1m  2025-01-01T00:00:00Z  2025-01-01T00:03:00Z  3        0\n", list.out());
    }

    // ------------------------------------------------------------------ backtest

    @Test
    public void backtestPostsTheRequestPollsAndPrintsTheReport() throws IOException {
        server.json("POST", "/api/v1/backtests", 202, backtest("QUEUED", "[]", null));
        server.jsonInTurn("GET", "/api/v1/backtests/bt-7", backtest("RUNNING", "[]", null),
                backtest("RUNNING", "[]", null), backtest("DONE", "[" + run(0, "{\"fast\":7,\"slow\":25}", REPORT) + "]", null));
        Ctl.Result result = ctl.run("backtest", "--strategy", "sma-crossover@1.1.0", "--data", "bybit/BTCUSDT/1m",
                "--params", "fast=7,slow=25", "--poll-millis", "20");
        assertEquals(result.toString(), 0, result.status());
        JsonNode sent = JSON.readTree(server.requests().get(0).bodyText());
        assertEquals(JSON.readTree(REQUEST), sent);
        assertEquals("application/json", server.requests().get(0).contentType());
        assertEquals(4, server.requests().size());
        assertEquals("", result.err());
        assertEquals(""
                + "backtest bt-7: DONE on bybit/BTCUSDT/1m\n"
                + "strategy             sma-crossover 1.1.0 fast=7,slow=25\n"
                + "candles              525600\n"
                + "firstCandle          2025-01-01T00:00:00Z\n"
                + "lastCandle           2025-12-31T23:59:00Z\n"
                + "orders               412\n"
                + "fills                412\n"
                + "trades               206\n"
                + "wins                 98\n"
                + "losses               108\n"
                + "winRatePct           47.57\n"
                + "netPnl               1234.5\n"
                + "grossProfit          5000\n"
                + "grossLoss            -3765.5\n"
                + "fees                 310.2\n"
                + "returnPct            1.23\n"
                + "profitFactor         1.33\n"
                + "maxDrawdown          800.1\n"
                + "maxDrawdownPct       0.8\n"
                + "sharpe               0.91\n"
                + "sortino              1.2\n"
                + "exposurePct          41.0\n"
                + "avgTradeMinutes      95.5\n"
                + "buyAndHoldReturnPct  12.5\n"
                + "endBalances          USDT 101234.5, BTC 0\n"
                + "finalPosition        0\n", result.out());
    }

    @Test
    public void withoutAVersionTheNewestGoodOneIsUsedAndJsonPrintsTheBacktestAsItCame() throws IOException {
        server.json("GET", "/api/v1/strategies", 200, "[{\"id\":\"sma-crossover\",\"versions\":["
                + "{\"version\":\"1.0.0\",\"bad\":false},{\"version\":\"1.10.0\",\"bad\":true},"
                + "{\"version\":\"1.2.0\",\"bad\":false}]},{\"id\":\"rsi-reversion\",\"versions\":[{\"version\":\"9.0.0\",\"bad\":false}]}]");
        String done = backtest("DONE", "[" + run(0, "{}", REPORT) + "]", null);
        server.json("POST", "/api/v1/backtests", 202, done);
        Ctl.Result result = ctl.run("backtest", "--json", "--strategy", "sma-crossover", "--data", "bybit/BTCUSDT/1m");
        assertEquals(result.toString(), 0, result.status());
        assertEquals(done + "\n", result.out());
        JsonNode sent = JSON.readTree(server.requests().get(1).bodyText());
        assertEquals("1.2.0", sent.path("strategy").path("version").asText());
        assertTrue(sent.path("strategy").path("params").isEmpty());
    }

    @Test
    public void whatTheCommandSendsIsARequestTheServersParserAccepts() throws IOException {
        server.json("POST", "/api/v1/backtests", 202, backtest("DONE", "[" + run(0, "{}", REPORT) + "]", null));
        Ctl.Result plain = ctl.run("backtest", "--strategy", "sma-crossover@1.1.0", "--data", "bybit/BTCUSDT/1m",
                "--params", "fast=7,slow=25");
        assertEquals(plain.toString(), 0, plain.status());
        BacktestRequest defaults = BacktestJson.parseRequestText(server.requests().get(0).bodyText());
        assertEquals(BacktestRequest.defaultRisk(), defaults.risk());
        Ctl.Result given = ctl.run("backtest", "--strategy", "sma-crossover@1.1.0", "--data", "bybit/BTCUSDT/1m",
                "--risk", "orderQty=0.01,maxPositionQty=0.05,stopLossPct=2", "--balances", "USDT=5000.50,BTC=0.1",
                "--fee-bps", "7.5", "--slippage-bps", "1");
        assertEquals(given.toString(), 0, given.status());
        BacktestRequest r = BacktestJson.parseRequestText(server.requests().get(1).bodyText());
        assertEquals(new BigDecimal("0.01"), r.risk().orderQty());
        assertEquals(new BigDecimal("0.05"), r.risk().maxPositionQty());
        assertEquals(new BigDecimal("2"), r.risk().stopLossPct());
        assertEquals(Map.of("USDT", new BigDecimal("5000.50"), "BTC", new BigDecimal("0.1")), r.balances());
        assertEquals(new BigDecimal("7.5"), r.feeBps());
        assertEquals(new BigDecimal("1"), r.slippageBps());
    }

    @Test
    public void riskBalancesFeeAndSlippageAreSentAsTheDecimalStringsTyped() throws IOException {
        server.json("POST", "/api/v1/backtests", 202, backtest("DONE", "[" + run(0, "{}", REPORT) + "]", null));
        Ctl.Result result = ctl.run("backtest", "--strategy", "sma-crossover@1.1.0", "--data", "bybit/BTCUSDT/1m",
                "--risk", "orderQty=0.010,maxPositionQty=0.05", "--balances", "USDT=100000", "--fee-bps", "7.5",
                "--slippage-bps", "0");
        assertEquals(result.toString(), 0, result.status());
        JsonNode sent = JSON.readTree(server.only().bodyText());
        assertEquals(JSON.readTree("{\"orderQty\":\"0.010\",\"maxPositionQty\":\"0.05\"}"), sent.path("risk"));
        assertEquals(JSON.readTree("{\"USDT\":\"100000\"}"), sent.path("balances"));
        assertEquals("7.5", sent.path("feeBps").textValue());
        assertEquals("0", sent.path("slippageBps").textValue());
    }

    @Test
    public void aSweepSendsArraysAndPrintsItsRunsAsATable() throws IOException {
        String runs = "[" + run(0, "{\"fast\":5,\"slow\":25}", REPORT) + ","
                + run(1, "{\"fast\":7,\"slow\":25}", REPORT.replace("\"netPnl\":\"1234.5\"", "\"netPnl\":\"-10\"")) + "]";
        server.json("POST", "/api/v1/backtests", 202, backtest("DONE", runs, null));
        Ctl.Result result = ctl.run("backtest", "--strategy", "sma-crossover@1.1.0", "--data", "bybit/BTCUSDT/1m",
                "--params", "fast=5|7,slow=25,lower=30.5,mode=fast");
        assertEquals(result.toString(), 0, result.status());
        JsonNode params = JSON.readTree(server.only().bodyText()).path("strategy").path("params");
        assertEquals(JSON.readTree("{\"fast\":[5,7],\"slow\":25,\"lower\":30.5,\"mode\":\"fast\"}"), params);
        assertEquals(""
                + "backtest bt-7: DONE on bybit/BTCUSDT/1m\n"
                + "N  STRATEGY                            TRADES  WIN %  NET PNL  RETURN %  MAX DD %  SHARPE  ERROR\n"
                + "0  sma-crossover 1.1.0 fast=5,slow=25  206     47.57  1234.5   1.23      0.8       0.91    -\n"
                + "1  sma-crossover 1.1.0 fast=7,slow=25  206     47.57  -10      1.23      0.8       0.91    -\n",
                result.out());
    }

    @Test
    public void aFailedBacktestPrintsItsErrorAndExitsOne() {
        server.json("POST", "/api/v1/backtests", 202, backtest("QUEUED", "[]", null));
        server.json("GET", "/api/v1/backtests/bt-7", 200,
                backtest("FAILED", "[]", "interrupted by a server restart"));
        Ctl.Result result = ctl.run("backtest", "--strategy", "sma-crossover@1.1.0", "--data", "bybit/BTCUSDT/1m",
                "--poll-millis", "10");
        assertEquals(result.toString(), 1, result.status());
        assertEquals("botfleetctl: backtest bt-7 FAILED: interrupted by a server restart\n", result.err());
    }

    @Test
    public void aRefusedBacktestPrintsTheProblemsDetail() {
        server.problem("POST", "/api/v1/backtests", 404, "no strategy sma-crossover 9.9.9 is installed");
        Ctl.Result result = ctl.run("backtest", "--strategy", "sma-crossover@9.9.9", "--data", "bybit/BTCUSDT/1m");
        assertEquals(result.toString(), 1, result.status());
        assertEquals("botfleetctl: no strategy sma-crossover 9.9.9 is installed\n", result.err());
    }

    @Test
    public void badBacktestArgumentsAreUsageErrors() {
        for (List<String> args : List.of(
                List.of("backtest", "--data", "bybit/BTCUSDT/1m"),
                List.of("backtest", "--strategy", "Bad Id", "--data", "bybit/BTCUSDT/1m"),
                List.of("backtest", "--strategy", "sma-crossover@x.y", "--data", "bybit/BTCUSDT/1m"),
                List.of("backtest", "--strategy", "sma-crossover@1.0.0", "--data", "bybit"),
                List.of("backtest", "--strategy", "sma-crossover@1.0.0", "--data", "bybit/BTCUSDT/1m", "--params", "fast"),
                List.of("backtest", "--strategy", "sma-crossover@1.0.0", "--data", "bybit/BTCUSDT/1m", "--risk", "orderQty"),
                List.of("backtest", "--strategy", "sma-crossover@1.0.0", "--data", "bybit/BTCUSDT/1m", "--risk", "orderQty=lots"),
                List.of("backtest", "--strategy", "sma-crossover@1.0.0", "--data", "bybit/BTCUSDT/1m", "--risk",
                        "orderQty=1,orderQty=2"),
                List.of("backtest", "--strategy", "sma-crossover@1.0.0", "--data", "bybit/BTCUSDT/1m", "--balances", "USDT=1e5"),
                List.of("backtest", "--strategy", "sma-crossover@1.0.0", "--data", "bybit/BTCUSDT/1m", "--fee-bps", "x"),
                List.of("backtest", "--strategy", "sma-crossover@1.0.0", "--data", "bybit/BTCUSDT/1m", "--slippage-bps", ""))) {
            Ctl.Result result = ctl.run(args.toArray(String[]::new));
            assertEquals(result.toString(), 2, result.status());
        }
        assertTrue(server.requests().isEmpty());
    }

    @Test
    public void theProgressBarFillsWithTheCandlesDone() throws IOException {
        JsonNode progress = JSON.readTree("{\"runsDone\":4,\"runs\":10,\"candlesDone\":2102400,\"candles\":5256000}");
        assertEquals("[############------------------]  40%  runs 4/10  candles 2,102,400/5,256,000  RUNNING",
                ProgressBar.line("RUNNING", progress));
        assertEquals("[------------------------------]   0%  runs 0/0  candles 0/0  QUEUED",
                ProgressBar.line("QUEUED", JSON.readTree("{}")));
    }

    // ------------------------------------------------------------------ swap --strategy

    @Test
    public void swapWithAnotherStrategyMovesTheBotWithItsParameters() throws IOException {
        server.json("POST", "/api/v1/bots/demo/strategy", 200, ApiCommandsTest.DEMO
                .replace("\"id\":\"sma-crossover\",\"version\":\"1.0.0\"", "\"id\":\"rsi-reversion\",\"version\":\"1.0.0\""));
        Ctl.Result move = ctl.run("swap", "demo", "1.0.0", "--strategy", "rsi-reversion", "--params", "period=14,lower=30");
        assertEquals(move.toString(), 0, move.status());
        assertEquals("demo: RUNNING, rsi-reversion 1.0.0\n", move.out());
        assertEquals(JSON.readTree("{\"id\":\"rsi-reversion\",\"version\":\"1.0.0\",\"params\":{\"period\":14,\"lower\":30}}"),
                JSON.readTree(server.only().bodyText()));
        Ctl.Result params = ctl.run("swap", "demo", "1.0.0", "--params", "period=14");
        assertEquals(params.toString(), 2, params.status());
        assertEquals(1, server.requests().size());
    }

    private static String gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
