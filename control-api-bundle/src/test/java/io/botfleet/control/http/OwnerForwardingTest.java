package io.botfleet.control.http;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.botfleet.api.cluster.BotOwner;
import io.botfleet.api.cluster.ClusterNode;
import io.botfleet.api.cluster.ClusterStats;
import io.botfleet.api.cluster.ClusterView;
import io.botfleet.api.store.AuditEntry;
import io.botfleet.api.store.Role;
import io.botfleet.control.auth.InMemoryStores;
import io.botfleet.control.auth.TokenService;
import io.botfleet.control.metrics.HttpStats;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Cluster mode: a request about a bot another node runs is answered by that node, here a real
 * HTTP server standing in for it; everything else, and whatever the owner cannot be reached for
 * before it gets the request, is answered here.
 */
public class OwnerForwardingTest {

    private static final String BOT = "btc-sma-1";

    private final FakeBotManager bots = new FakeBotManager();
    private final List<AuditEntry> audit = new CopyOnWriteArrayList<>();
    private final Map<String, BotOwner> owners = new ConcurrentHashMap<>();
    private final List<ClusterNode> nodes = new CopyOnWriteArrayList<>();
    /** What the owner node received: method, path and query, headers, body. */
    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    private HttpServer owner;
    private String ownerUrl;
    private ApiContext context;
    private ApiServlet servlet;
    private String operator;

    @Before
    public void setUp() throws Exception {
        owner = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        owner.createContext("/", this::answerAsOwner);
        owner.start();
        ownerUrl = "http://127.0.0.1:" + owner.getAddress().getPort();
        TokenService tokens = TestTokens.service(new InMemoryStores.Tokens(), new InMemoryStores.Installation());
        String admin = tokens.create("root", Role.ADMIN);
        operator = tokens.create("ops", Role.OPERATOR);
        ApiRouter router = new ApiRouter();
        router.botManager = bots;
        router.tokenService = tokens;
        router.auditLog = new ListAuditLog(audit);
        router.activate();
        context = new ApiContext();
        context.api = router;
        context.tokens = tokens;
        context.gate = new AuthGate(ApiFlowTest.defaults(), System::nanoTime);
        context.gate.stats = new HttpStats();
        servlet = new ApiServlet();
        servlet.api = router;
        servlet.activate(ApiFlowTest.defaults());
        assertEquals(201, call(admin, "POST", "/api/v1/bots", BotJsonTest.EXAMPLE.replace("true", "false")).status);
        router.clusterView = new Cluster();
        audit.clear();
    }

    @After
    public void tearDown() {
        owner.stop(0);
    }

    /** node-b: answers every request with what it got, 200, or 201 with a Location for a POST. */
    private void answerAsOwner(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, String> got = new ConcurrentHashMap<>();
        got.put("request", exchange.getRequestMethod() + " " + exchange.getRequestURI());
        exchange.getRequestHeaders().forEach((name, values) -> got.put(name.toLowerCase(), values.get(0)));
        got.put("body", new String(body, StandardCharsets.UTF_8));
        received.add(got);
        if (exchange.getRequestURI().getPath().equals("/api/v1/bots")) {
            answer(exchange, "[{\"id\":\"" + BOT + "\",\"node\":\"node-b\",\"state\":\"RUNNING\"},"
                    + "{\"id\":\"elsewhere\",\"node\":\"node-c\",\"state\":\"RUNNING\"}]");
            return;
        }
        if (exchange.getRequestHeaders().containsKey("X-Test-Frozen")) {
            sleep(OwnerForwarding.READ_TIMEOUT.toMillis() + 1_000); // a node stopped mid-request (SIGSTOP)
        }
        if (exchange.getRequestURI().getPath().endsWith("/stop")) {
            exchange.close(); // got it, answers nothing
            return;
        }
        exchange.getResponseHeaders().set("Location", "/somewhere");
        answer(exchange, "{\"id\":\"" + BOT + "\",\"node\":\"node-b\"}");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] answer = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders("POST".equals(exchange.getRequestMethod()) ? 201 : 200, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    @Test
    public void aBotsStatusAndItsCommandsAreAnsweredByTheNodeThatRunsIt() throws Exception {
        owners.put(BOT, new BotOwner(BOT, "node-b", ownerUrl + "/"));

        FakeHttp.Response status = call(operator, "GET", "/api/v1/bots/" + BOT + "/candles?limit=5", null);
        assertEquals(status.text(), 200, status.status);
        assertEquals("{\"id\":\"btc-sma-1\",\"node\":\"node-b\"}", status.text());
        assertEquals("node-b", status.headers.get(OwnerForwarding.ANSWERED_BY));
        Map<String, String> get = received.get(0);
        assertEquals("GET /api/v1/bots/btc-sma-1/candles?limit=5", get.get("request"));
        assertEquals("Bearer " + operator, get.get("authorization"));
        assertEquals("node-a", get.get(OwnerForwarding.FORWARDED_BY.toLowerCase()));

        FakeHttp.Response paused = call(operator, "POST", "/api/v1/bots/" + BOT + "/pause", "{}");
        assertEquals(paused.text(), 201, paused.status);
        assertEquals("/somewhere", paused.headers.get("Location"));
        Map<String, String> post = received.get(1);
        assertEquals("POST /api/v1/bots/btc-sma-1/pause", post.get("request"));
        assertEquals("{}", post.get("body"));
        assertEquals("application/json", post.get("content-type"));
        assertEquals("the owner audits a forwarded command, not this node", List.of(), audit);
    }

    @Test
    public void theJournalABotNoNodeRunsAndARequestAlreadyForwardedAreAnsweredHere() throws Exception {
        owners.put(BOT, new BotOwner(BOT, "node-b", ownerUrl));
        assertEquals(200, call(operator, "GET", "/api/v1/bots/" + BOT + "/events", null).status);
        FakeHttp.Request forwarded = new FakeHttp.Request().bearer(operator);
        forwarded.headers.put(OwnerForwarding.FORWARDED_BY, "node-c");
        FakeHttp.Response here = call(forwarded, "GET", "/api/v1/bots/" + BOT);
        assertEquals(here.text(), 200, here.status);
        assertNull(here.headers.get(OwnerForwarding.ANSWERED_BY));
        assertEquals(List.of(), received);

        owners.put(BOT, new BotOwner(BOT, "node-a", ownerUrl));
        assertEquals(200, call(operator, "GET", "/api/v1/bots/" + BOT, null).status);
        owners.clear();
        assertEquals(200, call(operator, "GET", "/api/v1/bots/" + BOT, null).status);
        assertEquals("this node runs it, then none does", List.of(), received);
    }

    @Test
    public void theFleetListShowsEachBotAsTheLiveNodeThatRunsItDoes() throws Exception {
        nodes.add(node("node-a", ownerUrl, ClusterNode.ACTIVE));
        nodes.add(node("node-b", ownerUrl, ClusterNode.ACTIVE));
        FakeHttp.Response list = call(operator, "GET", "/api/v1/bots", null);
        assertEquals(list.text(), 200, list.status);
        assertEquals("[{\"id\":\"btc-sma-1\",\"node\":\"node-b\",\"state\":\"RUNNING\"}]", list.text());
        assertEquals("node-b alone was asked, for its own bots", 1, received.size());
        assertEquals("node-a", received.get(0).get(OwnerForwarding.FORWARDED_BY.toLowerCase()));

        nodes.set(1, node("node-b", ownerUrl, ClusterNode.SILENT));
        FakeHttp.Response silent = call(operator, "GET", "/api/v1/bots", null);
        assertTrue(silent.text(), silent.text().contains("\"state\":\"CREATED\""));
        assertEquals("a silent node is not asked", 1, received.size());
    }

    private static ClusterNode node(String id, String url, String state) {
        return new ClusterNode(id, url, "1.0.0", Instant.now(), state, 0);
    }

    @Test
    public void anOwnerThatCannotBeReachedLeavesTheAnswerToThisNode() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        owners.put(BOT, new BotOwner(BOT, "node-b", "http://127.0.0.1:" + closed));
        FakeHttp.Response status = call(operator, "GET", "/api/v1/bots/" + BOT, null);
        assertEquals(status.text(), 200, status.status);
        assertTrue(status.text(), status.text().contains("\"id\":\"btc-sma-1\""));
        assertNull(status.headers.get(OwnerForwarding.ANSWERED_BY));
        FakeHttp.Response started = call(operator, "POST", "/api/v1/bots/" + BOT + "/start", null);
        assertEquals(started.text(), 200, started.status);
        assertEquals("RUNNING", bots.get(BOT).state().name());
        assertEquals("a command answered here is audited here", 1, audit.size());
        FakeHttp.Response stopped = call(operator, "POST", "/api/v1/bots/" + BOT + "/stop", "{\"flatten\":true}");
        assertEquals(stopped.text(), 200, stopped.status);
        assertEquals("the body read for the owner is read again here", "flatten", audit.get(1).detail());
    }

    @Test
    public void aReadTheOwnerDoesNotAnswerInTimeIsAnsweredHere() throws Exception {
        owners.put(BOT, new BotOwner(BOT, "node-b", ownerUrl));
        FakeHttp.Request frozen = new FakeHttp.Request().bearer(operator);
        frozen.headers.put("X-Test-Frozen", "yes");
        long began = System.nanoTime();
        FakeHttp.Response status = call(frozen, "GET", "/api/v1/bots/" + BOT);
        long tookMillis = (System.nanoTime() - began) / 1_000_000;
        assertEquals(status.text(), 200, status.status);
        assertTrue(status.text(), status.text().contains("\"state\":\"CREATED\""));
        assertNull(status.headers.get(OwnerForwarding.ANSWERED_BY));
        assertTrue("a read waits for the owner as long as a read, not as a command: " + tookMillis + " ms",
                tookMillis < OwnerForwarding.COMMAND_TIMEOUT.toMillis());
    }

    @Test
    public void aCommandTheOwnerGotButDidNotAnswerIsABadGatewayNotARetryHere() throws Exception {
        owners.put(BOT, new BotOwner(BOT, "node-b", ownerUrl));
        FakeHttp.Response stopped = call(operator, "POST", "/api/v1/bots/" + BOT + "/stop", null);
        assertEquals(stopped.text(), 502, stopped.status);
        assertTrue(stopped.text(), stopped.text().contains("node node-b runs bot btc-sma-1 and got the request"));
        assertEquals(1, received.size());
        assertEquals("nothing was done here", "CREATED", bots.get(BOT).state().name());
    }

    private FakeHttp.Response call(String token, String method, String uri, String json) throws Exception {
        return call(new FakeHttp.Request().bearer(token), method, uri, json);
    }

    private FakeHttp.Response call(FakeHttp.Request request, String method, String uri) throws Exception {
        return call(request, method, uri, null);
    }

    private FakeHttp.Response call(FakeHttp.Request request, String method, String uri, String json) throws Exception {
        return FakeHttp.call(context, servlet, request, method, uri, json);
    }

    /** This node is node-a; the test says which node runs the bot. */
    private final class Cluster implements ClusterView {

        @Override
        public String nodeId() {
            return "node-a";
        }

        @Override
        public List<ClusterNode> nodes() {
            return nodes;
        }

        @Override
        public ClusterNode drain(String nodeId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ClusterNode activate(String nodeId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<BotOwner> owner(String botId) {
            return Optional.ofNullable(owners.get(botId));
        }

        @Override
        public ClusterStats stats() {
            throw new UnsupportedOperationException();
        }
    }
}
