package io.botfleet.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.distribution.DistributionProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Test;

/**
 * Recovery rebinds a bot's recorded strategy version even when the framework lost the bundle (its
 * cache wiped while the server was down): the jar comes back from the artifact store in the
 * database, and the bot runs that very version again.
 */
public class StrategyReinstallIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private DistributionProcess server;

    @After
    public void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    public void aVersionGoneFromTheFrameworkComesBackFromTheArtifactStore() throws Exception {
        server = DistributionProcess.builder("reinstall").withoutEtcFile("bots/demo-sma.json").start();
        server.awaitReady(WAIT);
        String token = server.adminToken();
        Api api = new Api(server);
        Api.Reply deployed = api.send("POST", "/api/v1/bundles", token, "application/java-archive",
                StrategyJars.smaVersion("1.7.0"));
        assertEquals(deployed.toString(), 201, deployed.status());
        Api.Reply created = api.post("/api/v1/bots", token, "{\"id\":\"pinned\",\"strategy\":{\"id\":\"sma-crossover\","
                + "\"version\":\"1.7.0\",\"params\":{\"fast\":3,\"slow\":8}},\"exchange\":{\"id\":\"paper\","
                + "\"account\":\"default\"},\"symbol\":\"BTCUSDT\",\"interval\":\"1m\",\"risk\":{\"orderQty\":\"0.001\"},"
                + "\"autoStart\":true}");
        assertEquals(created.toString(), 201, created.status());
        // a committed candle before the kill, or recovery has none to resume from (asserted below)
        api.await("/api/v1/bots/pinned", token, b -> "RUNNING".equals(b.path("state").asText())
                && b.path("counters").path("candles").asLong() > 0, WAIT, "pinned RUNNING with a committed candle");

        Path home = server.home();
        server.kill();
        server.awaitExit(WAIT);
        deleteTree(home.resolve("data/felix-cache"));
        server = DistributionProcess.builder("reinstall").home(home).env("BOTFLEET_ADMIN_TOKEN", token).start();
        server.awaitReady(WAIT);
        api = new Api(server);

        JsonNode bot = api.await("/api/v1/bots/pinned", token, b -> "RUNNING".equals(b.path("state").asText())
                && b.path("counters").path("candles").asLong() > 0, WAIT, "pinned RUNNING again");
        assertEquals("1.7.0", bot.path("strategy").path("version").asText(bot.toString()));
        String events = api.get("/api/v1/bots/pinned/events?limit=100", token).body();
        assertTrue(events, events.contains("sma-crossover 1.7.0 is not installed; reinstalling it from the artifact store"));
        assertTrue(events, events.contains("recovering: last committed candle "));
        String bundles = api.get("/api/v1/bundles", token).body();
        assertTrue(bundles, bundles.contains("\"1.7.0\""));
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
