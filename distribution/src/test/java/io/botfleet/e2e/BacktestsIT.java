package io.botfleet.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.backtest.dataset.CandleDatasets;
import io.botfleet.api.dataset.DatasetKey;
import io.botfleet.distribution.DistributionProcess;
import io.botfleet.testdata.CandleFiles;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.After;
import org.junit.Test;

/**
 * Backtests on the real server: a dataset placed in the home's data/candles before the start, a
 * 2x2 sweep POSTed and polled to DONE (runs, reports, fills, trades, equity), bad input, a long
 * sweep cancelled, and after a SIGKILL and a restart the results still there and the sweep that
 * was running FAILED with the reason.
 */
public class BacktestsIT {

    private static final String SWEEP = "{\"strategy\":{\"id\":\"sma-crossover\",\"version\":\"1.0.0\","
            + "\"params\":{\"fast\":[5,7],\"slow\":[20,25]}},"
            + "\"data\":{\"exchange\":\"bybit\",\"symbol\":\"BTCUSDT\",\"interval\":\"1m\"},"
            + "\"risk\":{\"orderQty\":\"100\",\"stopLossPct\":\"2\"},"
            + "\"balances\":{\"USDT\":\"10\"},\"feeBps\":\"7.5\",\"slippageBps\":\"1\"}";

    private DistributionProcess server;

    @After
    public void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    public void sweepsRunReportSurviveARestartAndCancel() throws Exception {
        Path output = Path.of(System.getProperty("botfleet.test.output", "target/e2e")).toAbsolutePath();
        Files.createDirectories(output);
        Path home = Files.createTempDirectory(output, "backtests-");
        new CandleDatasets(home.resolve("data").resolve("candles"))
                .importCsv(DatasetKey.of("bybit", "BTCUSDT", "1m"), CandleFiles.open(CandleFiles.UNITTEST_BTC));
        server = DistributionProcess.builder("backtests").home(home).withoutEtcFile("bots/demo-sma.json").start();
        server.awaitReady(Duration.ofSeconds(90));
        String admin = server.adminToken();
        Api api = new Api(server);
        String viewer = api.token(admin, "bt-viewer", "viewer");
        api.await("/api/v1/strategies", admin, s -> s.toString().contains("sma-crossover"), Duration.ofSeconds(60),
                "the SMA strategy installed");

        // a 2x2 sweep: 202, QUEUED, then DONE with four runs in cross-product order
        Api.Reply accepted = api.post("/api/v1/backtests", admin, SWEEP);
        assertEquals(accepted.toString(), 202, accepted.status());
        assertEquals("QUEUED", accepted.json().path("state").asText());
        String id = accepted.json().path("id").asText();
        assertEquals("/api/v1/backtests/" + id, accepted.raw().headers().firstValue("Location").orElse(""));
        assertEquals(4, accepted.json().path("progress").path("runs").asInt());
        JsonNode done = api.await("/api/v1/backtests/" + id, viewer, b -> b.path("state").asText().equals("DONE"),
                Duration.ofSeconds(120), "the sweep DONE");
        JsonNode runs = done.path("runs");
        assertEquals(done.toString(), 4, runs.size());
        assertEquals(4 * 13_681L, done.path("progress").path("candles").asLong());
        assertEquals(done.path("progress").path("candles"), done.path("progress").path("candlesDone"));
        String[] params = {"{\"fast\":5,\"slow\":20}", "{\"fast\":5,\"slow\":25}", "{\"fast\":7,\"slow\":20}",
                "{\"fast\":7,\"slow\":25}"};
        for (int n = 0; n < 4; n++) {
            JsonNode run = runs.get(n);
            assertEquals(n, run.path("n").asInt());
            assertEquals(params[n], run.path("strategy").path("params").toString());
            assertEquals("1.0.0", run.path("strategy").path("version").asText());
            JsonNode report = run.path("report");
            assertEquals(13_681, report.path("candles").asLong());
            long fills = report.path("fills").asLong();
            assertTrue(report.toString(), fills > 10);
            // the fills of the run, paged: the same count, oldest first, each with side and candleTime
            Api.Reply page = api.get("/api/v1/backtests/" + id + "/runs/" + n + "/fills?limit=10000", viewer);
            assertEquals(page.toString(), 200, page.status());
            assertEquals(fills, page.json().size());
            JsonNode first = page.json().get(0);
            assertTrue(first.toString(), first.has("side") && first.has("candleTime") && first.has("fee"));
            assertEquals(page.json().get(3), api.get("/api/v1/backtests/" + id + "/runs/" + n
                    + "/fills?offset=3&limit=1", viewer).json().get(0));
            JsonNode trades = api.get("/api/v1/backtests/" + id + "/runs/" + n + "/trades", viewer).json();
            assertEquals(report.path("trades").asInt(), trades.size());
            BigDecimal pnl = BigDecimal.ZERO;
            for (JsonNode t : trades) {
                pnl = pnl.add(new BigDecimal(t.path("pnl").asText()));
            }
            BigDecimal gross = new BigDecimal(report.path("grossProfit").asText())
                    .subtract(new BigDecimal(report.path("grossLoss").asText()));
            assertEquals("the trades add up to the report", 0, pnl.compareTo(gross));
            JsonNode equity = api.get("/api/v1/backtests/" + id + "/runs/" + n + "/equity?points=50", viewer).json();
            assertTrue(equity.toString(), equity.size() > 2 && equity.size() <= 50);
            // the opening equity (10 USDT) is a point of the first bucket, which keeps its lowest and
            // highest: the first two points kept bracket it (or the first is it, in a flat bucket)
            BigDecimal p0 = new BigDecimal(equity.get(0).path("equity").asText());
            BigDecimal p1 = new BigDecimal(equity.get(1).path("equity").asText());
            BigDecimal opening = new BigDecimal("10");
            assertTrue(equity.toString(), p0.compareTo(opening) == 0
                    || (p0.min(p1).compareTo(opening) <= 0 && p0.max(p1).compareTo(opening) >= 0));
            for (int k = 1; k < equity.size(); k++) {
                assertTrue("in time order", equity.get(k).path("time").asText()
                        .compareTo(equity.get(k - 1).path("time").asText()) > 0);
            }
        }
        JsonNode listed = api.get("/api/v1/backtests?limit=5", viewer).json();
        assertEquals(id, listed.get(0).path("id").asText());
        assertEquals("listings carry no runs", 0, listed.get(0).path("runs").size());

        // bad input: each a clear problem, nothing stored
        assertDetail(api.post("/api/v1/backtests", admin, SWEEP.replace("\"1.0.0\"", "\"9.9.9\"")), 404, "9.9.9");
        assertDetail(api.post("/api/v1/backtests", admin, SWEEP.replace("[20,25]", "[20,3]")), 400, "must be less than slow");
        assertDetail(api.post("/api/v1/backtests", admin, SWEEP.replace("\"interval\":\"1m\"}",
                "\"interval\":\"1m\",\"from\":\"2001-01-01T00:00:00Z\"}")), 400, "outside dataset");
        assertDetail(api.post("/api/v1/backtests", admin, SWEEP.replace("BTCUSDT", "ETHUSDT")), 404, "bybit/ETHUSDT/1m");
        assertDetail(api.post("/api/v1/backtests", admin, SWEEP.replace("[5,7]", range(1, 101))
                .replace("[20,25]", range(200, 301))), 400, "at most 10000");
        Api.assertProblem(api.post("/api/v1/backtests", viewer, SWEEP), 403);
        assertEquals(1, api.get("/api/v1/backtests", viewer).json().size());

        // a long sweep, cancelled while it runs
        String longSweep = SWEEP.replace("[5,7]", range(2, 40)).replace("[20,25]", range(41, 60));
        String cancelId = api.post("/api/v1/backtests", admin, longSweep).json().path("id").asText();
        api.await("/api/v1/backtests/" + cancelId, viewer, b -> b.path("progress").path("candlesDone").asLong() > 0,
                Duration.ofSeconds(60), "the long sweep under way");
        Api.Reply cancelled = api.delete("/api/v1/backtests/" + cancelId, admin);
        assertEquals(cancelled.toString(), 200, cancelled.status());
        assertEquals("CANCELLED", cancelled.json().path("state").asText());
        Thread.sleep(500);
        JsonNode settled = api.get("/api/v1/backtests/" + cancelId, viewer).json();
        Thread.sleep(1000);
        assertEquals("nothing runs after the cancel", settled.path("progress"),
                api.get("/api/v1/backtests/" + cancelId, viewer).json().path("progress"));
        assertTrue(settled.path("progress").path("runsDone").asInt() < settled.path("progress").path("runs").asInt());

        // another long sweep, running when the server is killed
        String crashId = api.post("/api/v1/backtests", admin, longSweep).json().path("id").asText();
        api.await("/api/v1/backtests/" + crashId, viewer, b -> b.path("progress").path("candlesDone").asLong() > 0,
                Duration.ofSeconds(60), "the sweep under way");
        server.kill();
        server.awaitExit(Duration.ofSeconds(30));
        server = DistributionProcess.builder("backtests").home(home).env("BOTFLEET_ADMIN_TOKEN", admin).start();
        server.awaitReady(Duration.ofSeconds(90));
        api = new Api(server);
        JsonNode again = api.await("/api/v1/backtests/" + id, viewer, b -> true, Duration.ofSeconds(60),
                "the backtest service up");
        assertEquals("DONE", again.path("state").asText());
        assertEquals(runs, again.path("runs"));
        assertEquals(runs.get(2).path("report").path("fills").asLong(),
                api.get("/api/v1/backtests/" + id + "/runs/2/fills?limit=10000", viewer).json().size());
        JsonNode crashed = api.get("/api/v1/backtests/" + crashId, viewer).json();
        assertEquals(crashed.toString(), "FAILED", crashed.path("state").asText());
        assertTrue(crashed.toString(), crashed.path("error").asText().contains("the server stopped while it ran"));
        assertEquals("CANCELLED", api.get("/api/v1/backtests/" + cancelId, viewer).json().path("state").asText());

        // a finished backtest is deleted by DELETE
        assertEquals(204, api.delete("/api/v1/backtests/" + cancelId, admin).status());
        Api.assertProblem(api.get("/api/v1/backtests/" + cancelId, viewer), 404);
    }

    private static void assertDetail(Api.Reply reply, int status, String part) {
        JsonNode problem = Api.assertProblem(reply, status);
        assertTrue(problem.toString(), problem.path("detail").asText().contains(part));
    }

    private static String range(int from, int to) {
        StringBuilder out = new StringBuilder("[");
        for (int i = from; i < to; i++) {
            out.append(i == from ? "" : ",").append(i);
        }
        return out.append(']').toString();
    }
}
