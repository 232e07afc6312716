package io.botfleet.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.distribution.DistributionProcess;
import io.botfleet.exchange.bybit.fake.FakeAccount;
import io.botfleet.exchange.bybit.fake.FakeBybit;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.After;
import org.junit.Test;

/**
 * Three distribution processes, one PostgreSQL database, bots on the fake Bybit (a venue every
 * node reaches, which outlives the nodes and keeps the exchange's own records). A node is killed
 * with SIGKILL: the bots it ran are RUNNING on the other nodes within {@code leaseSeconds} + 5 s,
 * recovered as after a restart, and at the end, against the venue's records, no orderLinkId was
 * created twice, every execution is applied once to its bot, position = sum of fills, and every
 * candle was processed once per bot.
 */
public class ClusterFailoverIT {

    private static final Duration START = Duration.ofSeconds(120);
    private static final int LEASE_SECONDS = 10;
    private static final int BOTS = 9;
    private static final String SYMBOL = "BTCUSDT";
    private static final String TOKEN = "cluster-admin-token-0123456789abcdef";
    private static final String HASH_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    private final Map<String, DistributionProcess> nodes = new LinkedHashMap<>();
    private TestPostgres postgres;
    private FakeBybit fake;

    @After
    public void stop() throws Exception {
        nodes.values().forEach(DistributionProcess::close);
        if (fake != null) {
            fake.close();
        }
        if (postgres != null) {
            postgres.dropSchema();
        }
    }

    @Test
    public void aKilledNodesBotsRunOnTheOthersWithinTheLeasePlusFiveSecondsAndNoOrderIsSentTwice() throws Exception {
        postgres = TestPostgres.required();
        postgres.createSchema();
        fake = FakeBybitBots.fake();
        FakeBybitBots market = new FakeBybitBots(fake);
        for (String id : List.of("node-a", "node-b", "node-c")) {
            nodes.put(id, startNode(id, market)); // one after the other: the first creates the schema
            nodes.get(id).awaitReady(START);
        }
        Api a = new Api(nodes.get("node-a"));
        JsonNode listed = a.get("/api/v1/cluster/nodes", TOKEN).json();
        assertEquals(listed.toString(), 3, listed.path("nodes").size());

        long first = fake.followCandles(FakeBybitBots.STEP);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < BOTS; i++) {
            String id = "cl-" + i;
            Api.Reply created = a.post("/api/v1/bots", TOKEN, "{\"id\":\"" + id + "\",\"strategy\":{\"id\":"
                    + "\"sma-crossover\",\"version\":\"1.0.0\",\"params\":{\"fast\":2,\"slow\":" + (4 + i % 2) + "}},"
                    + "\"exchange\":{\"id\":\"bybit\",\"account\":\"" + FakeBybitBots.ACCOUNT + "\"},\"symbol\":\""
                    + SYMBOL + "\",\"interval\":\"1m\",\"risk\":{\"orderQty\":\"0.001\"},\"autoStart\":true}");
            assertEquals(created.toString(), 201, created.status());
            ids.add(id);
        }
        market.adopt(SYMBOL, ids, first);
        Map<String, String> owners = awaitRunning(ids, Duration.ofSeconds(60));
        System.out.printf("[figure] bots per node after creation: %s%n", perNode(owners));

        for (int k = 0; k < 6; k++) {
            market.publish(SYMBOL);
            awaitCandles(ids, market.published(SYMBOL), Duration.ofSeconds(30));
        }

        String victim = busiest(owners);
        List<String> moved = ids.stream().filter(id -> owners.get(id).equals(victim)).toList();
        DistributionProcess killed = nodes.remove(victim);
        long killedAt = System.nanoTime();
        killed.kill();
        killed.awaitExit(Duration.ofSeconds(10));
        Map<String, String> after = awaitRunning(moved, Duration.ofSeconds(LEASE_SECONDS + 30));
        long failoverMillis = (System.nanoTime() - killedAt) / 1_000_000;
        System.out.printf("[figure] failover of %d bots from %s (SIGKILL -> all RUNNING on %s): %d ms%n",
                moved.size(), victim, perNode(after), failoverMillis);
        assertTrue("failover took " + failoverMillis + " ms, more than leaseSeconds + 5 s",
                failoverMillis <= (LEASE_SECONDS + 5) * 1000L);
        after.values().forEach(node -> assertFalse(node.equals(victim)));

        for (int k = 0; k < 6; k++) {
            market.publish(SYMBOL);
            awaitCandles(ids, market.published(SYMBOL), Duration.ofSeconds(30));
        }
        awaitSettled(ids, Duration.ofSeconds(60));
        checkAgainstExchange(ids, market.published(SYMBOL));
        for (Map.Entry<String, DistributionProcess> node : nodes.entrySet()) {
            String text = new Api(node.getValue()).get("/metrics", TOKEN).body();
            assertTrue(text, text.contains("botfleet_cluster_leases_held{node=\"" + node.getKey() + "\"}"));
        }
    }

    /**
     * Fencing: a node frozen (SIGSTOP) past its lease loses its bots to the other node; resumed
     * (SIGCONT), it sends nothing for them and stands them down, while candles keep coming.
     */
    @Test
    public void aFrozenNodeResumedAfterItsBotsMovedSendsNothingAndStandsThemDown() throws Exception {
        postgres = TestPostgres.required();
        postgres.createSchema();
        fake = FakeBybitBots.fake();
        FakeBybitBots market = new FakeBybitBots(fake);
        for (String id : List.of("node-a", "node-b")) {
            nodes.put(id, startNode(id, market));
            nodes.get(id).awaitReady(START);
        }
        Api a = new Api(nodes.get("node-a"));
        long first = fake.followCandles(FakeBybitBots.STEP);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String id = "fz-" + i;
            Api.Reply created = a.post("/api/v1/bots", TOKEN, "{\"id\":\"" + id + "\",\"strategy\":{\"id\":"
                    + "\"sma-crossover\",\"version\":\"1.0.0\",\"params\":{\"fast\":2,\"slow\":4}},"
                    + "\"exchange\":{\"id\":\"bybit\",\"account\":\"" + FakeBybitBots.ACCOUNT + "\"},\"symbol\":\""
                    + SYMBOL + "\",\"interval\":\"1m\",\"risk\":{\"orderQty\":\"0.001\"},\"autoStart\":true}");
            assertEquals(created.toString(), 201, created.status());
            ids.add(id);
        }
        market.adopt(SYMBOL, ids, first);
        Map<String, String> owners = awaitRunning(ids, Duration.ofSeconds(60));
        for (int k = 0; k < 5; k++) {
            market.publish(SYMBOL);
            awaitCandles(ids, market.published(SYMBOL), Duration.ofSeconds(30));
        }
        String victim = busiest(owners);
        List<String> moved = ids.stream().filter(id -> owners.get(id).equals(victim)).toList();
        DistributionProcess frozen = nodes.remove(victim);
        frozen.signal("STOP");
        long stoppedAt = System.nanoTime();
        Map<String, String> after = awaitRunning(moved, Duration.ofSeconds(LEASE_SECONDS + 30));
        System.out.printf("[figure] take-over of %d bots from frozen %s: %d ms%n", moved.size(), victim,
                (System.nanoTime() - stoppedAt) / 1_000_000);
        after.values().forEach(node -> assertFalse(node.equals(victim)));
        for (int k = 0; k < 3; k++) {
            market.publish(SYMBOL);
            awaitCandles(ids, market.published(SYMBOL), Duration.ofSeconds(30));
        }

        frozen.signal("CONT");
        Api stale = new Api(frozen);
        for (int k = 0; k < 4; k++) { // candles reach the resumed node too, while it still thinks it runs them
            market.publish(SYMBOL);
            awaitCandles(ids, market.published(SYMBOL), Duration.ofSeconds(30));
        }
        FakeBybitBots.awaitTrue("the resumed node stood its old bots down", Duration.ofSeconds(20), () ->
                moved.stream().allMatch(id -> {
                    JsonNode b = stale.get("/api/v1/bots/" + id, TOKEN).json();
                    return b.path("node").isNull() && !"RUNNING".equals(b.path("state").asText());
                }));
        nodes.put(victim, frozen); // answering again; it runs none of them
        Map<String, String> end = awaitRunning(ids, Duration.ofSeconds(30));
        moved.forEach(id -> assertFalse(id + " back on the stale node", end.get(id).equals(victim)));
        awaitSettled(ids, Duration.ofSeconds(60));
        checkAgainstExchange(ids, market.published(SYMBOL));
    }

    /** Cluster mode on the default H2 database: exit status 1, one line saying why (no PostgreSQL needed). */
    @Test
    public void clusterModeOnH2IsRefusedAtStartWithOneLine() throws Exception {
        DistributionProcess server = DistributionProcess.builder("cluster-h2").withoutEtcFile("bots/demo-sma.json")
                .etcFile("io.botfleet.cluster.cfg", "enabled=true\nnodeId=node-h2\n").start();
        nodes.put("node-h2", server);
        assertEquals(server.logTail(30), 1, server.awaitExit(START));
        String line = null;
        for (String l : server.logText().split("\n")) {
            if (l.startsWith("botfleet: ERROR cannot start: ")) {
                line = l;
            }
        }
        assertTrue("refusal line: " + line + "\n" + server.logTail(30), line != null
                && line.contains("cluster mode needs PostgreSQL, but database jdbc:h2:file:")
                && line.contains("or enabled=false in io.botfleet.cluster"));
    }

    private DistributionProcess startNode(String id, FakeBybitBots market) throws IOException {
        return DistributionProcess.builder("cluster-" + id).withoutEtcFile("bots/demo-sma.json")
                .env("BOTFLEET_ADMIN_TOKEN", TOKEN).env("BOTFLEET_TOKEN_HASH_KEY", HASH_KEY)
                .etcFile("io.botfleet.persistence.cfg", "jdbcUrl=" + postgres.url() + "\n")
                .etcFile("io.botfleet.cluster.cfg", "enabled=true\nnodeId=" + id + "\nleaseSeconds=" + LEASE_SECONDS
                        + "\nrenewSeconds=3\n")
                .etcFile("io.botfleet.exchange.bybit-fake.cfg", market.accountCfg(5000))
                .start();
    }

    /** Each bot's status as the node that runs it answers (its {@code node} is that node's id), or null. */
    private JsonNode statusFromOwner(String botId) {
        for (Map.Entry<String, DistributionProcess> node : nodes.entrySet()) {
            JsonNode b = new Api(node.getValue()).get("/api/v1/bots/" + botId, TOKEN).json();
            if (node.getKey().equals(b.path("node").asText(null))) {
                return b;
            }
        }
        return null;
    }

    /** Waits until every bot is RUNNING on a live node; answers which. */
    private Map<String, String> awaitRunning(List<String> ids, Duration timeout) {
        Map<String, String> owners = new HashMap<>();
        FakeBybitBots.awaitTrue(ids.size() + " bots RUNNING on the live nodes", timeout, () -> {
            owners.clear();
            for (String id : ids) {
                JsonNode b = statusFromOwner(id);
                if (b == null || !"RUNNING".equals(b.path("state").asText())) {
                    return false;
                }
                owners.put(id, b.path("node").asText());
            }
            return true;
        });
        return Map.copyOf(owners);
    }

    private void awaitCandles(List<String> ids, int published, Duration timeout) {
        FakeBybitBots.awaitTrue("every bot processed candle " + published, timeout, () -> ids.stream().allMatch(id -> {
            JsonNode b = statusFromOwner(id);
            return b != null && b.path("counters").path("candles").asLong() >= published;
        }));
    }

    /** No order in flight, every execution of the venue applied (orders settle after a failover). */
    private void awaitSettled(List<String> ids, Duration timeout) {
        Api any = new Api(nodes.values().iterator().next());
        FakeBybitBots.awaitTrue("every bot settled with the venue", timeout, () -> {
            Set<String> applied = new HashSet<>();
            for (String id : ids) {
                for (JsonNode o : any.get("/api/v1/bots/" + id + "/orders?status=open&limit=1000", TOKEN).json()) {
                    if (o.path("status").asText().equals("PENDING_SEND")) {
                        return false;
                    }
                }
                any.get("/api/v1/bots/" + id + "/fills?limit=1000", TOKEN).json()
                        .forEach(f -> applied.add(f.path("execId").asText()));
            }
            Set<String> venue = new HashSet<>();
            fake.account().executions().forEach(e -> venue.add(e.execId()));
            return applied.equals(venue);
        });
    }

    /** The end checks against the venue's own records (orders and fills read from the shared journal). */
    private void checkAgainstExchange(List<String> ids, int published) {
        FakeAccount account = fake.account();
        Map<String, Integer> created = new HashMap<>();
        account.orders().forEach(o -> created.merge(o.orderLinkId, 1, Integer::sum));
        created.forEach((linkId, n) -> assertEquals("the venue created " + linkId + " once", 1, (int) n));
        assertFalse("the bots traded", created.isEmpty());
        Map<String, String> execOrder = new HashMap<>();
        account.executions().forEach(e -> execOrder.put(e.execId(), e.order().orderLinkId));
        Api any = new Api(nodes.values().iterator().next());
        Set<String> applied = new HashSet<>();
        Set<String> known = new HashSet<>();
        for (String id : ids) {
            JsonNode status = statusFromOwner(id);
            assertEquals(id + ": RUNNING on a live node", "RUNNING", status.path("state").asText());
            assertEquals(id + ": every candle processed once", published, status.path("counters").path("candles").asLong());
            for (JsonNode order : any.get("/api/v1/bots/" + id + "/orders?status=all&limit=1000", TOKEN).json()) {
                String cid = order.path("clientOrderId").asText();
                assertTrue(id + ": one journal entry per client order id " + cid, known.add(cid));
                if (order.path("status").asText().equals("NOT_SENT")) {
                    assertFalse(id + ": a NOT_SENT order never reached the venue: " + cid, created.containsKey(cid));
                }
            }
            BigDecimal position = BigDecimal.ZERO;
            for (JsonNode fill : any.get("/api/v1/bots/" + id + "/fills?limit=1000", TOKEN).json()) {
                String exec = fill.path("execId").asText();
                assertTrue(id + ": fill " + exec + " applied once", applied.add(exec));
                assertEquals(id + ": fill " + exec + " of the venue's order", execOrder.get(exec),
                        fill.path("clientOrderId").asText());
                BigDecimal qty = new BigDecimal(fill.path("qty").asText());
                position = position.add(fill.path("side").asText().equals("BUY") ? qty : qty.negate());
            }
            assertEquals(id + ": position = sum of fills", 0,
                    position.compareTo(new BigDecimal(status.path("position").path("qty").asText())));
        }
        for (String linkId : created.keySet()) {
            assertTrue("a bot knows the venue's order " + linkId, known.contains(linkId));
        }
        assertEquals("every execution of the venue is a fill of its bot, once", execOrder.keySet(), applied);
    }

    private static String busiest(Map<String, String> owners) {
        Map<String, Integer> count = perNode(owners);
        return count.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    private static Map<String, Integer> perNode(Map<String, String> owners) {
        Map<String, Integer> count = new LinkedHashMap<>();
        owners.values().forEach(n -> count.merge(n, 1, Integer::sum));
        return count;
    }
}
