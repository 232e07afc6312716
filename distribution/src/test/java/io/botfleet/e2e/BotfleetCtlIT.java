package io.botfleet.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.distribution.DistributionProcess;
import io.botfleet.e2e.Botfleetctl.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Test;

/**
 * bin/botfleetctl of the assembled distribution, run as a process against a real server: what an
 * operator types, what it prints and its exit status. The server's own state is checked through
 * the API after each command.
 */
public class BotfleetCtlIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String BOT = "demo-sma";

    private DistributionProcess server;

    @After
    public void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    public void anOperatorDrivesTheFleetFromTheCommandLine() throws Exception {
        server = DistributionProcess.builder("ctl").start();
        server.awaitReady(WAIT);
        String token = server.adminToken();
        Api api = new Api(server);
        JsonNode demo = api.await("/api/v1/bots/" + BOT, token, b -> "RUNNING".equals(b.path("state").asText()), WAIT,
                BOT + " RUNNING");
        String shipped = demo.path("strategy").path("version").asText();
        Map<String, String> env = Botfleetctl.env(server, token);

        Run bots = Botfleetctl.run(env, "bots");
        assertEquals(bots.toString(), 0, bots.status());
        assertTrue(bots.out(), bots.out().startsWith("ID "));
        assertTrue(bots.out(), bots.out().contains(BOT + "  RUNNING"));
        assertTrue(bots.out(), bots.out().contains("sma-crossover " + shipped));

        Run json = Botfleetctl.run(env, "bots", "--json");
        assertEquals(json.toString(), 0, json.status());
        assertEquals(BOT, Api.JSON.readTree(json.out()).get(0).path("id").asText());

        Run pause = Botfleetctl.run(env, "pause", BOT);
        assertEquals(pause.toString(), 0, pause.status());
        assertTrue(pause.out(), pause.out().startsWith(BOT + ": PAUSED"));
        assertEquals("PAUSED", api.get("/api/v1/bots/" + BOT, token).json().path("state").asText());

        Run resume = Botfleetctl.run(env, "resume", BOT);
        assertEquals(resume.toString(), 0, resume.status());
        assertTrue(resume.out(), resume.out().startsWith(BOT + ": RUNNING"));

        // a refused transition: the server's 409 problem, its detail on stderr, a non-zero exit
        Run again = Botfleetctl.run(env, "resume", BOT);
        assertEquals(again.toString(), 1, again.status());
        assertEquals("", again.out());
        assertEquals("botfleetctl: bot " + BOT + " is RUNNING; resume needs PAUSED\n", again.err());

        // a role below the route's: the server's 403 detail, and nothing changed
        Api.Reply viewer = api.post("/api/v1/tokens", token, "{\"name\":\"watcher\",\"role\":\"viewer\"}");
        assertEquals(viewer.toString(), 201, viewer.status());
        Map<String, String> watcher = Map.of("BOTFLEET_URL", env.get("BOTFLEET_URL"),
                "BOTFLEET_TOKEN", viewer.json().path("token").asText());
        Run refused = Botfleetctl.run(watcher, "pause", BOT);
        assertEquals(refused.toString(), 1, refused.status());
        assertEquals("botfleetctl: token 'watcher' has role viewer; POST /api/v1/bots/" + BOT + "/pause needs operator\n",
                refused.err());
        assertEquals("RUNNING", api.get("/api/v1/bots/" + BOT, token).json().path("state").asText());
        assertEquals(0, Botfleetctl.run(watcher, "bot", BOT).status());

        Path jar = server.home().resolve("sma-1.7.0.jar");
        Files.write(jar, StrategyJars.smaVersion("1.7.0"));
        Run deploy = Botfleetctl.run(env, "deploy", jar.toString());
        assertEquals(deploy.toString(), 0, deploy.status());
        assertTrue(deploy.out(), deploy.out().contains(" 1.7.0 as bundle "));
        assertTrue(deploy.out(), deploy.out().contains("  strategy sma-crossover 1.7.0\n"));

        Run strategies = Botfleetctl.run(env, "strategies");
        assertEquals(strategies.toString(), 0, strategies.status());
        assertTrue(strategies.out(), strategies.out().lines().anyMatch(l -> l.startsWith("sma-crossover  1.7.0 ")));
        assertTrue(strategies.out(), strategies.out().lines()
                .anyMatch(l -> l.startsWith("sma-crossover  " + shipped + " ") && l.endsWith(BOT)));

        Run swap = Botfleetctl.run(env, "swap", BOT, "1.7.0");
        assertEquals(swap.toString(), 0, swap.status());
        assertEquals(BOT + ": RUNNING, sma-crossover 1.7.0\n", swap.out());
        assertEquals("1.7.0", api.get("/api/v1/bots/" + BOT, token).json().path("strategy").path("version").asText());

        Run unknown = Botfleetctl.run(env, "swap", BOT, "9.9.9");
        assertEquals(unknown.toString(), 1, unknown.status());
        assertTrue(unknown.err(), unknown.err().startsWith("botfleetctl: ") && unknown.err().contains("9.9.9"));

        Run rollback = Botfleetctl.run(env, "rollback", BOT);
        assertEquals(rollback.toString(), 0, rollback.status());
        assertEquals(BOT + ": RUNNING, sma-crossover " + shipped + "\n", rollback.out());
        assertEquals(shipped, api.get("/api/v1/bots/" + BOT, token).json().path("strategy").path("version").asText());

        Run history = Botfleetctl.run(env, "history", BOT);
        assertEquals(history.toString(), 0, history.status());
        List<String> lines = history.out().lines().toList();
        assertTrue(history.out(), lines.get(0).startsWith("AT "));
        assertTrue(history.out(), lines.get(1).contains("  ROLLBACK  sma-crossover  1.7.0  " + shipped + "  "));
        assertTrue(history.out(), lines.get(2).contains("  UPGRADE   sma-crossover  " + shipped + "  1.7.0  "));

        Run bot = Botfleetctl.run(env, "bot", BOT);
        assertEquals(bot.toString(), 0, bot.status());
        assertTrue(bot.out(), bot.out().startsWith("bot "));
        assertTrue(bot.out(), bot.out().contains("\nstrategy        sma-crossover " + shipped + "\n"));
    }

    @Test
    public void withoutAServerItSaysWhereItTried() throws Exception {
        int port = DistributionProcess.freePort();
        Run bots = Botfleetctl.run(Map.of("BOTFLEET_URL", "http://127.0.0.1:" + port), "bots");
        assertEquals(bots.toString(), 3, bots.status());
        assertTrue(bots.err(), bots.err().startsWith("botfleetctl: cannot connect to http://127.0.0.1:" + port
                + ": connection refused"));
    }
}
