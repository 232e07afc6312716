package io.botfleet.e2e;

import static io.botfleet.e2e.Api.assertProblem;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.distribution.DistributionProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Authentication and roles over HTTP: no route under /api answers without a valid token, roles
 * are checked before anything else, revoked tokens stop at once, and neither tokens nor exchange
 * secrets ever show up in a response or in the server's log.
 */
public class ApiSecurityIT {

    /** Every route of docs/api.md: method, path, role needed. */
    static final String[][] ROUTES = {
        {"GET", "/api/v1/bots", "viewer"},
        {"POST", "/api/v1/bots", "admin"},
        {"GET", "/api/v1/bots/sec-bot", "viewer"},
        {"PATCH", "/api/v1/bots/sec-bot", "admin"},
        {"DELETE", "/api/v1/bots/sec-bot", "admin"},
        {"POST", "/api/v1/bots/sec-bot/start", "operator"},
        {"POST", "/api/v1/bots/sec-bot/stop", "operator"},
        {"POST", "/api/v1/bots/sec-bot/pause", "operator"},
        {"POST", "/api/v1/bots/sec-bot/resume", "operator"},
        {"GET", "/api/v1/bots/sec-bot/orders?status=open&limit=10", "viewer"},
        {"GET", "/api/v1/bots/sec-bot/fills?limit=10", "viewer"},
        {"GET", "/api/v1/bots/sec-bot/events?limit=10", "viewer"},
        {"GET", "/api/v1/bots/sec-bot/candles?limit=10", "viewer"},
        {"POST", "/api/v1/bots/sec-bot/strategy", "operator"},
        {"POST", "/api/v1/bots/sec-bot/strategy/rollback", "operator"},
        {"GET", "/api/v1/bots/sec-bot/strategy/history", "viewer"},
        {"GET", "/api/v1/strategies", "viewer"},
        {"POST", "/api/v1/bundles", "admin"},
        {"GET", "/api/v1/bundles", "viewer"},
        {"DELETE", "/api/v1/bundles/io.botfleet.strategy.sma/1.0.0", "admin"},
        {"GET", "/api/v1/stream", "viewer"},
        {"GET", "/api/v1/exchanges", "viewer"},
        {"POST", "/api/v1/tokens", "admin"},
        {"DELETE", "/api/v1/tokens/nobody", "admin"},
        // extensions of docs/api.md
        {"GET", "/api/v1/tokens", "admin"},
        {"GET", "/api/v1/audit", "admin"},
        {"GET", "/api/v1/notifications", "viewer"},
        {"POST", "/api/v1/notifications/nobody/test", "operator"},
        {"GET", "/api/v1/candles", "viewer"},
        {"PUT", "/api/v1/candles/paper/BTCUSDT/1m", "operator"},
        {"DELETE", "/api/v1/candles/paper/BTCUSDT/1m", "admin"},
        {"POST", "/api/v1/candles/downloads", "operator"},
        {"POST", "/api/v1/backtests", "operator"},
        {"GET", "/api/v1/backtests?limit=10", "viewer"},
        {"GET", "/api/v1/backtests/nobody", "viewer"},
        {"DELETE", "/api/v1/backtests/nobody", "operator"},
        {"GET", "/api/v1/backtests/nobody/runs/0/fills", "viewer"},
        {"GET", "/api/v1/backtests/nobody/runs/0/trades", "viewer"},
        {"GET", "/api/v1/backtests/nobody/runs/0/equity", "viewer"},
        {"GET", "/api/v1/cluster/nodes", "viewer"},
        {"POST", "/api/v1/cluster/nodes/nobody/drain", "admin"},
        // not routes at all: still 401 without a token, nothing is revealed
        {"GET", "/api/v1/no-such-route", "viewer"},
        {"GET", "/api/", "viewer"},
    };

    private static final String BYBIT_SECRET = "e2e-bybit-secret-" + UUID.randomUUID();
    private static final String BYBIT_KEY = "e2ekey" + UUID.randomUUID().toString().substring(0, 8);

    private static DistributionProcess server;
    private static Api api;
    private static String admin;
    private static final List<String> tokensIssued = new ArrayList<>();

    @BeforeClass
    public static void start() throws Exception {
        server = DistributionProcess.builder("api-security")
                // a Bybit account whose secret must never come back; every URL points at a closed
                // loopback port, so nothing leaves the machine
                .etcFile("io.botfleet.exchange.bybit-sectest.cfg", String.join("\n", "account=sectest",
                        "apiKey=" + BYBIT_KEY, "apiSecret=" + BYBIT_SECRET, "environment=testnet",
                        "restUrl=http://127.0.0.1:9", "wsPublicUrl=ws://127.0.0.1:9/v5/public/linear",
                        "wsPrivateUrl=ws://127.0.0.1:9/v5/private", ""))
                .start();
        server.awaitLive(Duration.ofSeconds(60));
        api = new Api(server);
        admin = server.adminToken();
        api.await("/api/v1/bots", admin, b -> true, Duration.ofSeconds(60), "the API");
        api.awaitExchange(admin, "paper", "default");
        Api.Reply created = api.post("/api/v1/bots", admin, Api.botJson("sec-bot", "default", false));
        assertEquals(created.toString(), 201, created.status());
    }

    @AfterClass
    public static void stop() {
        if (server != null) {
            server.terminate();
            server.awaitExit(Duration.ofSeconds(30));
            // Tokens never in the log, whatever happened in between (the env admin token included).
            String log = server.logText();
            assertFalse("admin token in the log", log.contains(admin));
            for (String token : tokensIssued) {
                assertFalse("issued token in the log", log.contains(token));
            }
            server.close();
        }
    }

    private static String issue(String name, String role) {
        String token = api.token(admin, name, role);
        tokensIssued.add(token);
        return token;
    }

    private static Api.Reply call(String[] route, String token) {
        String body = route[0].equals("GET") || route[0].equals("DELETE") ? null : "{}";
        return api.send(route[0], route[1], token, body == null ? null : Api.APPLICATION_JSON,
                body == null ? null : body.getBytes());
    }

    @Test
    public void everyApiRouteNeedsAValidToken() {
        for (String[] route : ROUTES) {
            Api.Reply r = call(route, null);
            assertProblem(r, 401);
            assertNotNull(r.header("WWW-Authenticate"));
        }
        // a handful of wrong tokens (below the per-client failure limit)
        for (String bad : new String[] {"bf_not-a-real-token-0000000000", "Basic", "x"}) {
            assertProblem(api.get("/api/v1/bots", bad), 401);
        }
        assertProblem(api.send("GET", "/api/v1/bots", null, null, (byte[]) null), 401);
    }

    @Test
    public void theOpenApiDocumentIsTheOnlyOpenRoute() {
        Api.Reply doc = api.get("/api/v1/openapi.json", null);
        assertEquals(doc.toString(), 200, doc.status());
        assertEquals("3.1.0", doc.json().path("openapi").asText());
        assertNotNull(doc.json().at("/paths/~1bots/post/requestBody"));
        assertProblem(api.send("POST", "/api/v1/openapi.json", null, Api.APPLICATION_JSON, "{}".getBytes()), 401);
        assertProblem(api.get("/api/v1/openapi.json/x", null), 401);
    }

    @Test
    public void rolesAreCheckedBeforeAnythingElse() {
        String viewer = issue("sec-viewer", "viewer");
        String operator = issue("sec-operator", "operator");
        for (String[] route : ROUTES) {
            if (route[2].equals("operator") || route[2].equals("admin")) {
                JsonNode p = assertProblem(call(route, viewer), 403);
                assertTrue(p.toString(), p.path("detail").asText().contains(route[2]));
            }
            if (route[2].equals("admin")) {
                assertProblem(call(route, operator), 403);
            }
        }
        // a viewer asking to start an unknown bot learns nothing about it
        assertProblem(api.post("/api/v1/bots/no-such-bot/start", viewer, null), 403);
        assertProblem(api.post("/api/v1/bots/no-such-bot/start", operator, null), 404);
        assertEquals(200, api.get("/api/v1/bots/sec-bot", viewer).status());
        assertEquals(200, api.get("/api/v1/exchanges", viewer).status());
    }

    @Test
    public void revokedTokensStopWorkingAtOnce() {
        String ci = issue("sec-ci", "operator");
        assertEquals(200, api.get("/api/v1/bots", ci).status());
        Api.Reply revoked = api.delete("/api/v1/tokens/sec-ci", admin);
        assertTrue(revoked.toString(), revoked.status() == 204 || revoked.status() == 200);
        assertProblem(api.get("/api/v1/bots", ci), 401);
        assertProblem(api.post("/api/v1/bots/sec-bot/start", ci, null), 401);
        assertProblem(api.delete("/api/v1/tokens/sec-ci", admin), 404);
        // the same name can be issued again, as a different token
        String again = issue("sec-ci", "viewer");
        assertFalse(again.equals(ci));
        assertProblem(api.get("/api/v1/bots", ci), 401);
    }

    @Test
    public void tokensAreShownOnceAndNeverAgain() {
        String token = issue("sec-once", "viewer");
        assertProblem(api.post("/api/v1/tokens", admin, "{\"name\":\"sec-once\",\"role\":\"viewer\"}"), 409);
        Api.Reply list = api.get("/api/v1/tokens", admin);
        assertEquals(200, list.status());
        assertTrue(list.body().contains("sec-once"));
        // exercise some audited calls, then look everywhere a token could leak to
        api.post("/api/v1/bots/sec-bot/pause", admin, null);
        api.get("/api/v1/bots/sec-bot/events?limit=1000", token);
        Api.Reply audit = api.get("/api/v1/audit?limit=1000", admin);
        assertEquals(200, audit.status());
        assertTrue(audit.body(), audit.body().contains("POST /api/v1/tokens"));
        for (String path : new String[] {"/api/v1/tokens", "/api/v1/audit?limit=1000", "/api/v1/bots", "/api/v1/bots/sec-bot",
                "/api/v1/bots/sec-bot/events?limit=1000", "/api/v1/exchanges", "/metrics"}) {
            String body = api.get(path, admin).body();
            assertFalse(path, body.contains(token));
            assertFalse(path, body.contains(admin));
        }
    }

    @Test
    public void exchangeSecretsNeverAppear() {
        JsonNode exchanges = api.await("/api/v1/exchanges", admin,
                a -> a.toString().contains("sectest"), Duration.ofSeconds(30), "the bybit account");
        for (JsonNode e : exchanges) {
            assertTrue(e.path("status").asText().matches("UP|DOWN|DEGRADED"));
            assertTrue(e.has("detail"));
        }
        for (String path : new String[] {"/api/v1/exchanges", "/api/v1/bots", "/api/v1/strategies", "/metrics"}) {
            assertFalse(path, api.get(path, admin).body().contains(BYBIT_SECRET));
        }
        synchronized (api.bodiesSeen) {
            for (String body : api.bodiesSeen) {
                assertFalse("secret in a response", body.contains(BYBIT_SECRET));
            }
        }
    }
}
