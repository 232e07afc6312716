package io.botfleet.control.http;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.api.bot.BotEvent;
import io.botfleet.api.store.AuditEntry;
import io.botfleet.api.store.BotJournal;
import io.botfleet.api.store.Role;
import io.botfleet.control.auth.InMemoryStores;
import io.botfleet.control.auth.TokenService;
import io.botfleet.control.metrics.HttpStats;
import io.botfleet.control.metrics.MetricsContext;
import io.botfleet.control.metrics.MetricsContextAccess;
import jakarta.servlet.http.Cookie;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.Before;
import org.junit.Test;

/**
 * The security context and the servlet together, on fake servlet objects and a fake bot
 * manager: the order of checks, the problem documents and the audit trail.
 */
public class ApiFlowTest {

    private final FakeBotManager bots = new FakeBotManager();
    private final List<AuditEntry> audit = new CopyOnWriteArrayList<>();
    private final List<BotEvent> botEvents = new CopyOnWriteArrayList<>();
    private final HttpStats stats = new HttpStats();
    private ApiRouter router;
    private ApiContext context;
    private AuthGate gate;
    private ApiServlet servlet;
    private TokenService tokens;
    private String admin;
    private String operator;
    private String viewer;

    static HttpConfig defaults() {
        return (HttpConfig) Proxy.newProxyInstance(ApiFlowTest.class.getClassLoader(),
                new Class<?>[] {HttpConfig.class}, (p, m, a) -> m.getDefaultValue());
    }

    @Before
    public void setUp() throws Exception {
        tokens = TestTokens.service(new InMemoryStores.Tokens(), new InMemoryStores.Installation());
        admin = tokens.create("root", Role.ADMIN);
        operator = tokens.create("ops", Role.OPERATOR);
        viewer = tokens.create("watch", Role.VIEWER);
        router = new ApiRouter();
        router.botManager = bots;
        router.tokenService = tokens;
        router.auditLog = new ListAuditLog(audit);
        router.botJournal = (BotJournal) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BotJournal.class}, (p, m, a) -> {
                    if (m.getName().equals("appendEvent")) {
                        botEvents.add((BotEvent) a[0]);
                        return CompletableFuture.completedFuture(null);
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        router.activate();
        gate = new AuthGate(defaults(), System::nanoTime);
        gate.stats = stats;
        context = new ApiContext();
        context.api = router;
        context.tokens = tokens;
        context.gate = gate;
        context.stats = stats;
        servlet = new ApiServlet();
        servlet.api = router;
        servlet.stats = stats;
        servlet.activate(defaults());
        call(new FakeHttp.Request().bearer(admin), "POST", "/api/v1/bots", BotJsonTest.EXAMPLE.replace("true", "false"));
    }

    private FakeHttp.Response call(FakeHttp.Request request, String method, String uri, String json) throws Exception {
        return FakeHttp.call(context, servlet, request, method, uri, json);
    }

    private FakeHttp.Response call(String token, String method, String uri, String json) throws Exception {
        FakeHttp.Request r = new FakeHttp.Request();
        if (token != null) {
            r.bearer(token);
        }
        return call(r, method, uri, json);
    }

    private static JsonNode json(FakeHttp.Response r) {
        return JsonMapper.read(new ByteArrayInputStream(r.body.toByteArray()));
    }

    private static JsonNode problem(FakeHttp.Response r, int status) {
        assertEquals(r.text(), status, r.status);
        assertEquals(Problems.CONTENT_TYPE, r.contentType);
        JsonNode p = json(r);
        assertEquals(status, p.get("status").intValue());
        assertTrue(p.get("type").textValue().startsWith("urn:botfleet:problem:"));
        assertNotNull(p.get("title").textValue());
        assertNotNull(p.get("detail").textValue());
        return p;
    }

    @Test
    public void everyRouteNeedsAToken() throws Exception {
        for (Route route : router.router().routes()) {
            if (route.open()) {
                continue; // theApiDocumentNeedsNoToken
            }
            String uri = "/api" + route.template().toString().replaceAll("\\{[^}]+}", "btc-sma-1");
            FakeHttp.Response r = call((String) null, route.method(), uri, null);
            problem(r, 401);
            assertEquals("Bearer realm=\"botfleet\"", r.headers.get("WWW-Authenticate"));
            FakeHttp.Request wrong = new FakeHttp.Request().bearer("bf_wrong-token-" + route.method());
            wrong.remote = "198.51.100." + router.router().routes().indexOf(route); // below the 429 limit
            problem(call(wrong, route.method(), uri, null), 401);
        }
        problem(call((String) null, "GET", "/api/v1/no-such-thing", null), 401);
        FakeHttp.Request basic = new FakeHttp.Request();
        basic.headers.put("Authorization", "Basic YWRtaW46YWRtaW4=");
        problem(call(basic, "GET", "/api/v1/bots", null), 401);
    }

    @Test
    public void theApiDocumentNeedsNoToken() throws Exception {
        FakeHttp.Response r = call((String) null, "GET", "/api/v1/openapi.json", null);
        assertEquals(r.text(), 200, r.status);
        assertEquals("application/json; charset=utf-8", r.contentType);
        assertEquals("3.1.0", json(r).get("openapi").textValue());
        assertEquals(200, call(viewer, "GET", "/api/v1/openapi.json", null).status);
        // open means this one document: other methods on it, and everything else, still need a token
        problem(call((String) null, "POST", "/api/v1/openapi.json", "{}"), 401);
        problem(call((String) null, "GET", "/api/v1/openapi.json/x", null), 401);
        problem(call((String) null, "GET", "/api/v1/bots", null), 401);
        problem(call(viewer, "DELETE", "/api/v1/openapi.json", null), 405);
    }

    @Test
    public void roleIsCheckedBeforeTheBotIsLookedUp() throws Exception {
        JsonNode p = problem(call(viewer, "POST", "/api/v1/bots/no-such-bot/start", null), 403);
        assertTrue(p.get("detail").textValue().contains("needs operator"));
        problem(call(operator, "POST", "/api/v1/bots", BotJsonTest.EXAMPLE), 403);
        problem(call(operator, "DELETE", "/api/v1/bots/btc-sma-1", null), 403);
        problem(call(operator, "POST", "/api/v1/tokens", "{\"name\":\"x\",\"role\":\"admin\"}"), 403);
        problem(call(operator, "POST", "/api/v1/bots/no-such-bot/start", null), 404);
        assertTrue("the forbidden attempt is audited", audit.stream().anyMatch(e -> e.actor().equals("watch")
                && e.outcome().equals("403")));
    }

    @Test
    public void haltIsOperatorsScopedListedAndLifted() throws Exception {
        problem(call(viewer, "POST", "/api/v1/halt", "{}"), 403);
        problem(call(operator, "POST", "/api/v1/halt", "{\"account\":\"main\"}"), 400);
        problem(call(operator, "POST", "/api/v1/halt", "{\"exchange\":\"by bit\"}"), 400);
        problem(call(operator, "POST", "/api/v1/halt", "{\"flatten\":\"yes\"}"), 400);
        problem(call(operator, "POST", "/api/v1/halt", "{\"scope\":\"all\"}"), 400);

        FakeHttp.Response r = call(operator, "POST", "/api/v1/halt",
                "{\"exchange\":\"paper\",\"account\":\"default\",\"flatten\":true,\"reason\":\"venue incident\"}");
        assertEquals(r.text(), 200, r.status);
        JsonNode body = json(r);
        assertEquals("account paper/default", body.get("halt").get("scope").textValue());
        assertEquals("ops", body.get("halt").get("actor").textValue());
        assertEquals("btc-sma-1", body.get("bots").get(0).get("botId").textValue());
        assertTrue(bots.calls.contains("halt account paper/default flatten by ops"));

        JsonNode listed = json(call(viewer, "GET", "/api/v1/halt", null));
        assertEquals(1, listed.size());
        assertEquals("venue incident", listed.get(0).get("reason").textValue());
        assertTrue("the halt is audited", audit.stream().anyMatch(e -> e.actor().equals("ops")
                && "account paper/default".equals(e.target())));

        problem(call(operator, "DELETE", "/api/v1/halt", null), 404); // no halt of the whole fleet
        problem(call(operator, "DELETE", "/api/v1/halt?account=default", null), 400);
        assertEquals(200, call(operator, "DELETE", "/api/v1/halt?exchange=paper&account=default", null).status);
        assertEquals(0, json(call(viewer, "GET", "/api/v1/halt", null)).size());
    }

    @Test
    public void flattenAndStopWithFlatten() throws Exception {
        problem(call(operator, "POST", "/api/v1/bots/btc-sma-1/flatten", null), 409); // CREATED
        assertEquals(200, call(operator, "POST", "/api/v1/bots/btc-sma-1/start", null).status);
        FakeHttp.Response r = call(operator, "POST", "/api/v1/bots/btc-sma-1/flatten", null);
        assertEquals(r.text(), 200, r.status);
        assertEquals("PAUSED", json(r).get("state").textValue());
        assertNotNull(json(r).get("outcome").textValue());
        problem(call(operator, "POST", "/api/v1/bots/btc-sma-1/stop", "{\"flatten\":1}"), 400);
        assertEquals(200, call(operator, "POST", "/api/v1/bots/btc-sma-1/stop", "{\"flatten\":true}").status);
        assertTrue(bots.calls.contains("flatten btc-sma-1"));
    }

    @Test
    public void lifecycleIsDrivenAndAudited() throws Exception {
        FakeHttp.Response r = call(operator, "POST", "/api/v1/bots/btc-sma-1/start", null);
        assertEquals(r.text(), 200, r.status);
        assertEquals("application/json; charset=utf-8", r.contentType);
        assertEquals("RUNNING", json(r).get("state").textValue());
        JsonNode p = problem(call(operator, "POST", "/api/v1/bots/btc-sma-1/resume", null), 409);
        assertTrue(p.get("detail").textValue().contains("RUNNING"));
        assertEquals(200, call(operator, "POST", "/api/v1/bots/btc-sma-1/pause", "").status);
        assertEquals(200, call(operator, "POST", "/api/v1/bots/btc-sma-1/resume", "{}").status);
        problem(call(admin, "DELETE", "/api/v1/bots/btc-sma-1", null), 409);
        assertEquals(200, call(operator, "POST", "/api/v1/bots/btc-sma-1/stop", null).status);
        assertEquals(204, call(admin, "DELETE", "/api/v1/bots/btc-sma-1", null).status);
        problem(call(viewer, "GET", "/api/v1/bots/btc-sma-1", null), 404);

        AuditEntry start = audit.stream().filter(e -> e.action().equals("POST /api/v1/bots/{id}/start"))
                .findFirst().orElseThrow();
        assertEquals("ops", start.actor());
        assertEquals("btc-sma-1", start.target());
        assertEquals("200", start.outcome());
        assertTrue(audit.stream().anyMatch(e -> e.action().equals("POST /api/v1/bots/{id}/resume")
                && e.outcome().equals("409")));
        assertTrue(botEvents.stream().anyMatch(e -> e.type() == BotEvent.Type.AUDIT
                && e.botId().equals("btc-sma-1") && e.message().contains("ops: POST /api/v1/bots/{id}/pause -> 200")));
        assertTrue("created under its id", audit.stream().anyMatch(e -> e.action().equals("POST /api/v1/bots")
                && e.target().equals("btc-sma-1") && e.outcome().equals("201")));
        for (AuditEntry e : audit) {
            for (String t : List.of(admin, operator, viewer)) {
                assertFalse(e.toString().contains(t));
            }
        }
    }

    @Test
    public void createAnswers201WithLocationAndConflictsOnTheSameId() throws Exception {
        FakeHttp.Response r = call(admin, "POST", "/api/v1/bots", BotJsonTest.EXAMPLE.replace("btc-sma-1", "eth-1"));
        assertEquals(r.text(), 201, r.status);
        assertEquals("/api/v1/bots/eth-1", r.headers.get("Location"));
        JsonNode s = json(r);
        assertEquals("eth-1", s.get("id").textValue());
        assertEquals("0", s.get("position").get("qty").textValue());
        assertEquals(0, s.get("counters").get("candles").intValue());
        assertEquals("1m", s.get("interval").textValue());
        problem(call(admin, "POST", "/api/v1/bots", BotJsonTest.EXAMPLE.replace("btc-sma-1", "eth-1")), 409);
    }

    @Test
    public void badInputIs4xxProblemNamingTheField() throws Exception {
        assertEquals("limit", problem(call(viewer, "GET", "/api/v1/bots/btc-sma-1/orders?limit=0", null), 400).get("field").textValue());
        assertEquals("limit", problem(call(viewer, "GET", "/api/v1/bots/btc-sma-1/fills?limit=1001", null), 400).get("field").textValue());
        assertEquals("limit", problem(call(viewer, "GET", "/api/v1/bots/btc-sma-1/events?limit=ten", null), 400).get("field").textValue());
        assertEquals("status", problem(call(viewer, "GET", "/api/v1/bots/btc-sma-1/orders?status=closed", null), 400).get("field").textValue());
        assertEquals(200, call(viewer, "GET", "/api/v1/bots/btc-sma-1/orders?status=open&limit=1000", null).status);
        assertTrue(bots.calls.contains("orders btc-sma-1 open=true limit=1000"));
        assertEquals("colour", problem(call(admin, "POST", "/api/v1/bots", "{\"colour\":1}"), 400).get("field").textValue());
        problem(call(admin, "POST", "/api/v1/bots", "{\"id\":"), 400);
        problem(call(admin, "POST", "/api/v1/bots", ""), 400);

        FakeHttp.Request text = new FakeHttp.Request().bearer(admin);
        text.contentType = "text/plain";
        text.body = BotJsonTest.EXAMPLE.getBytes(StandardCharsets.UTF_8);
        problem(call(text, "POST", "/api/v1/bots", null), 415);
        FakeHttp.Request latin = new FakeHttp.Request().bearer(admin).json(BotJsonTest.EXAMPLE);
        latin.contentType = "application/json; charset=ISO-8859-1";
        problem(call(latin, "POST", "/api/v1/bots", null), 415);

        String big = "{\"id\":\"" + "x".repeat((1 << 20) + 10) + "\"}";
        problem(call(admin, "POST", "/api/v1/bots", big), 413);

        problem(call(viewer, "GET", "/api/v1/bots/a%2Fb", null), 404);
        problem(call(viewer, "GET", "/api/v1/bots/%zz", null), 400);
        problem(call(viewer, "GET", "/api/v1/bots/%C3%BC", null), 404);
        problem(call(viewer, "GET", "/api/v2/bots", null), 404);
        JsonNode p = problem(call(viewer, "PUT", "/api/v1/bots", null), 405);
        assertTrue(p.get("detail").textValue().contains("GET, POST"));
    }

    @Test
    public void tokensAreShownOnceAndRevocationIsImmediate() throws Exception {
        FakeHttp.Response r = call(admin, "POST", "/api/v1/tokens", "{\"name\":\"ci\",\"role\":\"operator\"}");
        assertEquals(r.text(), 201, r.status);
        String ci = json(r).get("token").textValue();
        assertEquals("operator", json(r).get("role").textValue());
        assertEquals(200, call(ci, "POST", "/api/v1/bots/btc-sma-1/start", null).status);
        FakeHttp.Response list = call(admin, "GET", "/api/v1/tokens", null);
        assertFalse(list.text().contains(ci));
        assertTrue(list.text().contains("\"ci\""));
        problem(call(admin, "POST", "/api/v1/tokens", "{\"name\":\"ci\",\"role\":\"viewer\"}"), 409);
        assertEquals("role", problem(call(admin, "POST", "/api/v1/tokens", "{\"name\":\"x\",\"role\":\"god\"}"), 400).get("field").textValue());
        assertEquals(204, call(admin, "DELETE", "/api/v1/tokens/ci", null).status);
        problem(call(ci, "GET", "/api/v1/bots", null), 401);
        problem(call(admin, "DELETE", "/api/v1/tokens/ci", null), 404);
        problem(call(admin, "DELETE", "/api/v1/tokens/root", null), 409); // the last admin
    }

    @Test
    public void repeatedBadTokensAreSlowedDownWith429() throws Exception {
        FakeHttp.Response last = null;
        for (int i = 0; i < 25; i++) {
            FakeHttp.Request r = new FakeHttp.Request().bearer("bf_guess-number-" + i);
            r.remote = "192.0.2.7";
            last = call(r, "GET", "/api/v1/bots", null);
        }
        problem(last, 429);
        assertNotNull(last.headers.get("Retry-After"));
        // someone else behind the same address (a proxy, a NAT) with a token the server issued
        FakeHttp.Request good = new FakeHttp.Request().bearer(viewer);
        good.remote = "192.0.2.7";
        assertEquals("a valid token is never throttled by others' failures", 200,
                call(good, "GET", "/api/v1/bots", null).status);
        // ...but a long guess from there is still one more guess
        FakeHttp.Request longGuess = new FakeHttp.Request().bearer("bf_" + "A".repeat(43));
        longGuess.remote = "192.0.2.7";
        problem(call(longGuess, "GET", "/api/v1/bots", null), 429);
        assertEquals("other clients unaffected", 200, call(viewer, "GET", "/api/v1/bots", null).status);
        assertEquals(20, stats.badTokens());
        assertEquals(6, stats.throttled());
        assertEquals(Long.valueOf(6), stats.requestsByStatus().get(429));
        assertTrue(stats.requestsByStatus().get(200) >= 1);
    }

    @Test
    public void forwardedForCountsOnlyFromTrustedProxies() throws Exception {
        gate = new AuthGate(config(Map.of("trustedProxies", "10.0.0.0/24, 2001:db8::1")), System::nanoTime);
        context.gate = gate;
        // an untrusted peer that rotates X-Forwarded-For is still one address
        FakeHttp.Response last = null;
        for (int i = 0; i < 21; i++) {
            FakeHttp.Request r = new FakeHttp.Request().bearer("bf_guess-number-" + i);
            r.remote = "203.0.113.9";
            r.headers.put("X-Forwarded-For", "198.51.100." + i);
            last = call(r, "GET", "/api/v1/bots", null);
        }
        problem(last, 429);
        // behind the trusted proxy, the attacker is its own client: the others are not locked out
        for (int i = 0; i < 21; i++) {
            FakeHttp.Request r = new FakeHttp.Request().bearer("bf_guess-number-" + i);
            r.remote = "10.0.0.5";
            r.headers.put("X-Forwarded-For", "1.2.3.4, 198.51.100.66"); // the left part is the client's own
            last = call(r, "GET", "/api/v1/bots", null);
        }
        problem(last, 429);
        FakeHttp.Request neighbour = new FakeHttp.Request().bearer("bf_short-token");
        neighbour.remote = "10.0.0.5";
        neighbour.headers.put("X-Forwarded-For", "198.51.100.67");
        problem(call(neighbour, "GET", "/api/v1/bots", null), 401); // a failure of its own, not 429
        FakeHttp.Request sameAttacker = new FakeHttp.Request().bearer("bf_short-token");
        sameAttacker.remote = "10.0.0.5";
        sameAttacker.headers.put("X-Forwarded-For", "9.9.9.9, 198.51.100.66");
        problem(call(sameAttacker, "GET", "/api/v1/bots", null), 429);
        assertEquals(3, gate.trackedClients());
    }

    @Test
    public void metricsWithATokenRequiredAreThrottledLikeTheApi() throws Exception {
        MetricsContext metrics = newMetricsContext();
        FakeHttp.Response last = null;
        for (int i = 0; i < 21; i++) {
            FakeHttp.Request r = new FakeHttp.Request().bearer("bf_guess-number-" + i);
            r.remote = "192.0.2.8";
            r.uri = "/metrics";
            last = new FakeHttp.Response();
            assertFalse(metrics.handleSecurity(r.proxy(), last.proxy()));
        }
        problem(last, 429);
        FakeHttp.Request api = new FakeHttp.Request().bearer("bf_guess-number-99");
        api.remote = "192.0.2.8";
        problem(call(api, "GET", "/api/v1/bots", null), 429);
        FakeHttp.Request valid = new FakeHttp.Request().bearer(viewer);
        valid.remote = "192.0.2.8";
        valid.uri = "/metrics";
        assertTrue(metrics.handleSecurity(valid.proxy(), new FakeHttp.Response().proxy()));
    }

    @Test
    public void theMatchedRouteNotTheRawUriDecidesWhetherTheCookieCounts() throws Exception {
        FakeHttp.Request sneaky = new FakeHttp.Request();
        sneaky.cookies = new Cookie[] {new Cookie("access_token", admin)};
        problem(call(sneaky, "GET", "/api/v1/tokens;/v1/stream", null), 401);
        FakeHttp.Request encoded = new FakeHttp.Request();
        encoded.cookies = sneaky.cookies;
        problem(call(encoded, "GET", "/api/v1/tokens;x=/api/v1/stream", null), 401);
        problem(call(encoded, "GET", "/api/v1/bots/v1/stream", null), 401);
    }

    @Test
    public void theStreamCookieIsSecureOverHttpsAlsoBehindATrustedProxy() throws Exception {
        gate = new AuthGate(config(Map.of("trustedProxies", "10.0.0.1")), System::nanoTime);
        context.gate = gate;
        FakeHttp.Request proxied = new FakeHttp.Request().bearer(viewer);
        proxied.remote = "10.0.0.1";
        proxied.headers.put("X-Forwarded-Proto", "https");
        FakeHttp.Response r = call(proxied, "POST", "/api/v1/session", null);
        assertEquals(r.text(), 200, r.status);
        assertTrue(r.headers.get("Set-Cookie"), r.headers.get("Set-Cookie").contains("; Secure"));
        FakeHttp.Request forged = new FakeHttp.Request().bearer(viewer);
        forged.remote = "198.51.100.1";
        forged.headers.put("X-Forwarded-Proto", "https");
        r = call(forged, "POST", "/api/v1/session", null);
        assertFalse("only a trusted proxy says how the client came", r.headers.get("Set-Cookie").contains("Secure"));
        FakeHttp.Request direct = new FakeHttp.Request().bearer(viewer);
        direct.secure = true;
        r = call(direct, "POST", "/api/v1/session", null);
        assertTrue(r.headers.get("Set-Cookie").contains("; Secure"));
    }

    private MetricsContext newMetricsContext() {
        return MetricsContextAccess.create(tokens, gate, config(Map.of("metricsRequireToken", true)));
    }

    static HttpConfig config(Map<String, Object> values) {
        return (HttpConfig) Proxy.newProxyInstance(ApiFlowTest.class.getClassLoader(),
                new Class<?>[] {HttpConfig.class},
                (p, m, a) -> values.containsKey(m.getName()) ? values.get(m.getName()) : m.getDefaultValue());
    }

    @Test
    public void missingServicesAre503AndUnsupportedOnes501() throws Exception {
        problem(call(operator, "POST", "/api/v1/bots/btc-sma-1/strategy", "{\"version\":\"1.1.0\"}"), 501);
        problem(call(viewer, "GET", "/api/v1/stream", null), 501);
        problem(call(viewer, "GET", "/api/v1/strategies", null), 503);
        router.botManager = null;
        problem(call(viewer, "GET", "/api/v1/bots", null), 503);
        context.tokens = null;
        problem(call(viewer, "GET", "/api/v1/bots", null), 503);
    }

    @Test
    public void routeGroupsReplacePendingRoutesAndLeaveAgain() throws Exception {
        problem(call(viewer, "GET", "/api/v1/bundles", null), 501);
        RouteGroup bundles = () -> List.of(new Route("GET", "/v1/bundles", Role.VIEWER,
                r -> Reply.ok(JsonMapper.MAPPER.createArrayNode())));
        router.addRouteGroup(bundles);
        FakeHttp.Response r = call(viewer, "GET", "/api/v1/bundles", null);
        assertEquals(200, r.status);
        assertEquals("[]", r.text());
        problem(call(viewer, "POST", "/api/v1/bundles", "{}"), 403); // still role-checked
        router.removeRouteGroup(bundles);
        problem(call(viewer, "GET", "/api/v1/bundles", null), 501);
    }

    @Test
    public void auditLogIsReadableByAdminsOnly() throws Exception {
        call(operator, "POST", "/api/v1/bots/btc-sma-1/start", null);
        problem(call(operator, "GET", "/api/v1/audit", null), 403);
        FakeHttp.Response r = call(admin, "GET", "/api/v1/audit?target=btc-sma-1&limit=10", null);
        assertEquals(r.text(), 200, r.status);
        assertTrue(r.text(), r.text().contains("\"actor\":\"ops\""));
        assertTrue(r.text(), r.text().contains("POST /api/v1/bots/{id}/start"));
    }

    @Test
    public void exchangesShowHealthOnly() throws Exception {
        FakeHttp.Response r = call(viewer, "GET", "/api/v1/exchanges", null);
        assertEquals(200, r.status);
        assertEquals("[]", r.text());
    }

    @Test
    public void loginSetsTheStreamCookieOnlyForTheStreamAndLogoutExpiresIt() throws Exception {
        FakeHttp.Response r = call(viewer, "POST", "/api/v1/session", null);
        assertEquals(r.text(), 200, r.status);
        assertEquals("watch", json(r).get("name").textValue());
        assertEquals("viewer", json(r).get("role").textValue());
        assertEquals("access_token=" + viewer + "; Path=/api/v1/stream; HttpOnly; SameSite=Strict",
                r.headers.get("Set-Cookie"));
        assertFalse("the token is never in a body", r.text().contains(viewer));

        FakeHttp.Response out = call(viewer, "DELETE", "/api/v1/session", null);
        assertEquals(204, out.status);
        assertTrue(out.headers.get("Set-Cookie").startsWith("access_token=; Path=/api/v1/stream;"));
        assertTrue(out.headers.get("Set-Cookie").endsWith("; Max-Age=0"));

        problem(call((String) null, "POST", "/api/v1/session", null), 401);
        FakeHttp.Request cookieOnly = new FakeHttp.Request();
        cookieOnly.cookies = new Cookie[] {new Cookie("access_token", viewer)};
        problem(call(cookieOnly, "GET", "/api/v1/bots", null), 401);
    }
}
