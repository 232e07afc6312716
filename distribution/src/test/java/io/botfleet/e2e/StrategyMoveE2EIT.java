package io.botfleet.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.distribution.DistributionProcess;
import io.botfleet.testdata.CandleFiles;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.After;
import org.junit.Test;

/**
 * Moving a bot to another strategy on the real distribution, over HTTP: a bot on sma-crossover
 * replaying a candle file is moved to rsi-reversion mid-replay, processes every candle of the file
 * once, is rolled back to sma-crossover with its parameters and its own checkpoint, keeps its
 * position through it all, and a server restart keeps the strategy it was rolled back to.
 */
public class StrategyMoveE2EIT {

    private static final int FILE_CANDLES = 13_681;
    private static final String BOT = "/api/v1/bots/mover";
    private DistributionProcess server;

    @After
    public void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static long candles(JsonNode bot) {
        return bot.path("counters").path("candles").asLong();
    }

    @Test
    public void moveToRsiThenRollBackToSmaWithItsCheckpointAndRestart() throws Exception {
        Path data = CandleFiles.path(CandleFiles.UNITTEST_BTC);
        server = DistributionProcess.builder("move").withoutEtcFile("bots/demo-sma.json")
                .etcFile("io.botfleet.exchange.paper-moves.cfg", "replay.file=" + data
                        + "\nreplay.symbol=UNITTESTBTC\nreplay.interval=1m\nreplay.speed=30000\nbalance.USDT=100000000\n")
                .start();
        server.awaitReady(Duration.ofSeconds(90));
        String token = server.adminToken();
        Api api = new Api(server);
        api.awaitExchange(token, "paper", "moves");
        Api.Reply created = api.post("/api/v1/bots", token, "{\"id\":\"mover\",\"strategy\":{\"id\":\"sma-crossover\","
                + "\"version\":\"1.0.0\",\"params\":{\"fast\":5,\"slow\":20}},\"exchange\":{\"id\":\"paper\",\"account\":\"moves\"},"
                + "\"symbol\":\"UNITTESTBTC\",\"interval\":\"1m\",\"risk\":{\"orderQty\":\"0.01\"},\"autoStart\":true}");
        assertEquals(created.toString(), 201, created.status());
        api.await(BOT, token, b -> candles(b) >= 1_000, Duration.ofSeconds(90), "sma-crossover trading");

        Api.Reply refused = api.post(BOT + "/strategy", token,
                "{\"id\":\"rsi-reversion\",\"version\":\"1.0.0\",\"params\":{\"period\":1}}");
        JsonNode problem = Api.assertProblem(refused, 400);
        assertTrue(problem.toString(), problem.path("detail").asText().contains("period"));
        Api.Reply moved = api.post(BOT + "/strategy", token,
                "{\"id\":\"rsi-reversion\",\"version\":\"1.0.0\",\"params\":{\"period\":14}}");
        assertEquals(moved.toString(), 200, moved.status());
        assertEquals("rsi-reversion", moved.json().path("strategy").path("id").asText());
        long atMove = candles(moved.json());
        assertTrue("moved mid-replay: " + atMove, atMove < FILE_CANDLES);

        JsonNode end = api.await(BOT, token, b -> candles(b) == FILE_CANDLES, Duration.ofMinutes(3),
                "every candle of the file, once");
        assertEquals("RUNNING", end.path("state").asText());
        assertEquals("rsi-reversion", end.path("strategy").path("id").asText());
        JsonNode move = api.get(BOT + "/strategy/history", token).json().get(0);
        assertEquals("MOVE", move.path("kind").asText());
        assertEquals("sma-crossover", move.path("fromStrategyId").asText());
        assertEquals("rsi-reversion", move.path("toStrategyId").asText());
        assertEquals(Api.JSON.readTree("{\"fast\":5,\"slow\":20}"), move.path("fromParams"));
        assertEquals(Api.JSON.readTree("{\"period\":14}"), move.path("toParams"));
        assertTrue(move.toString(), move.path("detail").asText().contains("fresh, warmed up with 16 candle(s), no orders"));

        // the replay has ended: nothing moves the position but the rollback itself
        Thread.sleep(1_000);
        JsonNode before = api.get(BOT, token).json();
        Api.Reply back = api.post(BOT + "/strategy/rollback", token, null);
        assertEquals(back.toString(), 200, back.status());
        assertEquals("sma-crossover", back.json().path("strategy").path("id").asText());
        assertEquals("1.0.0", back.json().path("strategy").path("version").asText());
        assertEquals("the position stays", before.path("position").path("qty"), back.json().path("position").path("qty"));
        assertEquals(FILE_CANDLES, candles(back.json()));
        JsonNode rollback = api.get(BOT + "/strategy/history", token).json().get(0);
        assertEquals("ROLLBACK", rollback.path("kind").asText());
        assertEquals("rsi-reversion", rollback.path("fromStrategyId").asText());
        assertEquals(Api.JSON.readTree("{\"fast\":5,\"slow\":20}"), rollback.path("toParams"));
        assertTrue(rollback.toString(), rollback.path("detail").asText().matches("its checkpoint of \\S+ restored,.*"));

        Path home = server.home();
        server.terminate();
        assertEquals(0, server.awaitExit(Duration.ofSeconds(30)));
        server = DistributionProcess.builder("move").home(home).env("BOTFLEET_ADMIN_TOKEN", token).start();
        server.awaitReady(Duration.ofSeconds(90));
        api = new Api(server);
        JsonNode restarted = api.await(BOT, token, b -> "RUNNING".equals(b.path("state").asText()),
                Duration.ofSeconds(90), "the bot back after the restart");
        assertEquals("a restart keeps the strategy rolled back to", "sma-crossover",
                restarted.path("strategy").path("id").asText());
        assertEquals(before.path("position").path("qty"), restarted.path("position").path("qty"));
        boolean restoredItsCheckpoint = false;
        for (JsonNode event : api.get(BOT + "/events?limit=1000", token).json()) {
            restoredItsCheckpoint |= event.path("message").asText().contains("strategy checkpoint of 1.0.0 at");
        }
        assertTrue("the restart restored sma-crossover's checkpoint", restoredItsCheckpoint);
    }
}
