package io.botfleet.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.distribution.DistributionProcess;
import io.botfleet.exchange.bybit.fake.FakeBybit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.After;
import org.junit.Test;

/**
 * Planned moves in a cluster of real processes on one PostgreSQL database, with bots trading a
 * candle stream on the fake Bybit: a node joining is given its share a few bots at a time by the
 * busiest; a node told to drain ({@code POST /api/v1/cluster/nodes/{id}/drain}) hands all its bots
 * over and is DRAINED, and taken back into service gets its share back; a node stopped with
 * SIGTERM while another has room hands its bots over before it exits. Candles keep coming during every move; at the end, against the venue's own
 * records, every candle was processed once per bot, no orderLinkId was created twice and every
 * execution is applied once.
 */
public class ClusterDrainIT {

    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration CANDLE = Duration.ofSeconds(30);
    private static final int LEASE_SECONDS = 10;
    private static final int RENEW_SECONDS = 2;
    private static final int BOTS = 6;
    private static final String SYMBOL = "BTCUSDT";
    private static final String TOKEN = ClusterNodes.TOKEN;

    private TestPostgres postgres;
    private FakeBybit fake;
    private ClusterNodes cluster;
    private FakeBybitBots market;
    private List<String> ids;

    @After
    public void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (fake != null) {
            fake.close();
        }
        if (postgres != null) {
            postgres.dropSchema();
        }
    }

    @Test
    public void aJoiningNodeTakesItsShareADrainedNodeAndAStoppedOneHandEveryBotOverAndNoCandleIsLostOrRepeated()
            throws Exception {
        postgres = TestPostgres.required();
        postgres.createSchema();
        fake = FakeBybitBots.fake();
        market = new FakeBybitBots(fake);
        cluster = new ClusterNodes(postgres, fake, market, LEASE_SECONDS, RENEW_SECONDS);
        cluster.start("node-a", START);
        cluster.start("node-b", START);
        ids = cluster.createBots("node-a", SYMBOL, "dr", BOTS);
        Map<String, String> owners = cluster.awaitRunning(ids, Duration.ofSeconds(60));
        assertEquals("two nodes, three bots each: " + owners, Map.of("node-a", 3, "node-b", 3),
                ClusterNodes.perNode(owners));
        drive(3);

        // a node joins: the busiest hands it a share, a few bots a round, while candles keep coming
        cluster.start("node-c", START);
        long joined = System.nanoTime();
        driveUntil("node-c runs its share", Duration.ofSeconds(60),
                () -> ClusterNodes.perNode(cluster.owners(ids)).equals(Map.of("node-a", 2, "node-b", 2, "node-c", 2)));
        System.out.printf("[figure] join: node-c ran its share (2 of 6 bots) %d ms after it was ready%n",
                (System.nanoTime() - joined) / 1_000_000);
        everyNodeAnswersForEveryBotAsItsOwnerDoes();

        // drain node-a, asked of node-b with botfleetctl, as the rolling upgrade procedure does
        Api.Reply refused = cluster.api("node-b").post("/api/v1/cluster/nodes/node-x/drain", TOKEN, "");
        Api.assertProblem(refused, 404);
        long drainAsked = System.nanoTime();
        Botfleetctl.Run drain = Botfleetctl.run(Botfleetctl.env(cluster.node("node-b"), TOKEN), "drain", "node-a");
        assertEquals(drain.toString(), 0, drain.status());
        assertTrue(drain.toString(), drain.out().matches("node node-a is (DRAINING: it hands its [0-2] bots over to "
                + "the other nodes|DRAINED: it runs no bot)\n")); // node-a may have drained before the answer
        List<String> fromA = ids.stream().filter(id -> "node-a".equals(cluster.owners(ids).get(id))).toList();
        driveUntil("node-a DRAINED, its bots RUNNING on the others", Duration.ofSeconds(60), () -> {
            JsonNode a = cluster.nodeRow("node-b", "node-a");
            Map<String, String> now = cluster.owners(ids);
            return "DRAINED".equals(a.path("state").asText()) && a.path("botsHeld").asInt() == 0
                    && now.size() == BOTS && !now.containsValue("node-a");
        });
        System.out.printf("[figure] drain of node-a (%d bots): DRAINED, all RUNNING elsewhere %d ms after the request%n",
                2, (System.nanoTime() - drainAsked) / 1_000_000);
        assertEquals(Map.of("node-b", 3, "node-c", 3), ClusterNodes.perNode(cluster.owners(ids)));
        Botfleetctl.Run listed = Botfleetctl.run(Botfleetctl.env(cluster.node("node-c"), TOKEN), "nodes");
        assertEquals(listed.toString(), 0, listed.status());
        assertTrue(listed.toString(), listed.out().matches("(?s).*\nnode-a +DRAINED +0 .*\nnode-c \\* +ACTIVE +3 .*"));
        JsonNode drained = cluster.api("node-a").get("/api/v1/cluster/nodes", TOKEN).json();
        assertEquals(drained.toString(), "node-a", drained.path("node").asText());
        Api.Reply again = cluster.api("node-c").post("/api/v1/cluster/nodes/node-a/drain", TOKEN, "");
        assertEquals(again.toString(), "DRAINED", again.json().path("state").asText());
        drive(2);
        assertFalse("the drained node took nothing back", cluster.owners(ids).containsValue("node-a"));

        // SIGTERM of node-b while node-c has room: it hands its bots over before it exits
        List<String> fromB = ids.stream().filter(id -> "node-b".equals(cluster.owners(ids).get(id))).toList();
        DistributionProcess b = cluster.node("node-b");
        long terminated = System.nanoTime();
        b.terminate();
        market.publish(SYMBOL); // while it drains
        assertEquals(b.logTail(60), 0, b.awaitExit(Duration.ofSeconds(20)));
        long exitMillis = (System.nanoTime() - terminated) / 1_000_000;
        cluster.remove("node-b");
        assertTrue(b.logTail(60), b.logText().contains("node node-b: other nodes run the 3 bots it handed over"));
        Map<String, String> end = cluster.awaitRunning(ids, Duration.ofSeconds(10));
        System.out.printf("[figure] SIGTERM of node-b (3 bots): exit 0 after %d ms, its bots already run elsewhere%n",
                exitMillis);
        assertEquals(Map.of("node-c", BOTS), ClusterNodes.perNode(end));
        cluster.awaitCandles(ids, market.published(SYMBOL), CANDLE);
        JsonNode noRoom = Api.assertProblem(cluster.api("node-c").post("/api/v1/cluster/nodes/node-c/drain", TOKEN, ""),
                409);
        assertTrue(noRoom.toString(), noRoom.path("detail").asText().contains("the other ACTIVE nodes cannot run"));
        drive(2);

        cluster.awaitSettled(ids, Duration.ofSeconds(60));
        cluster.checkAgainstExchange(ids, market.published(SYMBOL));
        handOverPauses(fromA, fromB);
        String metrics = cluster.api("node-c").get("/metrics", TOKEN).body();
        assertTrue(metrics, handOversIn(metrics, "node-c") >= 1 + 1 + 3);

        // node-a, DRAINED and still up, taken back into service without a restart: given its share
        Api.assertProblem(cluster.api("node-c").post("/api/v1/cluster/nodes/node-b/activate", TOKEN, ""), 409);
        long activated = System.nanoTime();
        Botfleetctl.Run back = Botfleetctl.run(Botfleetctl.env(cluster.node("node-c"), TOKEN), "activate", "node-a");
        assertEquals(back.toString(), 0, back.status());
        assertEquals("node node-a is ACTIVE: it is given its share of the bots\n", back.out());
        driveUntil("node-a runs its share again", Duration.ofSeconds(60),
                () -> ClusterNodes.perNode(cluster.owners(ids)).equals(Map.of("node-a", 3, "node-c", 3)));
        System.out.printf("[figure] node-a taken back into service: it ran its share (3 of 6 bots) %d ms after "
                + "the request%n", (System.nanoTime() - activated) / 1_000_000);
        drive(2);
        cluster.awaitSettled(ids, Duration.ofSeconds(60));
        cluster.checkAgainstExchange(ids, market.published(SYMBOL));
    }

    /**
     * A bot's status and its commands, asked of a node that does not run it, are answered by the
     * node that does (forwarded with the caller's token); the figure is the price of that hop.
     */
    private void everyNodeAnswersForEveryBotAsItsOwnerDoes() {
        String bot = cluster.owners(ids).entrySet().stream().filter(e -> e.getValue().equals("node-a"))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        for (String asked : List.of("node-b", "node-c")) {
            Api.Reply status = cluster.api(asked).get("/api/v1/bots/" + bot, TOKEN);
            assertEquals(status.toString(), 200, status.status());
            assertEquals(status.toString(), "node-a", status.json().path("node").asText());
            assertEquals(status.toString(), "RUNNING", status.json().path("state").asText());
            assertEquals("node-a", status.header("X-Botfleet-Answered-By"));
        }
        Map<String, String> owners = cluster.owners(ids);
        for (JsonNode listed : cluster.api("node-c").get("/api/v1/bots", TOKEN).json()) {
            String id = listed.path("id").asText();
            assertEquals(listed.toString(), owners.get(id), listed.path("node").asText());
            assertEquals(listed.toString(), "RUNNING", listed.path("state").asText());
        }
        Api.Reply paused = cluster.api("node-b").post("/api/v1/bots/" + bot + "/pause", TOKEN, "");
        assertEquals(paused.toString(), 200, paused.status());
        assertEquals(paused.toString(), "PAUSED", paused.json().path("state").asText());
        assertEquals("PAUSED", cluster.api("node-a").get("/api/v1/bots/" + bot, TOKEN).json().path("state").asText());
        Api.Reply resumed = cluster.api("node-c").post("/api/v1/bots/" + bot + "/resume", TOKEN, "");
        assertEquals(resumed.toString(), "RUNNING", resumed.json().path("state").asText());
        assertEquals("node-a", resumed.json().path("node").asText());
        long[] owner = new long[25];
        long[] other = new long[25];
        for (int i = 0; i < owner.length; i++) {
            owner[i] = timed(() -> cluster.api("node-a").get("/api/v1/bots/" + bot, TOKEN));
            other[i] = timed(() -> cluster.api("node-b").get("/api/v1/bots/" + bot, TOKEN));
        }
        System.out.printf("[figure] GET /api/v1/bots/{id}, median of %d: on its owner %.2f ms, on another node "
                + "(forwarded) %.2f ms%n", owner.length, median(owner) / 1e6, median(other) / 1e6);
    }

    private static long timed(Runnable call) {
        long began = System.nanoTime();
        call.run();
        return System.nanoTime() - began;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Publishes {@code n} candles, each once every bot processed the one before. */
    private void drive(int n) {
        for (int k = 0; k < n; k++) {
            market.publish(SYMBOL);
            cluster.awaitCandles(ids, market.published(SYMBOL), CANDLE);
        }
    }

    /** Publishes candles, each once every bot processed the one before, until {@code done} holds. */
    private void driveUntil(String what, Duration timeout, BooleanSupplier done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + ": bots per node "
                        + ClusterNodes.perNode(cluster.owners(ids)));
            }
            drive(1);
        }
    }

    /**
     * Each moved bot's pause: from its "handed over" event (journaled by the old node before its
     * checkpoint) to its next RUNNING event (the new node, after recovery and candle catch-up).
     */
    private void handOverPauses(List<String> fromA, List<String> fromB) {
        List<Long> pauses = new ArrayList<>();
        for (String id : ids) {
            List<JsonNode> events = new ArrayList<>();
            cluster.any().get("/api/v1/bots/" + id + "/events?limit=1000", TOKEN).json().forEach(events::add);
            Collections.reverse(events); // oldest first
            Instant handedOver = null;
            int moves = 0;
            for (JsonNode e : events) {
                String message = e.path("message").asText();
                if (message.startsWith("handed over: ")) {
                    handedOver = Instant.parse(e.path("time").asText());
                } else if (handedOver != null && message.startsWith("RUNNING with strategy")) {
                    pauses.add(Duration.between(handedOver, Instant.parse(e.path("time").asText())).toMillis());
                    handedOver = null;
                    moves++;
                }
            }
            assertTrue(id + ": a hand-over not followed by a RUNNING start", handedOver == null);
            if (fromA.contains(id) || fromB.contains(id)) {
                assertTrue(id + " was handed over", moves >= 1);
            }
        }
        Collections.sort(pauses);
        assertFalse(pauses.isEmpty());
        System.out.printf("[figure] hand-over pause per bot (%d moves): p50 %d ms, max %d ms%n", pauses.size(),
                pauses.get(pauses.size() / 2), pauses.get(pauses.size() - 1));
    }

    private static double handOversIn(String metrics, String node) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith("botfleet_cluster_handovers_total{") && line.contains("direction=\"in\"")
                    && line.contains("node=\"" + node + "\"")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no hand-overs in of " + node + " in\n" + metrics);
    }
}
