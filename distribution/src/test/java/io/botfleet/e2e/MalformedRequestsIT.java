package io.botfleet.e2e;

import static io.botfleet.e2e.Api.assertClientProblem;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.distribution.DistributionProcess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Well over a hundred malformed requests — broken JSON, wrong types, unknown fields, oversized
 * bodies, ids with path characters, unicode, empty bodies, wrong content types, bad query
 * parameters — each answered with a 4xx problem document; afterwards the server is healthy and
 * has lost nothing.
 */
public class MalformedRequestsIT {

    private static final String GOOD = Api.botJson("bad-input", "default", false);

    private static DistributionProcess server;
    private static Api api;
    private static String admin;
    private static int sent;

    @BeforeClass
    public static void start() throws Exception {
        server = DistributionProcess.builder("api-malformed").start();
        server.awaitLive(Duration.ofSeconds(60));
        api = new Api(server);
        admin = server.adminToken();
        api.await("/api/v1/bots", admin, b -> true, Duration.ofSeconds(60), "the API");
        api.awaitExchange(admin, "paper", "default");
        Api.Reply keep = api.post("/api/v1/bots", admin, Api.botJson("keep-me", "default", false));
        assertEquals(keep.toString(), 201, keep.status());
    }

    @AfterClass
    public static void stop() {
        if (server != null) {
            server.terminate();
            server.awaitExit(Duration.ofSeconds(30));
            server.close();
        }
    }

    /** Sends one malformed request and checks its answer: 4xx problem+json (the exact status when given). */
    private static JsonNode bad(int expected, String method, String path, String contentType, byte[] body) {
        sent++;
        Api.Reply r = api.send(method, path, admin, contentType, body);
        JsonNode p = assertClientProblem(r);
        if (expected > 0) {
            String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            assertEquals(method + " " + path + " " + text.substring(0, Math.min(120, text.length())) + " -> " + r,
                    expected, r.status());
        }
        return p;
    }

    private static JsonNode badBot(int expected, String json) {
        return bad(expected, "POST", "/api/v1/bots", Api.APPLICATION_JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> ids(JsonNode bots) {
        List<String> ids = new ArrayList<>();
        bots.forEach(b -> ids.add(b.path("id").asText()));
        return ids;
    }

    /** GOOD with one textual replacement, which must change it. */
    private static String variant(String from, String to) {
        assertTrue("test bug: " + from, GOOD.contains(from));
        return GOOD.replace(from, to);
    }

    @Test
    public void malformedRequestsAreRefusedAndNothingIsLost() throws Exception {
        List<String> before = ids(api.get("/api/v1/bots", admin).json());
        JsonNode keepBefore = api.get("/api/v1/bots/keep-me", admin).json();
        String tokensBefore = api.get("/api/v1/tokens", admin).body();

        // 1. broken JSON
        for (String json : new String[] {"{", "}", "[", "{\"id\":}", "{\"id\" \"x\"}", "{\"id\":\"x\",}",
                "{'id':'x'}", "{\"a\":NaN}", "/* c */ {}", "{\"a\":1}{}", "{\"id\":\"a\",\"id\":\"b\"}",
                "{\"id\":\"unterminated}", "{\"id\":\"tab\there\"}", "nul", "tru", "{\"a\":01}",
                "{\"a\":1.}", "{\"a\":-}", "\"just a string\"", "42", "true", "null", "[]",
                "[".repeat(2000) + "]".repeat(2000), "{\"a\":" + "9".repeat(5000) + "}", "\u00ff\u00fe{}"}) {
            badBot(400, json);
        }
        bad(400, "POST", "/api/v1/bots", Api.APPLICATION_JSON, new byte[] {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        bad(400, "POST", "/api/v1/bots", Api.APPLICATION_JSON, new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0});

        // 2. wrong types
        String[][] types = {
            {"\"id\":\"bad-input\"", "\"id\":42"}, {"\"id\":\"bad-input\"", "\"id\":true"},
            {"\"id\":\"bad-input\"", "\"id\":[\"bad-input\"]"}, {"\"id\":\"bad-input\"", "\"id\":{}"},
            {"\"id\":\"bad-input\"", "\"id\":null"},
            {"\"strategy\":{", "\"strategy\":\"sma\",\"x\":{"},
            {"{\"id\":\"sma-crossover\"", "{\"id\":7"},
            {"\"version\":\"1.0.0\"", "\"version\":1.0"},
            {"\"params\":{\"fast\":2,\"slow\":3}", "\"params\":[2,3]"},
            {"\"params\":{\"fast\":2,\"slow\":3}", "\"params\":\"fast=2\""},
            {"\"exchange\":{\"id\":\"paper\",\"account\":\"default\"}", "\"exchange\":\"paper/default\""},
            {"\"account\":\"default\"", "\"account\":[]"},
            {"\"exchange\":{\"id\":\"paper\"", "\"exchange\":{\"id\":1"},
            {"\"symbol\":\"BTCUSDT\"", "\"symbol\":1"}, {"\"interval\":\"1m\"", "\"interval\":60"},
            {"\"interval\":\"1m\"", "\"interval\":\"1x\""}, {"\"interval\":\"1m\"", "\"interval\":\"\""},
            {"\"interval\":\"1m\"", "\"interval\":\"1M\""},
            {"\"orderQty\":\"0.01\"", "\"orderQty\":true"}, {"\"orderQty\":\"0.01\"", "\"orderQty\":[]"},
            {"\"orderQty\":\"0.01\"", "\"orderQty\":{}"}, {"\"orderQty\":\"0.01\"", "\"orderQty\":\"1e3\""},
            {"\"orderQty\":\"0.01\"", "\"orderQty\":\"0x10\""}, {"\"orderQty\":\"0.01\"", "\"orderQty\":\"\""},
            {"\"orderQty\":\"0.01\"", "\"orderQty\":\" 1\""}, {"\"orderQty\":\"0.01\"", "\"orderQty\":\"-0.01\""},
            {"\"orderQty\":\"0.01\"", "\"orderQty\":\"0\""}, {"\"orderQty\":\"0.01\"", "\"orderQty\":null"},
            {"\"maxPositionQty\":\"0.05\"", "\"maxPositionQty\":\"0.001\""},
            {"\"maxOrderNotional\":\"5000\"", "\"maxOrderNotional\":\"lots\""},
            {"\"risk\":{", "\"risk\":\"low\",\"r\":{"},
            {"\"autoStart\":false", "\"autoStart\":\"false\""}, {"\"autoStart\":false", "\"autoStart\":0"},
        };
        for (String[] t : types) {
            JsonNode p = badBot(400, variant(t[0], t[1]));
            assertTrue("names the field: " + p, p.hasNonNull("field"));
        }

        // 3. unknown fields, named in the answer
        String[][] unknown = {
            {"\"autoStart\":false", "\"autoStart\":false,\"foo\":1", "foo"},
            {"\"id\":\"bad-input\"", "\"Id\":\"bad-input\"", "Id"},
            {"\"params\":", "\"extra\":1,\"params\":", "strategy.extra"},
            {"\"account\":\"default\"", "\"account\":\"default\",\"apiSecret\":\"s\"", "exchange.apiSecret"},
            {"\"orderQty\":\"0.01\"", "\"orderQty\":\"0.01\",\"maxLoss\":\"1\"", "risk.maxLoss"},
            {"\"symbol\":\"BTCUSDT\"", "\"symbol\":\"BTCUSDT\",\"desiredState\":\"RUNNING\"", "desiredState"},
        };
        for (String[] u : unknown) {
            assertEquals(u[2], badBot(400, variant(u[0], u[1])).path("field").asText());
        }

        // 3b. decimals beyond what money needs (cheap to parse, a gigabyte once written out): 400 naming the field
        String[][] huge = {
            {"\"maxOrderNotional\":\"5000\"", "\"maxOrderNotional\":1e999999999", "risk.maxOrderNotional"},
            {"\"maxPositionQty\":\"0.05\"", "\"maxPositionQty\":1E-999999999", "risk.maxPositionQty"},
            {"\"params\":{\"fast\":2,\"slow\":3}", "\"params\":{\"fast\":2,\"slow\":3,\"band\":-1e999999999}",
                "strategy.params.band"},
        };
        for (String[] h : huge) {
            long started = System.nanoTime();
            assertEquals(h[2], badBot(400, variant(h[0], h[1])).path("field").asText());
            assertTrue("answered at once", System.nanoTime() - started < 5_000_000_000L);
        }

        // 4. oversized bodies: declared, and streamed without a length
        byte[] big = ("{\"id\":\"" + "x".repeat((1 << 20) + 100) + "\"}").getBytes(StandardCharsets.UTF_8);
        // (raw sockets: the server answers 413 before reading the body, which java.net.http,
        // still sending, reports as a broken pipe instead of the answer)
        for (String[] target : new String[][] {{"POST", "/api/v1/bots"}, {"PATCH", "/api/v1/bots/keep-me"},
                {"POST", "/api/v1/tokens"}}) {
            sent++;
            String answer = RawHttp.sendUntilAnswered(server.port(), target[0], target[1], admin, big);
            assertTrue(answer, answer.startsWith("HTTP/1.1 413"));
            assertTrue(answer, answer.contains("application/problem+json"));
        }
        sent++;
        String head = RawHttp.chunkedPostHead("/api/v1/bots", admin);
        String chunked = RawHttp.sendChunkedUntilAnswered(server.port(), head, 3 << 20);
        assertTrue(chunked, chunked.startsWith("HTTP/1.1 413"));
        assertTrue(chunked, chunked.contains("application/problem+json"));

        // 5. ids with path characters, on reads and on verbs
        for (String id : new String[] {"a%2Fb", "..", "%2e%2e", "..%2F..%2Fetc%2Fpasswd", "a%5Cb", "UPPER",
                "a_b", "a%20b", "x".repeat(33), "a%3Bb", "%252F", "~", "%C3%BC", "%F0%9F%98%80", "a.b", "-%0A-"}) {
            bad(0, "GET", "/api/v1/bots/" + id, null, null);
            bad(0, "POST", "/api/v1/bots/" + id + "/start", null, null);
        }
        bad(0, "DELETE", "/api/v1/bots/%2e%2e", null, null);
        bad(0, "DELETE", "/api/v1/tokens/..%2Fadmin", null, null);

        // 6. unicode where the contract allows none
        assertEquals("id", badBot(400, variant("\"id\":\"bad-input\"", "\"id\":\"bøt\"")).path("field").asText());
        assertEquals("symbol", badBot(400, variant("\"symbol\":\"BTCUSDT\"", "\"symbol\":\"BTC€\"")).path("field").asText());
        assertEquals("strategy.id", badBot(400, variant("{\"id\":\"sma-crossover\"", "{\"id\":\"smä\"")).path("field").asText());
        badBot(400, variant("\"id\":\"bad-input\"", "\"id\":\"\\uD83D\\uDE00\""));
        bad(400, "POST", "/api/v1/tokens", Api.APPLICATION_JSON, "{\"name\":\"tökén\",\"role\":\"viewer\"}".getBytes(StandardCharsets.UTF_8));

        // 7. empty bodies
        bad(400, "POST", "/api/v1/bots", Api.APPLICATION_JSON, new byte[0]);
        bad(400, "PATCH", "/api/v1/bots/keep-me", Api.APPLICATION_JSON, new byte[0]);
        bad(400, "POST", "/api/v1/tokens", Api.APPLICATION_JSON, new byte[0]);
        bad(400, "POST", "/api/v1/bots/keep-me/strategy", Api.APPLICATION_JSON, new byte[0]);
        bad(400, "POST", "/api/v1/bots", Api.APPLICATION_JSON, "   \n ".getBytes(StandardCharsets.UTF_8));

        // 8. wrong content types
        byte[] good = GOOD.getBytes(StandardCharsets.UTF_8);
        for (String type : new String[] {"text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/jsonp", "application/json; charset=ISO-8859-1",
                "application/java-archive", "*/*"}) {
            bad(415, "POST", "/api/v1/bots", type, good);
        }
        bad(415, "POST", "/api/v1/bots", null, good);
        bad(415, "PATCH", "/api/v1/bots/keep-me", "text/plain", "{\"risk\":{\"orderQty\":\"1\"}}".getBytes(StandardCharsets.UTF_8));
        bad(415, "POST", "/api/v1/tokens", "text/plain", "{\"name\":\"x\",\"role\":\"viewer\"}".getBytes(StandardCharsets.UTF_8));
        bad(415, "POST", "/api/v1/bots/keep-me/strategy", "application/xml", "<version>1</version>".getBytes(StandardCharsets.UTF_8));

        // 9. query parameters
        for (String q : new String[] {"orders?limit=0", "orders?limit=-1", "orders?limit=1001", "orders?limit=abc",
                "fills?limit=1.5", "fills?limit=", "events?limit=99999999999", "candles?limit=%20", "orders?status=closed",
                "orders?status=OPEN"}) {
            JsonNode p = bad(400, "GET", "/api/v1/bots/keep-me/" + q, null, null);
            assertTrue(p.toString(), p.path("field").asText().matches("limit|status"));
        }

        // 10. patches and tokens that make no sense
        for (String json : new String[] {"{}", "{\"strategy\":{\"version\":\"2.0.0\"}}", "{\"strategy\":{\"id\":\"x\"}}",
                "{\"symbol\":\"ETHUSDT\"}", "{\"risk\":{}}", "{\"risk\":{\"orderQty\":\"0\"}}"}) {
            bad(400, "PATCH", "/api/v1/bots/keep-me", Api.APPLICATION_JSON, json.getBytes(StandardCharsets.UTF_8));
        }
        for (String json : new String[] {"{\"name\":\"x\",\"role\":\"root\"}", "{\"role\":\"viewer\"}",
                "{\"name\":\"a/b\",\"role\":\"viewer\"}", "{\"name\":\"x\"}", "{\"name\":\"x\",\"role\":\"viewer\",\"token\":\"mine\"}",
                "{\"name\":\"" + "n".repeat(65) + "\",\"role\":\"viewer\"}"}) {
            bad(400, "POST", "/api/v1/tokens", Api.APPLICATION_JSON, json.getBytes(StandardCharsets.UTF_8));
        }
        for (String json : new String[] {"{}", "{\"version\":1}", "{\"version\":\"one\"}", "{\"version\":\"1.0.0\",\"force\":\"yes\"}"}) {
            bad(400, "POST", "/api/v1/bots/keep-me/strategy", Api.APPLICATION_JSON, json.getBytes(StandardCharsets.UTF_8));
        }

        // 11. methods a route does not have
        bad(405, "PUT", "/api/v1/bots", Api.APPLICATION_JSON, good);
        bad(405, "DELETE", "/api/v1/bots", null, null);
        bad(405, "POST", "/api/v1/bots/keep-me", Api.APPLICATION_JSON, good);
        bad(405, "GET", "/api/v1/bots/keep-me/start", null, null);
        bad(404, "GET", "/api/v1/bots/keep-me/nothing", null, null);

        // 12. control characters and paths Jetty cannot parse: 400 problem+json, never Jetty's HTML page
        for (String id : new String[] {"%00", "a%00b", "a%01b", "%1F", "x%7F", "%09", "a%C3%28b"}) {
            bad(400, "GET", "/api/v1/bots/" + id, null, null);
            bad(400, "POST", "/api/v1/bots/" + id + "/start", null, null);
        }
        for (String path : new String[] {"/api/v1/bots/%00", "/health/ready%00", "/ui/%00"}) {
            sent++;
            Api.Reply r = api.send("GET", path, null, null, (byte[]) null); // no token: malformed all the same
            assertEquals(path + " -> " + r, 400, r.status());
            assertClientProblem(r);
        }
        for (String path : new String[] {"/api/v1/bots/a%zz", "/api/v1/bots/a%", "/metrics/%zz"}) {
            sent++; // (java.net.URI refuses to build these)
            String answer = RawHttp.sendUntilAnswered(server.port(), "GET", path, admin, new byte[0]);
            assertTrue(path + ": " + answer, answer.startsWith("HTTP/1.1 400"));
            assertTrue(path + ": " + answer, answer.contains("application/problem+json"));
            assertTrue(path + ": " + answer, answer.contains("\"type\":\"urn:botfleet:problem:malformed-request\""));
        }

        assertTrue("at least 100 malformed requests, sent " + sent, sent >= 100);
        System.out.println("MalformedRequestsIT: " + sent + " malformed requests, all answered 4xx problem+json");

        // the server is healthy and lost nothing
        assertEquals(200, api.get("/health/live", null).status());
        assertEquals(before, ids(api.get("/api/v1/bots", admin).json()));
        assertEquals(tokensBefore, api.get("/api/v1/tokens", admin).body());
        JsonNode keep = api.get("/api/v1/bots/keep-me", admin).json();
        assertEquals(keepBefore, keep);
        assertEquals("CREATED", keep.path("state").asText());
        Api.Reply ok = api.post("/api/v1/bots", admin, GOOD);
        assertEquals(ok.toString(), 201, ok.status());
        assertEquals(204, api.delete("/api/v1/bots/bad-input", admin).status());
        String log = server.logText();
        assertTrue("no internal error logged:\n" + server.logTail(40),
                !log.contains("failed with an internal error"));
    }
}
