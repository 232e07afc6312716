package io.botfleet.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.distribution.DistributionProcess;
import io.botfleet.exchange.bybit.fake.FakeBybit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    private static final String TOKEN = ClusterNodes.TOKEN;

    private ClusterNodes nodes;
    private DistributionProcess h2Node;
    /** The node a fencing test freezes or cuts off, kept here from the moment it is out of {@link #nodes}. */
    private DistributionProcess frozenNode;
    private TestPostgres postgres;
    private FakeBybit fake;
    /** The database proxy of the node the cut test cuts off. */
    private CuttableProxy proxy;

    @After
    public void stop() throws Exception {
        if (nodes != null) {
            nodes.close();
        }
        if (h2Node != null) {
            h2Node.close();
        }
        if (frozenNode != null) {
            frozenNode.close(); // SIGKILL ends a stopped process too; it would hold its locks otherwise
        }
        if (proxy != null) {
            proxy.close();
        }
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
        nodes = new ClusterNodes(postgres, fake, market, LEASE_SECONDS, 3);
        for (String id : List.of("node-a", "node-b", "node-c")) {
            nodes.start(id, START); // one after the other: the first creates the schema
        }
        Api a = nodes.api("node-a");
        JsonNode listed = a.get("/api/v1/cluster/nodes", TOKEN).json();
        assertEquals(listed.toString(), 3, listed.path("nodes").size());

        List<String> ids = nodes.createBots("node-a", SYMBOL, "cl", BOTS);
        Map<String, String> owners = nodes.awaitRunning(ids, Duration.ofSeconds(60));
        System.out.printf("[figure] bots per node after creation: %s%n", ClusterNodes.perNode(owners));

        for (int k = 0; k < 6; k++) {
            market.publish(SYMBOL);
            nodes.awaitCandles(ids, market.published(SYMBOL), Duration.ofSeconds(30));
        }

        String victim = busiest(owners);
        List<String> moved = ids.stream().filter(id -> owners.get(id).equals(victim)).toList();
        DistributionProcess killed = nodes.remove(victim);
        long killedAt = System.nanoTime();
        killed.kill();
        killed.awaitExit(Duration.ofSeconds(10));
        Map<String, String> after = nodes.awaitRunning(moved, Duration.ofSeconds(LEASE_SECONDS + 30));
        long failoverMillis = (System.nanoTime() - killedAt) / 1_000_000;
        System.out.printf("[figure] failover of %d bots from %s (SIGKILL -> all RUNNING on %s): %d ms%n",
                moved.size(), victim, ClusterNodes.perNode(after), failoverMillis);
        assertTrue("failover took " + failoverMillis + " ms, more than leaseSeconds + 5 s",
                failoverMillis <= (LEASE_SECONDS + 5) * 1000L);
        after.values().forEach(node -> assertFalse(node.equals(victim)));

        for (int k = 0; k < 6; k++) {
            market.publish(SYMBOL);
            nodes.awaitCandles(ids, market.published(SYMBOL), Duration.ofSeconds(30));
        }
        nodes.awaitSettled(ids, Duration.ofSeconds(60));
        nodes.checkAgainstExchange(ids, market.published(SYMBOL));
        for (String node : nodes.ids()) {
            String text = nodes.api(node).get("/metrics", TOKEN).body();
            assertTrue(text, text.contains("botfleet_cluster_leases_held{node=\"" + node + "\"}"));
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
        nodes = new ClusterNodes(postgres, fake, market, LEASE_SECONDS, 3);
        for (String id : List.of("node-a", "node-b")) {
            nodes.start(id, START);
        }
        List<String> ids = nodes.createBots("node-a", SYMBOL, "fz", 4);
        Map<String, String> owners = nodes.awaitRunning(ids, Duration.ofSeconds(60));
        for (int k = 0; k < 5; k++) {
            market.publish(SYMBOL);
            nodes.awaitCandles(ids, market.published(SYMBOL), Duration.ofSeconds(30));
        }
        String victim = busiest(owners);
        List<String> moved = ids.stream().filter(id -> owners.get(id).equals(victim)).toList();
        DistributionProcess frozen = nodes.remove(victim);
        frozenNode = frozen;
        frozen.signal("STOP");
        long stoppedAt = System.nanoTime();
        Map<String, String> after = nodes.awaitRunning(moved, Duration.ofSeconds(LEASE_SECONDS + 30));
        System.out.printf("[figure] take-over of %d bots from frozen %s: %d ms%n", moved.size(), victim,
                (System.nanoTime() - stoppedAt) / 1_000_000);
        after.values().forEach(node -> assertFalse(node.equals(victim)));
        for (int k = 0; k < 3; k++) {
            market.publish(SYMBOL);
            nodes.awaitCandles(ids, market.published(SYMBOL), Duration.ofSeconds(30));
        }

        frozen.signal("CONT");
        for (int k = 0; k < 4; k++) { // candles reach the resumed node too, while it still thinks it runs them
            market.publish(SYMBOL);
            nodes.awaitCandles(ids, market.published(SYMBOL), Duration.ofSeconds(30));
        }
        // its own account (asked of it, a bot's status is the new owner's answer, forwarded)
        FakeBybitBots.awaitTrue("the resumed node stood its old bots down", Duration.ofSeconds(20), () ->
                moved.stream().allMatch(id -> frozen.logText().contains("bot " + id + " stands down")));
        nodes.add(victim, frozen); // answering again, and balancing may give it bots back under new leases
        frozenNode = null;
        nodes.awaitRunning(ids, Duration.ofSeconds(30));
        nodes.awaitSettled(ids, Duration.ofSeconds(60));
        nodes.checkAgainstExchange(ids, market.published(SYMBOL));
    }

    /**
     * Fencing through the database: a node cut from it (a proxy it reaches PostgreSQL through is
     * cut) can commit nothing, hence send nothing; its bots' leases lapse and the other node takes
     * them while candles keep coming to both. Reconnected, the cut-off node finds its leases gone and
     * stands those bots down; against the venue's records nothing was sent twice or lost.
     */
    @Test
    public void aNodeCutFromTheDatabaseLosesItsBotsToTheOtherAndSendsNothingForThem() throws Exception {
        postgres = TestPostgres.required();
        postgres.createSchema();
        fake = FakeBybitBots.fake();
        FakeBybitBots market = new FakeBybitBots(fake);
        nodes = new ClusterNodes(postgres, fake, market, LEASE_SECONDS, 3);
        proxy = new CuttableProxy(postgres.host(), postgres.port());
        nodes.start("node-a", START); // creates the schema
        nodes.start("node-b", START, postgres.urlThrough(proxy.port()));
        List<String> ids = nodes.createBots("node-a", SYMBOL, "cut", 4);
        Map<String, String> owners = nodes.awaitRunning(ids, Duration.ofSeconds(60));
        for (int k = 0; k < 5; k++) {
            market.publish(SYMBOL);
            nodes.awaitCandles(ids, market.published(SYMBOL), Duration.ofSeconds(30));
        }
        List<String> cutOff = ids.stream().filter(id -> owners.get(id).equals("node-b")).toList();
        assertFalse("node-b runs some of the bots: " + owners, cutOff.isEmpty());
        DistributionProcess b = nodes.remove("node-b");
        frozenNode = b;
        proxy.cut();
        long cutAt = System.nanoTime();
        market.publish(SYMBOL); // reaches node-b's bots too, which can commit nothing
        Map<String, String> after = nodes.awaitRunning(cutOff, Duration.ofSeconds(LEASE_SECONDS + 30));
        System.out.printf("[figure] take-over of %d bots from node-b cut from the database: %d ms%n", cutOff.size(),
                (System.nanoTime() - cutAt) / 1_000_000);
        after.values().forEach(node -> assertEquals("node-a", node));
        for (int k = 0; k < 3; k++) {
            market.publish(SYMBOL);
            nodes.awaitCandles(ids, market.published(SYMBOL), Duration.ofSeconds(30));
        }

        proxy.restore();
        FakeBybitBots.awaitTrue("node-b, reconnected, stood its old bots down", Duration.ofSeconds(30), () ->
                cutOff.stream().allMatch(id -> b.logText().contains("bot " + id + " stands down")));
        nodes.add("node-b", b); // answering again, and balancing may give it bots back under new leases
        frozenNode = null;
        for (int k = 0; k < 2; k++) {
            market.publish(SYMBOL);
            nodes.awaitCandles(ids, market.published(SYMBOL), Duration.ofSeconds(30));
        }
        nodes.awaitRunning(ids, Duration.ofSeconds(30));
        nodes.awaitSettled(ids, Duration.ofSeconds(60));
        nodes.checkAgainstExchange(ids, market.published(SYMBOL));
    }

    /** Cluster mode on the default H2 database: exit status 1, one line saying why (no PostgreSQL needed). */
    @Test
    public void clusterModeOnH2IsRefusedAtStartWithOneLine() throws Exception {
        DistributionProcess server = DistributionProcess.builder("cluster-h2").withoutEtcFile("bots/demo-sma.json")
                .etcFile("io.botfleet.cluster.cfg", "enabled=true\nnodeId=node-h2\n").start();
        h2Node = server;
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

    private static String busiest(Map<String, String> owners) {
        Map<String, Integer> count = ClusterNodes.perNode(owners);
        return count.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }
}
