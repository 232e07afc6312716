package io.botfleet.cli;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Each command against a real HTTP server: the request it sends, and what it prints of the answer. */
public class ApiCommandsTest {

    static final String DEMO = "{\"id\":\"demo\",\"state\":\"RUNNING\",\"desiredState\":\"RUNNING\","
            + "\"strategy\":{\"id\":\"sma-crossover\",\"version\":\"1.0.0\"},\"exchange\":{\"id\":\"paper\",\"account\":\"default\"},"
            + "\"symbol\":\"BTCUSDT\",\"interval\":\"1m\",\"position\":{\"qty\":\"0.01\",\"avgPrice\":\"60512.35\","
            + "\"unrealizedPnl\":\"1.20\",\"realizedPnl\":\"-0.40\"},\"counters\":{\"candles\":1440,\"signals\":12,"
            + "\"orders\":12,\"fills\":12,\"rejected\":0,\"errors\":0},\"lastCandleTime\":\"2026-11-28T19:21:00Z\","
            + "\"lastError\":null,\"updatedAt\":\"2026-11-28T19:22:00.120Z\"}";

    private ScriptedServer server;
    private Ctl ctl;

    @Before
    public void serve() throws IOException {
        server = new ScriptedServer();
        ctl = new Ctl().env("BOTFLEET_URL", server.url()).env("BOTFLEET_TOKEN", "secret-token");
    }

    @After
    public void stop() {
        server.close();
    }

    @Test
    public void botsIsATableAndSendsTheToken() {
        server.json("GET", "/api/v1/bots", 200, "[" + DEMO + "," + DEMO.replace("\"demo\"", "\"eth-long-name\"")
                .replace("\"state\":\"RUNNING\"", "\"state\":\"STOPPED\"").replace("\"lastError\":null", "\"lastError\":\"boom\"") + "]");
        Ctl.Result bots = ctl.run("bots");
        assertEquals(bots.toString(), 0, bots.status());
        assertEquals(""
                + "ID             STATE                      STRATEGY             EXCHANGE       MARKET      POSITION  REALIZED PNL  CANDLES  LAST ERROR\n"
                + "demo           RUNNING                    sma-crossover 1.0.0  paper/default  BTCUSDT 1m  0.01      -0.40         1440     -\n"
                + "eth-long-name  STOPPED (desired RUNNING)  sma-crossover 1.0.0  paper/default  BTCUSDT 1m  0.01      -0.40         1440     boom\n",
                bots.out());
        assertEquals("", bots.err());
        ScriptedServer.Request request = server.only();
        assertEquals("GET", request.method());
        assertEquals("Bearer secret-token", request.authorization());
    }

    @Test
    public void jsonPrintsTheAnswerAsItCame() {
        String body = "[" + DEMO + "]";
        server.json("GET", "/api/v1/bots", 200, body);
        assertEquals(body + "\n", ctl.run("--json", "bots").out());
        assertEquals(body + "\n", ctl.run("bots", "--json").out());
    }

    @Test
    public void botShowsEveryField() {
        server.json("GET", "/api/v1/bots/demo", 200, DEMO);
        Ctl.Result bot = ctl.run("bot", "demo");
        assertEquals(bot.toString(), 0, bot.status());
        assertEquals(""
                + "bot             demo\n"
                + "state           RUNNING\n"
                + "strategy        sma-crossover 1.0.0\n"
                + "exchange        paper/default\n"
                + "market          BTCUSDT 1m\n"
                + "position        0.01 @ 60512.35\n"
                + "unrealized pnl  1.20\n"
                + "realized pnl    -0.40\n"
                + "counters        candles 1440, signals 12, orders 12, fills 12, rejected 0, errors 0\n"
                + "last candle     2026-11-28T19:21:00Z\n"
                + "last error      -\n"
                + "updated         2026-11-28T19:22:00.120Z\n", bot.out());
    }

    @Test
    public void everyVerbPostsItsRouteWithoutABody() {
        for (String verb : new String[] {"start", "stop", "pause", "resume"}) {
            String state = verb.toUpperCase() + "ED";
            server.json("POST", "/api/v1/bots/demo/" + verb, 200, DEMO.replace("\"state\":\"RUNNING\"", "\"state\":\"" + state + "\""));
            Ctl.Result result = ctl.run(verb, "demo");
            assertEquals(result.toString(), 0, result.status());
            assertEquals("demo: " + state + " (desired RUNNING), sma-crossover 1.0.0\n", result.out());
        }
        assertEquals(4, server.requests().size());
        for (ScriptedServer.Request request : server.requests()) {
            assertEquals("POST", request.method());
            assertEquals(0, request.body().length);
        }
    }

    @Test
    public void aProblemPrintsItsDetailAndExitsOne() {
        server.problem("POST", "/api/v1/bots/demo/resume", 409, "bot demo is RUNNING; resume needs PAUSED");
        Ctl.Result resume = ctl.run("resume", "demo");
        assertEquals(resume.toString(), CtlException.REFUSED, resume.status());
        assertEquals("", resume.out());
        assertEquals("botfleetctl: bot demo is RUNNING; resume needs PAUSED\n", resume.err());

        Ctl.Result json = ctl.run("--json", "resume", "demo");
        assertEquals(CtlException.REFUSED, json.status());
        assertTrue(json.out(), json.out().startsWith("{\"type\":\"urn:botfleet:problem:x\""));
        assertEquals("botfleetctl: bot demo is RUNNING; resume needs PAUSED\n", json.err());
    }

    @Test
    public void withoutATokenA401SaysSo() {
        server.problem("GET", "/api/v1/bots", 401, "a bearer token is required");
        Ctl.Result bots = new Ctl().env("BOTFLEET_URL", server.url()).run("bots");
        assertEquals(bots.toString(), CtlException.REFUSED, bots.status());
        assertEquals("botfleetctl: a bearer token is required (BOTFLEET_TOKEN is not set)\n", bots.err());
        assertEquals(null, server.only().authorization());
    }

    @Test
    public void anErrorThatIsNotAProblemIsDescribed() {
        server.answer("POST", "/api/v1/bots/demo/start", 502, "text/html", "<html>Bad Gateway</html>\n<body/>");
        Ctl.Result start = ctl.run("start", "demo");
        assertEquals(start.toString(), CtlException.REFUSED, start.status());
        assertEquals("botfleetctl: HTTP 502 from POST " + server.url() + "/api/v1/bots/demo/start: <html>Bad Gateway</html>\n",
                start.err());
    }

    @Test
    public void anArgumentStaysOnePathSegment() {
        ctl.run("bot", "a/b");
        ctl.run("history", "..");
        ctl.run("pause", "é x");
        assertEquals("/api/v1/bots/a%2Fb", server.requests().get(0).rawPath());
        assertEquals("/api/v1/bots/%2E%2E/strategy/history", server.requests().get(1).rawPath());
        assertEquals("/api/v1/bots/%C3%A9%20x/pause", server.requests().get(2).rawPath());
    }

    @Test
    public void theServerUrlMayCarryAPathPrefix() {
        server.json("GET", "/botfleet/api/v1/strategies", 200, "[]");
        Ctl.Result strategies = ctl.env("BOTFLEET_URL", server.url() + "/botfleet/").run("strategies");
        assertEquals(strategies.toString(), 0, strategies.status());
        assertEquals("no strategies\n", strategies.out());
    }

    @Test
    public void swapPostsTheVersion() {
        server.json("POST", "/api/v1/bots/demo/strategy", 200, DEMO.replace("\"version\":\"1.0.0\"", "\"version\":\"1.1.0\""));
        Ctl.Result swap = ctl.run("swap", "demo", "1.1.0");
        assertEquals(swap.toString(), 0, swap.status());
        assertEquals("demo: RUNNING, sma-crossover 1.1.0\n", swap.out());
        ctl.run("swap", "--force", "demo", "1.1.0");
        assertEquals("{\"version\":\"1.1.0\"}", server.requests().get(0).bodyText());
        assertEquals("application/json", server.requests().get(0).contentType());
        assertEquals("{\"version\":\"1.1.0\",\"force\":true}", server.requests().get(1).bodyText());
    }

    @Test
    public void rollbackAndHistory() {
        server.json("POST", "/api/v1/bots/demo/strategy/rollback", 200, DEMO);
        server.json("GET", "/api/v1/bots/demo/strategy/history", 200, "[{\"strategyId\":\"sma-crossover\","
                + "\"fromVersion\":\"1.1.0\",\"toVersion\":\"1.0.0\",\"at\":\"2026-11-28T19:30:00Z\",\"actor\":\"ops\","
                + "\"kind\":\"ROLLBACK\",\"outcome\":\"OK\",\"detail\":null},{\"strategyId\":\"sma-crossover\","
                + "\"fromVersion\":\"1.0.0\",\"toVersion\":\"1.1.0\",\"at\":\"2026-11-28T19:20:00Z\",\"actor\":\"ops\","
                + "\"kind\":\"UPGRADE\",\"outcome\":\"OK\",\"detail\":\"warmed up on 20 candles\"}]");
        Ctl.Result rollback = ctl.run("rollback", "demo");
        assertEquals(rollback.toString(), 0, rollback.status());
        assertEquals("demo: RUNNING, sma-crossover 1.0.0\n", rollback.out());
        assertEquals(0, server.requests().get(0).body().length);
        Ctl.Result history = ctl.run("history", "demo");
        assertEquals(""
                + "AT                    KIND      STRATEGY       FROM   TO     OUTCOME  ACTOR  DETAIL\n"
                + "2026-11-28T19:30:00Z  ROLLBACK  sma-crossover  1.1.0  1.0.0  OK       ops    -\n"
                + "2026-11-28T19:20:00Z  UPGRADE   sma-crossover  1.0.0  1.1.0  OK       ops    warmed up on 20 candles\n",
                history.out());
    }

    @Test
    public void strategiesListsEveryVersion() {
        server.json("GET", "/api/v1/strategies", 200, "[{\"id\":\"sma-crossover\",\"versions\":["
                + "{\"version\":\"1.0.0\",\"bundleId\":12,\"bundleState\":\"ACTIVE\",\"bots\":[\"a\",\"b\"],\"bad\":false},"
                + "{\"version\":\"1.1.0\",\"bundleId\":40,\"bundleState\":\"ACTIVE\",\"bots\":[],\"bad\":true}]}]");
        Ctl.Result strategies = ctl.run("strategies");
        assertEquals(""
                + "STRATEGY       VERSION  BUNDLE  BUNDLE STATE  BAD  BOTS\n"
                + "sma-crossover  1.0.0    12      ACTIVE        -    a,b\n"
                + "sma-crossover  1.1.0    40      ACTIVE        bad  -\n", strategies.out());
    }

    @Test
    public void deployUploadsTheJarAsItIs() throws IOException {
        Path jar = Files.createTempFile("strategy", ".jar");
        byte[] bytes = new byte[70_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Files.write(jar, bytes);
        server.json("POST", "/api/v1/bundles", 201, "{\"symbolicName\":\"io.botfleet.strategy.sma\",\"version\":\"1.7.0\","
                + "\"bundleId\":42,\"sha256\":\"ab12\",\"strategies\":[{\"id\":\"sma-crossover\",\"version\":\"1.7.0\"}]}");
        Ctl.Result deploy = ctl.run("deploy", jar.toString());
        assertEquals(deploy.toString(), 0, deploy.status());
        assertEquals("deployed io.botfleet.strategy.sma 1.7.0 as bundle 42 (sha256 ab12)\n"
                + "  strategy sma-crossover 1.7.0\n", deploy.out());
        ScriptedServer.Request request = server.only();
        assertEquals("application/java-archive", request.contentType());
        assertArrayEquals(bytes, request.body());
        Files.delete(jar);
    }

    @Test
    public void anAnswerThatIsNotJsonIsReported() {
        server.answer("GET", "/api/v1/bots", 200, "text/plain", "hello\n");
        Ctl.Result bots = ctl.run("bots");
        assertEquals(bots.toString(), CtlException.REFUSED, bots.status());
        assertEquals("botfleetctl: the server's answer is not JSON: hello\n", bots.err());
    }

    @Test
    public void nodesIsATableMarkingTheNodeThatAnswered() {
        server.json("GET", "/api/v1/cluster/nodes", 200, "{\"enabled\":true,\"node\":\"node-a\",\"nodes\":["
                + "{\"id\":\"node-a\",\"url\":\"http://10.0.0.1:8080\",\"version\":\"0.1.0\",\"state\":\"ACTIVE\","
                + "\"heartbeat\":\"2026-12-07T16:00:01.250Z\",\"botsHeld\":15,\"maxBots\":null},"
                + "{\"id\":\"node-b\",\"url\":\"\",\"version\":\"0.1.0\",\"state\":\"DRAINED\","
                + "\"heartbeat\":\"2026-12-07T16:00:02Z\",\"botsHeld\":0,\"maxBots\":40}]}");
        Ctl.Result nodes = ctl.run("nodes");
        assertEquals(nodes.toString(), 0, nodes.status());
        assertEquals(""
                + "NODE      STATE    BOTS  MAX BOTS  VERSION  HEARTBEAT                 URL\n"
                + "node-a *  ACTIVE   15    -         0.1.0    2026-12-07T16:00:01.250Z  http://10.0.0.1:8080\n"
                + "node-b    DRAINED  0     40        0.1.0    2026-12-07T16:00:02Z      -\n"
                + "* answered this request\n", nodes.out());
    }

    @Test
    public void nodesOutsideClusterModeSaysSo() {
        server.json("GET", "/api/v1/cluster/nodes", 200, "{\"enabled\":false,\"node\":null,\"nodes\":[]}");
        assertEquals("cluster mode is off: this server runs the whole fleet alone\n", ctl.run("nodes").out());
    }

    @Test
    public void drainPostsToTheNodeAndARefusalPrintsItsDetail() {
        server.json("POST", "/api/v1/cluster/nodes/node-b/drain", 200, "{\"id\":\"node-b\",\"url\":\"\","
                + "\"version\":\"0.1.0\",\"state\":\"DRAINING\",\"heartbeat\":\"2026-12-07T16:00:02Z\","
                + "\"botsHeld\":12,\"maxBots\":null}");
        Ctl.Result drain = ctl.run("drain", "node-b");
        assertEquals(drain.toString(), 0, drain.status());
        assertEquals("node node-b is DRAINING: it hands its 12 bots over to the other nodes\n", drain.out());
        assertEquals("POST", server.only().method());

        server.problem("POST", "/api/v1/cluster/nodes/node-c/drain", 409, "node node-c cannot drain: the other ACTIVE "
                + "nodes cannot run the 12 bots that should run (none, or their maxBots are too few)");
        Ctl.Result refused = ctl.run("drain", "node-c");
        assertEquals(refused.toString(), CtlException.REFUSED, refused.status());
        assertTrue(refused.err(), refused.err().startsWith("botfleetctl: node node-c cannot drain"));
    }

    @Test
    public void activatePostsToTheNodeAndSaysItIsActiveAgain() {
        server.json("POST", "/api/v1/cluster/nodes/node-b/activate", 200, "{\"id\":\"node-b\",\"url\":\"\","
                + "\"version\":\"0.1.0\",\"state\":\"ACTIVE\",\"heartbeat\":\"2026-12-07T16:00:02Z\","
                + "\"botsHeld\":0,\"maxBots\":null}");
        Ctl.Result activated = ctl.run("activate", "node-b");
        assertEquals(activated.toString(), 0, activated.status());
        assertEquals("node node-b is ACTIVE: it is given its share of the bots\n", activated.out());
        assertEquals("POST", server.only().method());
    }
}
