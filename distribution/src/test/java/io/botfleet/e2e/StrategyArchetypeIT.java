package io.botfleet.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.botfleet.distribution.DistributionProcess;
import io.botfleet.e2e.Botfleetctl.Run;
import io.botfleet.testdata.CandleFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.After;
import org.junit.Test;

/**
 * A strategy author's round trip against the real distribution: generate a project from
 * botfleet-strategy-archetype, build it with Maven (its tests included), upload the jar, backtest
 * it through botfleetctl on an uploaded candle dataset, run a bot on the paper exchange with it,
 * build the next version (the pom's version bumped, nothing else), drop that jar into deploy/,
 * swap the running bot to it and roll back; then move a bot running the shipped SMA strategy to
 * the new strategy, and roll it back.
 */
public class StrategyArchetypeIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String BOT = "my-strategy-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DistributionProcess server;

    @After
    public void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    public void generateBuildDeployRunSwapAndRollBack() throws Exception {
        Path work = Path.of(System.getProperty("botfleet.test.output", "target/e2e"),
                "archetype-" + Instant.now().toEpochMilli());
        AuthorMaven maven = AuthorMaven.in(work);
        maven.run(work, "org.apache.maven.plugins:maven-archetype-plugin:"
                        + AuthorMaven.archetypePluginVersion() + ":generate",
                "-DarchetypeGroupId=io.botfleet", "-DarchetypeArtifactId=botfleet-strategy-archetype",
                "-DarchetypeVersion=" + AuthorMaven.botfleetVersion(), "-DgroupId=com.example",
                "-DartifactId=my-strategy", "-Dpackage=com.example.mystrategy",
                "-DstrategyId=my-strategy", "-Dversion=1.0.0", "-DinteractiveMode=false");
        Path project = work.resolve("my-strategy");
        maven.run(project, "verify");
        Path v100 = work.resolve("my-strategy-1.0.0.jar");
        Files.copy(project.resolve("target/my-strategy-1.0.0.jar"), v100);

        // the next release: the one version in the pom bumped, built again (offline: the first
        // build fetched everything)
        Path pom = project.resolve("pom.xml");
        String before = Files.readString(pom, StandardCharsets.UTF_8);
        String bumped = before.replace("<version>1.0.0</version>", "<version>1.1.0</version>");
        assertFalse("the generated pom states the version once", bumped.equals(before));
        Files.writeString(pom, bumped, StandardCharsets.UTF_8);
        maven.run(project, "-o", "verify");
        Path v110 = project.resolve("target/my-strategy-1.1.0.jar");
        assertTrue(Files.isRegularFile(v110));

        server = DistributionProcess.builder("archetype").withoutEtcFile("bots/demo-sma.json").start();
        server.awaitReady(WAIT);
        String token = server.adminToken();
        Api api = new Api(server);

        Api.Reply uploaded = api.send("POST", "/api/v1/bundles", token, "application/java-archive",
                Files.readAllBytes(v100));
        assertEquals(uploaded.toString(), 201, uploaded.status());
        assertEquals("com.example.my-strategy", uploaded.json().path("symbolicName").asText());
        assertEquals("1.0.0", uploaded.json().path("version").asText());
        assertEquals("my-strategy", uploaded.json().path("strategies").path(0).path("id").asText());

        // a backtest of the uploaded version through the command line, as documented: no risk,
        // no balances (the server's defaults)
        Map<String, String> ctl = Botfleetctl.env(server, token);
        Path candles = CandleFiles.path(CandleFiles.UNITTEST_BTC);
        Run upload = Botfleetctl.run(ctl, "candles", "upload", "paper/BTCUSDT/1m", candles.toString());
        assertEquals(upload.toString(), 0, upload.status());
        Run backtest = Botfleetctl.run(ctl, "backtest", "--strategy", "my-strategy@1.0.0", "--data", "paper/BTCUSDT/1m",
                "--params", "entryPeriod=3,exitPeriod=2", "--json");
        assertEquals(backtest.toString(), 0, backtest.status());
        JsonNode tested = JSON.readTree(backtest.out());
        assertEquals(backtest.toString(), "DONE", tested.path("state").asText());
        JsonNode run = tested.path("runs").path(0);
        assertEquals(backtest.toString(), "DONE", run.path("state").asText());
        assertEquals(backtest.toString(), 13681, run.path("report").path("candles").asLong());
        assertEquals(backtest.toString(), "1", tested.path("request").path("risk").path("orderQty").asText());
        assertEquals(backtest.toString(), "100000", tested.path("request").path("balances").path("USDT").asText());

        // short periods, so that the paper exchange's random walk (ten candles a second) breaks out soon
        Api.Reply created = api.post("/api/v1/bots", token, "{\"id\":\"" + BOT + "\","
                + "\"strategy\":{\"id\":\"my-strategy\",\"version\":\"1.0.0\",\"params\":{\"entryPeriod\":3,\"exitPeriod\":2}},"
                + "\"exchange\":{\"id\":\"paper\",\"account\":\"default\"},\"symbol\":\"BTCUSDT\",\"interval\":\"1m\","
                + "\"risk\":{\"orderQty\":\"0.001\",\"maxPositionQty\":\"0.01\"},\"autoStart\":true}");
        assertEquals(created.toString(), 201, created.status());
        JsonNode trading = api.await("/api/v1/bots/" + BOT, token, b -> "RUNNING".equals(b.path("state").asText())
                && b.path("counters").path("fills").asLong() > 0, WAIT, BOT + " RUNNING with a fill");
        assertEquals(0, trading.path("counters").path("errors").asLong());

        Files.copy(v110, server.home().resolve("deploy/my-strategy-1.1.0.jar.part"));
        Files.move(server.home().resolve("deploy/my-strategy-1.1.0.jar.part"),
                server.home().resolve("deploy/my-strategy-1.1.0.jar"), StandardCopyOption.ATOMIC_MOVE);
        // the strategy registry, not /api/v1/bundles: a listing that races the deployment can
        // miss the bundle for good (its description is cached before the jar is stored)
        api.await("/api/v1/strategies", token, b -> b.toString().contains("\"version\":\"1.1.0\""), WAIT,
                "my-strategy 1.1.0 deployed from deploy/");

        long candlesBefore = api.get("/api/v1/bots/" + BOT, token).json().path("counters").path("candles").asLong();
        Api.Reply swapped = api.post("/api/v1/bots/" + BOT + "/strategy", token, "{\"version\":\"1.1.0\"}");
        assertEquals(swapped.toString(), 200, swapped.status());
        assertEquals("1.1.0", swapped.json().path("strategy").path("version").asText());
        api.await("/api/v1/bots/" + BOT, token, b -> "RUNNING".equals(b.path("state").asText())
                && b.path("counters").path("candles").asLong() > candlesBefore + 20, WAIT, BOT + " trading on 1.1.0");

        Api.Reply rolledBack = api.post("/api/v1/bots/" + BOT + "/strategy/rollback", token, null);
        assertEquals(rolledBack.toString(), 200, rolledBack.status());
        assertEquals("1.0.0", rolledBack.json().path("strategy").path("version").asText());
        long candlesAtRollback = rolledBack.json().path("counters").path("candles").asLong();
        JsonNode after = api.await("/api/v1/bots/" + BOT, token, b -> "RUNNING".equals(b.path("state").asText())
                && b.path("counters").path("candles").asLong() > candlesAtRollback + 20, WAIT, BOT + " trading on 1.0.0 again");
        assertEquals("1.0.0", after.path("strategy").path("version").asText());
        assertEquals(0, after.path("counters").path("errors").asLong());

        JsonNode history = api.get("/api/v1/bots/" + BOT + "/strategy/history", token).json();
        assertEquals(history.toString(), "ROLLBACK 1.1.0 -> 1.0.0", deployment(history.path(0)));
        assertEquals(history.toString(), "UPGRADE 1.0.0 -> 1.1.0", deployment(history.path(1)));

        // a bot on the shipped SMA strategy moved to the new strategy, and back
        String mover = "/api/v1/bots/sma-mover";
        Api.Reply sma = api.post("/api/v1/bots", token, "{\"id\":\"sma-mover\","
                + "\"strategy\":{\"id\":\"sma-crossover\",\"version\":\"1.0.0\",\"params\":{\"fast\":2,\"slow\":5}},"
                + "\"exchange\":{\"id\":\"paper\",\"account\":\"default\"},\"symbol\":\"BTCUSDT\",\"interval\":\"1m\","
                + "\"risk\":{\"orderQty\":\"0.001\",\"maxPositionQty\":\"0.01\"},\"autoStart\":true}");
        assertEquals(sma.toString(), 201, sma.status());
        api.await(mover, token, b -> "RUNNING".equals(b.path("state").asText())
                && b.path("counters").path("candles").asLong() > 10, WAIT, "sma-mover trading");
        Api.Reply moved = api.post(mover + "/strategy", token, "{\"id\":\"my-strategy\",\"version\":\"1.1.0\","
                + "\"params\":{\"entryPeriod\":3,\"exitPeriod\":2}}");
        assertEquals(moved.toString(), 200, moved.status());
        assertEquals("my-strategy", moved.json().path("strategy").path("id").asText());
        long candlesAtMove = moved.json().path("counters").path("candles").asLong();
        JsonNode onMine = api.await(mover, token, b -> "RUNNING".equals(b.path("state").asText())
                && b.path("counters").path("candles").asLong() > candlesAtMove + 20, WAIT, "sma-mover on my-strategy");
        assertEquals(0, onMine.path("counters").path("errors").asLong());
        Api.Reply backToSma = api.post(mover + "/strategy/rollback", token, null);
        assertEquals(backToSma.toString(), 200, backToSma.status());
        assertEquals("sma-crossover", backToSma.json().path("strategy").path("id").asText());
        JsonNode moves = api.get(mover + "/strategy/history", token).json();
        assertEquals(moves.toString(), "ROLLBACK my-strategy -> sma-crossover", move(moves.path(0)));
        assertEquals(moves.toString(), "MOVE sma-crossover -> my-strategy", move(moves.path(1)));
    }

    private static String move(JsonNode d) {
        return d.path("kind").asText() + " " + d.path("fromStrategyId").asText() + " -> " + d.path("toStrategyId").asText();
    }

    private static String deployment(JsonNode d) {
        return d.path("kind").asText() + " " + d.path("fromVersion").asText() + " -> " + d.path("toVersion").asText();
    }
}
