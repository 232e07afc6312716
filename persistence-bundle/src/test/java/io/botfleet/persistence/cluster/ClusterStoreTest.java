package io.botfleet.persistence.cluster;

import static io.botfleet.persistence.testing.Fixtures.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeFalse;

import io.botfleet.api.bot.BotEvent;
import io.botfleet.api.bot.BotOrder;
import io.botfleet.api.cluster.BotLease;
import io.botfleet.api.cluster.BotOwner;
import io.botfleet.api.cluster.ClusterNode;
import io.botfleet.api.cluster.LeaseLostException;
import io.botfleet.api.store.StoreException;
import io.botfleet.persistence.JdbcStores;
import io.botfleet.persistence.testing.Fixtures;
import io.botfleet.persistence.testing.StoreTestBase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Nodes and bot leases on PostgreSQL, two nodes played by two sets of stores on one database,
 * and the journal's lease fence: a node that lost a bot's lease commits nothing for it.
 */
public class ClusterStoreTest extends StoreTestBase {

    /** Short, so that tests can wait for an expiry. */
    private static final int LEASE_SECONDS = 1;

    private JdbcStores other;
    private JdbcClusterStore a;
    private JdbcClusterStore b;

    @Before
    public void twoNodes() {
        assumeFalse("cluster mode is PostgreSQL only (its refusal of H2: ClusterModeTest)", target.isH2());
        a = stores.fenceAsNode("node-a", LEASE_SECONDS);
        other = target.open();
        b = other.fenceAsNode("node-b", LEASE_SECONDS);
    }

    @After
    public void closeOther() {
        if (other != null) {
            other.close();
        }
    }

    @Test
    public void aLiveLeaseIsOneNodesUntilItExpiresThenTheNextEpochIsAnothers() throws Exception {
        BotLease first = a.acquire("bot-1").orElseThrow();
        assertEquals("node-a", first.ownerNode());
        assertEquals(1, first.epoch());
        assertEquals(Optional.empty(), b.acquire("bot-1"));
        assertEquals(List.of("bot-2"), b.unheld(List.of("bot-1", "bot-2")));
        assertEquals("a's own live lease is only renewed", 1, a.acquire("bot-1").orElseThrow().epoch());

        BotLease taken = waitToAcquire(b, "bot-1");
        assertEquals("node-b", taken.ownerNode());
        assertEquals("a change of owner is the next epoch", 2, taken.epoch());
        assertFalse("a's renewal finds it gone", a.renewAll().containsKey("bot-1"));
        assertEquals(Map.of(), a.held());
        assertEquals(Set.of("bot-1"), b.held().keySet());
    }

    @Test
    public void aBotsOwnerIsTheNodeHoldingItsLiveLeaseWithTheUrlItAdvertises() {
        a.join("http://a:8080", "1.0.0");
        b.join("http://b:8080", "1.0.0");
        assertEquals(Optional.empty(), b.owner("bot-1"));
        a.acquire("bot-1").orElseThrow();
        assertEquals(Optional.of(new BotOwner("bot-1", "node-a", "http://a:8080")), b.owner("bot-1"));
        assertEquals(Optional.of(new BotOwner("bot-1", "node-a", "http://a:8080")), a.owner("bot-1"));
        a.release("bot-1");
        assertEquals("a lease given up has no owner", Optional.empty(), b.owner("bot-1"));
        b.acquire("bot-1").orElseThrow();
        assertEquals(Optional.of(new BotOwner("bot-1", "node-b", "http://b:8080")), a.owner("bot-1"));
    }

    @Test
    public void oneRenewalKeepsEveryLeaseOfTheNode() throws Exception {
        for (String bot : List.of("bot-1", "bot-2", "bot-3")) {
            a.acquire(bot).orElseThrow();
        }
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2_500);
        while (System.nanoTime() < until) {
            Map<String, BotLease> renewed = a.renewAll();
            assertEquals(Set.of("bot-1", "bot-2", "bot-3"), renewed.keySet());
            assertEquals(List.of(), b.unheld(List.of("bot-1", "bot-2", "bot-3")));
            assertEquals(Optional.empty(), b.acquire("bot-2"));
            Thread.sleep(200);
        }
        renewedEpochsUnchanged(a.held());
    }

    @Test
    public void aReleasedLeaseIsFreeAtOnce() {
        a.acquire("bot-1").orElseThrow();
        a.release("bot-1");
        assertEquals(Map.of(), a.held());
        assertEquals(2, b.acquire("bot-1").orElseThrow().epoch());
    }

    @Test
    public void aNodeWritesForTheBotsItHoldsAndNothingOnceAnotherTookOne() throws Exception {
        a.acquire("bot-1").orElseThrow();
        a.acquire("bot-2").orElseThrow();
        await(stores.journal().commitCandle(Fixtures.progress("bot-1", 1, 2), List.of(Fixtures.intent("bot-1", "b1-1"))));

        waitToAcquire(b, "bot-1");
        a.renewAll(); // bot-2 stays a's; a has not noticed bot-1 yet: its renewal just lost it
        CompletableFuture<Void> stale = stores.journal().commitCandle(Fixtures.progress("bot-1", 2, 3),
                List.of(Fixtures.intent("bot-1", "b1-2"))).toCompletableFuture();
        CompletableFuture<Void> kept = stores.journal().commitCandle(Fixtures.progress("bot-2", 1, 2),
                List.of(Fixtures.intent("bot-2", "b2-1"))).toCompletableFuture();
        expectLeaseLost(stale, "bot-1");
        kept.get(30, TimeUnit.SECONDS);

        assertEquals(List.of("b1-1"), orderIds(other, "bot-1"));
        assertEquals(1, other.journal().progress("bot-1").orElseThrow().counters().candles());
        await(other.journal().commitCandle(Fixtures.progress("bot-1", 2, 3), List.of(Fixtures.intent("bot-1", "b1-2"))));
        assertEquals(List.of("b1-1", "b1-2"), orderIds(stores, "bot-1"));
    }

    @Test
    public void theLeaseIsCheckedInTheDatabaseNotOnlyInMemory() throws Exception {
        a.acquire("bot-1").orElseThrow();
        waitToAcquire(b, "bot-1"); // a did not renew: it still believes it holds epoch 1
        assertEquals(Set.of("bot-1"), a.held().keySet());
        expectLeaseLost(stores.journal().appendEvent(new BotEvent("bot-1", Fixtures.T0,
                BotEvent.Type.LIFECYCLE, "stale")).toCompletableFuture(), "bot-1");
        assertEquals("the fence forgot the lost lease", Map.of(), a.held());
    }

    @Test
    public void aBotWithoutALeaseOfThisNodeWritesNothing() throws Exception {
        expectLeaseLost(stores.journal().commitCandle(Fixtures.progress("bot-9", 1, 2),
                List.of(Fixtures.intent("bot-9", "b9-1"))).toCompletableFuture(), "bot-9");
        assertEquals(Optional.empty(), stores.journal().progress("bot-9"));
    }

    /**
     * What makes the fence hold: a journal transaction reads the bot's lease row FOR SHARE, and a
     * take-over of that lease waits until it has committed, so the new owner's recovery sees it.
     */
    @Test
    public void aTakeOverWaitsForTheJournalTransactionThatCheckedTheLease() throws Exception {
        a.acquire("bot-1").orElseThrow();
        Thread.sleep(TimeUnit.SECONDS.toMillis(LEASE_SECONDS) + 200); // expired, nobody took it yet
        try (Connection journalTx = target.connect()) {
            journalTx.setAutoCommit(false);
            try (PreparedStatement st = journalTx.prepareStatement(
                    "SELECT bot_id FROM bot_leases WHERE bot_id = 'bot-1' FOR SHARE")) {
                st.executeQuery().close();
            }
            CompletableFuture<Optional<BotLease>> takeOver = CompletableFuture.supplyAsync(() -> b.acquire("bot-1"));
            try {
                takeOver.get(700, TimeUnit.MILLISECONDS);
                fail("the take-over did not wait for the transaction holding the lease row");
            } catch (TimeoutException expected) {
                // waiting, as it must
            }
            journalTx.commit();
            assertEquals(2, takeOver.get(10, TimeUnit.SECONDS).orElseThrow().epoch());
        }
    }

    /**
     * A node frozen (SIGSTOP, a long GC pause) inside a journal transaction that checked its
     * lease holds the lease row FOR SHARE: PostgreSQL ends that transaction once it has been idle
     * for the lease, so the take-over waits for it no longer than that, and the frozen node's
     * commit fails (nothing committed, so nothing sent).
     */
    @Test
    public void aJournalTransactionFrozenPastItsLeaseHoldsOffNoTakeOverForGood() throws Exception {
        a.acquire("bot-1").orElseThrow();
        try (Connection frozen = target.connect()) {
            frozen.setAutoCommit(false);
            assertEquals(Map.of(), a.fence().refused(frozen, Set.of("bot-1")));
            CompletableFuture<BotLease> takeOver = CompletableFuture.supplyAsync(() -> {
                try {
                    return waitToAcquire(b, "bot-1");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals("node-b", takeOver.get(10, TimeUnit.SECONDS).ownerNode());
            assertThrows("the frozen transaction was ended", SQLException.class, frozen::commit);
        }
    }

    /** A lease round waits for a row another transaction holds at most a moment, then fails: the next round asks again. */
    @Test
    public void aLeaseRoundDoesNotWaitForGoodForARowAnotherTransactionHolds() throws Exception {
        b.acquire("bot-2").orElseThrow();
        Thread.sleep(TimeUnit.SECONDS.toMillis(LEASE_SECONDS) + 200); // expired: a may take it
        try (Connection holder = target.connect()) {
            holder.setAutoCommit(false);
            try (PreparedStatement st = holder.prepareStatement(
                    "SELECT bot_id FROM bot_leases WHERE bot_id = 'bot-2' FOR UPDATE")) {
                st.executeQuery().close();
            }
            long started = System.nanoTime();
            CompletableFuture<Optional<BotLease>> take = CompletableFuture.supplyAsync(() -> a.acquire("bot-2"));
            ExecutionException failed = assertThrows(ExecutionException.class, () -> take.get(10, TimeUnit.SECONDS));
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue("gave up after " + waitedMillis + " ms: " + failed.getCause(),
                    waitedMillis < JdbcClusterStore.LOCK_WAIT_MILLIS + 3_000);
            holder.rollback();
        }
        assertEquals("node-a", waitToAcquire(a, "bot-2").ownerNode());
    }

    @Test
    public void nodesAreListedWithTheirLeasesAndLeavingFreesThem() {
        a.join("http://a:8080", "1.0.0");
        b.join("http://b:8080", "1.0.1");
        a.acquire("bot-1").orElseThrow();
        a.acquire("bot-2").orElseThrow();
        a.heartbeat();
        List<ClusterNode> nodes = b.nodes();
        assertEquals(List.of("node-a", "node-b"), nodes.stream().map(ClusterNode::id).toList());
        assertEquals(ClusterNode.ACTIVE, nodes.get(0).state());
        assertEquals(2, nodes.get(0).botsHeld());
        assertEquals("1.0.1", nodes.get(1).version());
        assertEquals("http://b:8080", nodes.get(1).url());

        a.leave();
        ClusterNode left = b.nodes().get(0);
        assertEquals(ClusterNode.LEFT, left.state());
        assertEquals(0, left.botsHeld());
        assertEquals(2, b.acquire("bot-2").orElseThrow().epoch());
    }

    @Test
    public void aLeaseGivenUpIsNotRenewedByItsOldOwnerAndItsNextOwnerCountsAHandOver() throws Exception {
        a.acquire("bot-1").orElseThrow();
        a.acquire("bot-2").orElseThrow();
        a.release("bot-1");
        assertEquals("the given-up lease stays given up", Set.of("bot-2"), a.renewAll().keySet());
        assertEquals(List.of("bot-1"), b.unheld(List.of("bot-1", "bot-2")));
        BotLease handed = b.acquire("bot-1").orElseThrow();
        assertTrue("taken from a lease its owner gave up", handed.handedOver());
        assertEquals(2, handed.epoch());
        assertFalse("renewed, not handed over", b.acquire("bot-1").orElseThrow().handedOver());
        BotLease failedOver = waitToAcquire(b, "bot-2");
        assertFalse("taken from a lease that expired: a failover", failedOver.handedOver());
    }

    @Test
    public void aJoinedNodeWaitingForLeasesGivenUpIsWokenWhenAnotherNodeGivesOneUpUntilItLeaves() throws Exception {
        a.join("http://a:8080", "1.0.0");
        b.join("http://b:8080", "1.0.0");
        a.acquire("bot-1").orElseThrow();
        a.acquire("bot-2").orElseThrow();
        assertFalse("nothing given up yet", b.awaitLeaseGivenUp(200));
        a.release("bot-1");
        long asked = System.nanoTime();
        assertTrue("woken by the release", b.awaitLeaseGivenUp(10_000));
        assertTrue("at once, not at the timeout", System.nanoTime() - asked < TimeUnit.SECONDS.toNanos(5));
        assertFalse("one release, one wake-up", b.awaitLeaseGivenUp(200));
        b.leave();
        a.release("bot-2");
        assertFalse("a node that left listens no more", b.awaitLeaseGivenUp(500));
    }

    @Test
    public void aLiveNodeToldToDrainIsDrainingUntilItSaysItIsDrainedAndItsHeartbeatKeepsThat() {
        a.join("http://a:8080", "1.0.0", OptionalInt.of(7));
        b.join("http://b:8080", "1.0.0");
        assertEquals(OptionalInt.of(7), b.nodes().get(0).maxBots());
        assertEquals(OptionalInt.empty(), b.nodes().get(1).maxBots());
        assertFalse("no such node", b.drain("node-x"));
        assertTrue(b.drain("node-a"));
        a.heartbeat();
        assertEquals(ClusterNode.DRAINING, b.nodes().get(0).state());
        assertTrue("draining again is no change", b.drain("node-a"));
        a.drained();
        a.heartbeat();
        assertEquals(ClusterNode.DRAINED, b.nodes().get(0).state());
        assertEquals(ClusterNode.ACTIVE, b.nodes().get(1).state());
        a.join("http://a:8080", "1.0.1", OptionalInt.empty());
        assertEquals("joining again (a restart) is ACTIVE", ClusterNode.ACTIVE, b.nodes().get(0).state());
        a.leave();
        assertFalse("a node that left cannot drain", b.drain("node-a"));
    }

    @Test
    public void aDrainedOrDrainingNodeTakenBackIntoServiceIsActiveAndItsDrainedSayNothingAnyMore() {
        a.join("http://a:8080", "1.0.0");
        b.join("http://b:8080", "1.0.0");
        assertTrue(b.drain("node-a"));
        assertTrue(b.activate("node-a"));
        a.drained(); // its round saw DRAINING before the request: too late, it stays ACTIVE
        a.heartbeat();
        assertEquals(ClusterNode.ACTIVE, b.nodes().get(0).state());
        assertTrue(b.drain("node-a"));
        a.drained();
        assertEquals(ClusterNode.DRAINED, b.nodes().get(0).state());
        assertTrue(b.activate("node-a"));
        assertEquals(ClusterNode.ACTIVE, b.nodes().get(0).state());
        assertTrue("an ACTIVE node stays so", b.activate("node-a"));
        assertFalse("no such node", b.activate("node-x"));
        a.leave();
        assertFalse("a node that left is not taken back", b.activate("node-a"));
        assertEquals(ClusterNode.LEFT, b.nodes().get(0).state());
    }

    @Test
    public void aSecondLiveProcessUnderTheSameNodeIdIsRefused() throws Exception {
        a.join("http://a:8080", "1.0.0");
        try (JdbcStores third = target.open()) {
            JdbcClusterStore twin = third.fenceAsNode("node-a", LEASE_SECONDS);
            try {
                twin.join("http://a2:8080", "1.0.0");
                fail("a second node-a joined while the first beats");
            } catch (StoreException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("node id node-a is in use by another live node"));
            }
            Thread.sleep(TimeUnit.SECONDS.toMillis(LEASE_SECONDS) + 200);
            twin.join("http://a2:8080", "1.0.0"); // the first one went silent: its id may be reused
            assertEquals("http://a2:8080", b.nodes().get(0).url());
        }
    }

    private static void renewedEpochsUnchanged(Map<String, BotLease> held) {
        held.values().forEach(l -> assertEquals(l.botId(), 1, l.epoch()));
    }

    private static List<String> orderIds(JdbcStores s, String botId) {
        return s.journal().orders(botId, false, 100).stream().map(BotOrder::clientOrderId).sorted().toList();
    }

    private static BotLease waitToAcquire(JdbcClusterStore node, String botId) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            Optional<BotLease> lease = node.acquire(botId);
            if (lease.isPresent()) {
                return lease.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError(node.nodeId() + " could not take the lease of " + botId + " within 10 s");
    }

    private static void expectLeaseLost(CompletableFuture<?> write, String botId) throws Exception {
        try {
            write.get(30, TimeUnit.SECONDS);
            fail("the write of " + botId + " committed without its lease");
        } catch (ExecutionException e) {
            assertTrue(String.valueOf(e.getCause()), e.getCause() instanceof LeaseLostException);
            assertEquals(botId, ((LeaseLostException) e.getCause()).botId());
        }
    }
}
