package io.botfleet.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.distribution.DistributionProcess;
import io.botfleet.exchange.bybit.fake.FakeBybit;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The nodes of a cluster under test: distribution processes on one PostgreSQL database and the
 * fake Bybit (a venue every node reaches, which outlives the nodes and keeps the exchange's own
 * records), which node runs which bot (as the node running it answers), and the end checks
 * against the venue: no orderLinkId created twice, every execution applied once to its bot,
 * position = sum of fills, every candle processed once per bot.
 */
final class ClusterNodes implements AutoCloseable {

    static final String TOKEN = "cluster-admin-token-0123456789abcdef";
    private static final String HASH_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    private final Map<String, DistributionProcess> nodes = new LinkedHashMap<>();
    private final TestPostgres postgres;
    private final FakeBybit fake;
    private final FakeBybitBots market;
    private final int leaseSeconds;
    private final int renewSeconds;

    ClusterNodes(TestPostgres postgres, FakeBybit fake, FakeBybitBots market, int leaseSeconds, int renewSeconds) {
        this.postgres = postgres;
        this.fake = fake;
        this.market = market;
        this.leaseSeconds = leaseSeconds;
        this.renewSeconds = renewSeconds;
    }

    /** Starts node {@code id} and waits until it is ready (one at a time: the first creates the schema). */
    DistributionProcess start(String id, Duration timeout) throws IOException {
        return start(id, timeout, postgres.url());
    }

    /** {@link #start(String, Duration)} on the database at {@code jdbcUrl} (through a proxy, say). */
    DistributionProcess start(String id, Duration timeout, String jdbcUrl) throws IOException {
        DistributionProcess node = DistributionProcess.builder("cluster-" + id).withoutEtcFile("bots/demo-sma.json")
                .env("BOTFLEET_ADMIN_TOKEN", TOKEN).env("BOTFLEET_TOKEN_HASH_KEY", HASH_KEY)
                .etcFile("io.botfleet.persistence.cfg", "jdbcUrl=" + jdbcUrl + "\n")
                .etcFile("io.botfleet.cluster.cfg", "enabled=true\nnodeId=" + id + "\nleaseSeconds=" + leaseSeconds
                        + "\nrenewSeconds=" + renewSeconds + "\n")
                .etcFile("io.botfleet.exchange.bybit-fake.cfg", market.accountCfg(5000))
                .start();
        nodes.put(id, node);
        node.awaitReady(timeout);
        return node;
    }

    DistributionProcess node(String id) {
        return nodes.get(id);
    }

    /** A node answering again (resumed after a freeze): looked up like the others. */
    void add(String id, DistributionProcess node) {
        nodes.put(id, node);
    }

    /**
     * Creates {@code count} SMA 2/4 and 2/5 bots on the fake Bybit through node {@code on}
     * (autoStart: each runs where its lease is) and takes them into the market's bookkeeping.
     */
    List<String> createBots(String on, String symbol, String prefix, int count) {
        long first = fake.followCandles(FakeBybitBots.STEP);
        List<String> created = new ArrayList<>();
        for (String id : ids(prefix, count)) {
            Api.Reply reply = api(on).post("/api/v1/bots", TOKEN, "{\"id\":\"" + id + "\",\"strategy\":{\"id\":"
                    + "\"sma-crossover\",\"version\":\"1.0.0\",\"params\":{\"fast\":2,\"slow\":" + (4 + created.size() % 2)
                    + "}},\"exchange\":{\"id\":\"bybit\",\"account\":\"" + FakeBybitBots.ACCOUNT + "\"},\"symbol\":\""
                    + symbol + "\",\"interval\":\"1m\",\"risk\":{\"orderQty\":\"0.001\"},\"autoStart\":true}");
            assertEquals(reply.toString(), 201, reply.status());
            created.add(id);
        }
        market.adopt(symbol, created, first);
        return created;
    }

    /** The ids of the nodes in the cluster. */
    List<String> ids() {
        return List.copyOf(nodes.keySet());
    }

    /** The node no longer answers for bots (stopped or stopping): left out of every look-up. */
    DistributionProcess remove(String id) {
        return nodes.remove(id);
    }

    Api api(String id) {
        return new Api(nodes.get(id));
    }

    /** Any node still in the cluster. */
    Api any() {
        return new Api(nodes.values().iterator().next());
    }

    /** Each bot's status as the node that runs it answers (its {@code node} is that node's id), or null. */
    JsonNode statusFromOwner(String botId) {
        for (Map.Entry<String, DistributionProcess> node : nodes.entrySet()) {
            JsonNode b = new Api(node.getValue()).get("/api/v1/bots/" + botId, TOKEN).json();
            if (node.getKey().equals(b.path("node").asText(null))) {
                return b;
            }
        }
        return null;
    }

    /** Which node runs each bot RUNNING now (bots not RUNNING anywhere are left out). */
    Map<String, String> owners(List<String> ids) {
        Map<String, String> owners = new HashMap<>();
        for (String id : ids) {
            JsonNode b = statusFromOwner(id);
            if (b != null && "RUNNING".equals(b.path("state").asText())) {
                owners.put(id, b.path("node").asText());
            }
        }
        return owners;
    }

    /** Waits until every bot is RUNNING on a node of the cluster; answers which. */
    Map<String, String> awaitRunning(List<String> ids, Duration timeout) {
        Map<String, String> owners = new HashMap<>();
        FakeBybitBots.awaitTrue(ids.size() + " bots RUNNING on the live nodes", timeout, () -> {
            owners.clear();
            owners.putAll(owners(ids));
            return owners.size() == ids.size();
        });
        return Map.copyOf(owners);
    }

    /** Waits until every bot processed {@code published} candles, on the node that runs it. */
    void awaitCandles(List<String> ids, int published, Duration timeout) {
        FakeBybitBots.awaitTrue("every bot processed candle " + published, timeout, () -> ids.stream().allMatch(id -> {
            JsonNode b = statusFromOwner(id);
            return b != null && b.path("counters").path("candles").asLong() >= published;
        }));
    }

    /** The node's row in {@code GET /api/v1/cluster/nodes}, as {@code askedOf} answers. */
    JsonNode nodeRow(String askedOf, String nodeId) {
        for (JsonNode n : api(askedOf).get("/api/v1/cluster/nodes", TOKEN).json().path("nodes")) {
            if (n.path("id").asText().equals(nodeId)) {
                return n;
            }
        }
        return null;
    }

    /** No order in flight, every execution of the venue applied (orders settle after a move). */
    void awaitSettled(List<String> ids, Duration timeout) {
        Api any = any();
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
    void checkAgainstExchange(List<String> ids, int published) {
        assertFalse("the bots traded", fake.account().orders().isEmpty());
        Api any = any();
        List<VenueLedger.BotBooks> books = new ArrayList<>();
        for (String id : ids) {
            JsonNode status = statusFromOwner(id);
            assertEquals(id + ": RUNNING on a live node", "RUNNING", status.path("state").asText());
            books.add(VenueLedger.BotBooks.read(any, TOKEN, id, status, published));
        }
        VenueLedger.check(fake.account(), books);
    }

    /** How many bots each node runs. */
    static Map<String, Integer> perNode(Map<String, String> owners) {
        Map<String, Integer> count = new LinkedHashMap<>();
        owners.values().forEach(n -> count.merge(n, 1, Integer::sum));
        return count;
    }

    /** Bot ids in creation order. */
    static List<String> ids(String prefix, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(prefix + "-" + i);
        }
        return ids;
    }

    @Override
    public void close() {
        nodes.values().forEach(DistributionProcess::close);
    }
}
