package io.botfleet.runtime.cluster;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.cluster.ClusterNode;
import io.botfleet.runtime.cluster.Balancing.Decision;
import io.botfleet.runtime.cluster.Balancing.Share;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.Test;

public class BalancingTest {

    private static final int BATCH = 3;

    @Test
    public void sharesAreEvenFloorsAndCeilingsAndANodeWithFewerMaxBotsRunsThatMany() {
        assertEquals(Map.of("a", new Share(10, 10), "b", new Share(10, 10), "c", new Share(10, 10)),
                Balancing.shares(List.of(node("a", 0), node("b", 0), node("c", 0)), 30));
        assertEquals(Map.of("a", new Share(10, 11), "b", new Share(10, 11), "c", new Share(10, 11)),
                Balancing.shares(List.of(node("a", 0), node("b", 0), node("c", 0)), 31));
        assertEquals("c runs its 4, a and b divide the other 26",
                Map.of("a", new Share(13, 13), "b", new Share(13, 13), "c", new Share(4, 4)),
                Balancing.shares(List.of(node("a", 0), node("b", 0), capped("c", 0, 4)), 30));
        assertEquals("more bots than every maxBots together: each runs its most",
                Map.of("a", new Share(5, 5), "b", new Share(6, 6)),
                Balancing.shares(List.of(capped("a", 0, 5), capped("b", 0, 6)), 20));
        assertEquals(Map.of("a", new Share(0, 0)), Balancing.shares(List.of(node("a", 0)), 0));
    }

    @Test
    public void aNodeTakesFreeBotsUpToTheCeilingOfItsShareAndItsMaxBots() {
        assertEquals(new Decision(5, 0), Balancing.decide("a", List.of(node("a", 0), node("b", 0)), 9, 0,
                OptionalInt.empty(), BATCH));
        assertEquals(new Decision(2, 0), Balancing.decide("a", List.of(node("a", 0), node("b", 0)), 9, 0,
                OptionalInt.of(2), BATCH));
        assertEquals("the silent node's share is the live ones'", new Decision(9, 0), Balancing.decide("a",
                List.of(node("a", 0), silent("b", 9)), 9, 0, OptionalInt.empty(), BATCH));
    }

    @Test
    public void aJoiningNodeIsGivenAFewBotsARoundByTheBusiestOnlyWhileNoBotWaitsForATaker() {
        List<ClusterNode> nodes = List.of(node("a", 15), node("b", 15), node("c", 0));
        assertEquals("a is the busiest (the first id among equals)", new Decision(0, BATCH),
                Balancing.decide("a", nodes, 30, 15, OptionalInt.empty(), BATCH));
        assertEquals("b waits for its turn", new Decision(0, 0),
                Balancing.decide("b", nodes, 30, 15, OptionalInt.empty(), BATCH));
        assertEquals("c takes what is free, up to its share", new Decision(10, 0),
                Balancing.decide("c", nodes, 30, 0, OptionalInt.empty(), BATCH));
        List<ClusterNode> handing = List.of(node("a", 12), node("b", 15), node("c", 0));
        assertEquals("three of a's bots wait for c: b gives none yet", new Decision(0, 0),
                Balancing.decide("b", handing, 30, 15, OptionalInt.empty(), BATCH));
    }

    @Test
    public void balancingFromOneNodeToThreeConvergesToEvenSharesAFewBotsAtATime() {
        Map<String, Integer> held = new LinkedHashMap<>(Map.of("a", 30, "b", 0, "c", 0));
        int rounds = 0;
        int maxMovedInARound = 0;
        while (rounds < 50) {
            rounds++;
            int moved = 0;
            for (String self : List.of("a", "b", "c")) { // one round of every node, one after the other
                Decision d = Balancing.decide(self, nodes(held), 30, held.get(self), OptionalInt.empty(), BATCH);
                held.merge(self, -d.handOver(), Integer::sum);
                int free = 30 - held.values().stream().mapToInt(Integer::intValue).sum();
                held.merge(self, Math.min(free, d.take()), Integer::sum);
                moved += d.handOver();
            }
            maxMovedInARound = Math.max(maxMovedInARound, moved);
            if (moved == 0 && held.values().stream().allMatch(h -> h == 10)) {
                break;
            }
        }
        assertEquals(Map.of("a", 10, "b", 10, "c", 10), held);
        assertEquals("a few at a time", BATCH, maxMovedInARound);
        assertEquals("settled then stays", new Decision(0, 0),
                Balancing.decide("a", nodes(held), 30, 10, OptionalInt.empty(), BATCH));
    }

    @Test
    public void aNodeAboveItsFloorGivesOneToANodeBelowItsFloorAndAnEvenFleetStaysAsItIs() {
        List<ClusterNode> nodes = List.of(node("a", 11), node("b", 11), node("c", 9));
        assertEquals(new Decision(0, 1), Balancing.decide("a", nodes, 31, 11, OptionalInt.empty(), BATCH));
        assertEquals(new Decision(0, 0), Balancing.decide("b", nodes, 31, 11, OptionalInt.empty(), BATCH));
        List<ClusterNode> even = List.of(node("a", 10), node("b", 11), node("c", 10));
        for (ClusterNode n : even) {
            assertEquals(n.id(), new Decision(n.id().equals("b") ? 0 : 1, 0),
                    Balancing.decide(n.id(), even, 31, n.botsHeld(), OptionalInt.empty(), BATCH));
        }
    }

    @Test
    public void noBotIsGivenToNodesWithoutRoomUnderTheirMaxBots() {
        List<ClusterNode> nodes = List.of(node("a", 20), capped("b", 5, 5));
        assertEquals(new Decision(0, 0), Balancing.decide("a", nodes, 25, 20, OptionalInt.empty(), BATCH));
        List<ClusterNode> room = List.of(node("a", 20), capped("b", 3, 5));
        assertEquals(new Decision(0, 2), Balancing.decide("a", room, 23, 20, OptionalInt.empty(), BATCH));
    }

    @Test
    public void aDrainingNodeTakesNoneAndHandsOverEveryBotAndTheOthersShareItsBots() {
        List<ClusterNode> nodes = List.of(draining("a", 6), node("b", 3), node("c", 3));
        assertEquals(new Decision(0, 6), Balancing.decide("a", nodes, 12, 6, OptionalInt.empty(), BATCH));
        assertEquals("b's share is of the nodes that stay", new Decision(3, 0),
                Balancing.decide("b", nodes, 12, 3, OptionalInt.empty(), BATCH));
        List<ClusterNode> drained = List.of(new ClusterNode("a", "", "", Instant.EPOCH, ClusterNode.DRAINED, 0),
                node("b", 6), node("c", 6));
        assertEquals(new Decision(0, 0), Balancing.decide("a", drained, 12, 0, OptionalInt.empty(), BATCH));
    }

    @Test
    public void aNodeDrainsOnlyWhenTheOtherActiveNodesCanRunEveryBot() {
        assertFalse(Balancing.roomWithout("a", List.of(node("a", 4)), 4));
        assertFalse(Balancing.roomWithout("a", List.of(node("a", 4), silent("b", 0)), 4));
        assertTrue(Balancing.roomWithout("a", List.of(node("a", 4), node("b", 0)), 4));
        assertFalse(Balancing.roomWithout("a", List.of(node("a", 4), capped("b", 0, 3)), 4));
        assertTrue(Balancing.roomWithout("a", List.of(node("a", 4), capped("b", 0, 3), capped("c", 1, 1)), 4));
        assertFalse("a draining node has no room", Balancing.roomWithout("a",
                List.of(node("a", 4), draining("b", 0)), 4));
    }

    private static List<ClusterNode> nodes(Map<String, Integer> held) {
        List<ClusterNode> out = new ArrayList<>();
        held.forEach((id, n) -> out.add(node(id, n)));
        return out;
    }

    private static ClusterNode node(String id, int held) {
        return new ClusterNode(id, "", "1", Instant.EPOCH, ClusterNode.ACTIVE, held);
    }

    private static ClusterNode capped(String id, int held, int maxBots) {
        return new ClusterNode(id, "", "1", Instant.EPOCH, ClusterNode.ACTIVE, held, OptionalInt.of(maxBots));
    }

    private static ClusterNode silent(String id, int held) {
        return new ClusterNode(id, "", "1", Instant.EPOCH, ClusterNode.SILENT, held);
    }

    private static ClusterNode draining(String id, int held) {
        return new ClusterNode(id, "", "1", Instant.EPOCH, ClusterNode.DRAINING, held);
    }
}
