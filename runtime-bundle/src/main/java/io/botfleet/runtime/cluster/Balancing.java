package io.botfleet.runtime.cluster;

import io.botfleet.api.cluster.ClusterNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How many bots one node takes and hands over in a round, from the nodes as the database lists
 * them: pure logic, the same on every node. Each ACTIVE node's share of the bots that should run
 * is the count divided by the active nodes (a share between its floor and its ceiling), a node
 * with a lower {@code maxBots} taking that many and the others dividing the rest. A node takes
 * bots no node holds up to the ceiling of its share. Only the busiest node (the most above its
 * share; then the most bots; then the first id) hands over, a few bots a round, and only while no
 * bot waits for a taker: above its ceiling while another node has room, or above its floor while
 * another is below its own. A node told to drain takes none and hands over all of them.
 */
final class Balancing {

    /** A node's share of the bots that should run: at least {@code low}, at most {@code high}. */
    record Share(int low, int high) {
    }

    /** What this node does in this round. */
    record Decision(int take, int handOver) {
    }

    private Balancing() {
    }

    /**
     * @param self            this node's id
     * @param nodes           every node as listed (state and bots held)
     * @param shouldRun       the bots that should run (not STOPPED, valid) in the whole fleet
     * @param hostedHere      the bots this node runs now (what it holds, as it knows it)
     * @param ownMaxBots      this node's {@code maxBots}
     * @param handOversPerRound the most bots handed over in one round by balancing (a drain hands
     *                        over every bot)
     */
    static Decision decide(String self, List<ClusterNode> nodes, int shouldRun, int hostedHere, OptionalInt ownMaxBots,
                           int handOversPerRound) {
        Objects.requireNonNull(self, "self");
        ClusterNode me = nodes.stream().filter(n -> n.id().equals(self)).findFirst().orElse(null);
        if (me != null && me.drained()) {
            return new Decision(0, hostedHere);
        }
        Map<String, Integer> held = new HashMap<>();
        List<ClusterNode> live = new ArrayList<>();
        int heldAnywhere = hostedHere;
        for (ClusterNode n : nodes) {
            if (n.id().equals(self)) {
                continue;
            }
            if (!ClusterNode.SILENT.equals(n.state()) && !ClusterNode.LEFT.equals(n.state())) {
                heldAnywhere += n.botsHeld();
            }
            if (n.active()) {
                live.add(n);
                held.put(n.id(), n.botsHeld());
            }
        }
        live.add(new ClusterNode(self, "", "", Instant.EPOCH, ClusterNode.ACTIVE, hostedHere, ownMaxBots));
        held.put(self, hostedHere);
        Map<String, Share> shares = shares(live, shouldRun);
        Share mine = shares.get(self);
        int take = Math.max(0, mine.high() - hostedHere);
        int waiting = shouldRun - heldAnywhere;
        if (waiting > 0 || !busiest(live, held, shares).equals(self)) {
            return new Decision(take, 0);
        }
        int roomElsewhere = 0;
        int needElsewhere = 0;
        for (ClusterNode n : live) {
            if (!n.id().equals(self)) {
                roomElsewhere += Math.max(0, shares.get(n.id()).high() - held.get(n.id()));
                needElsewhere += Math.max(0, shares.get(n.id()).low() - held.get(n.id()));
            }
        }
        int give;
        if (hostedHere > mine.high()) {
            give = Math.min(hostedHere - mine.high(), roomElsewhere);
        } else if (needElsewhere > 0) {
            give = Math.min(hostedHere - mine.low(), needElsewhere);
        } else {
            give = 0;
        }
        give = Math.max(0, Math.min(give, handOversPerRound));
        return new Decision(give > 0 ? 0 : take, give);
    }

    /**
     * Whether the active nodes other than {@code node} can run every bot that should run (their
     * {@code maxBots} together, unlimited without one): what a drain of {@code node} needs.
     */
    static boolean roomWithout(String node, List<ClusterNode> nodes, int shouldRun) {
        long room = 0;
        boolean any = false;
        for (ClusterNode n : nodes) {
            if (n.active() && !n.id().equals(node)) {
                any = true;
                room += n.maxBots().isPresent() ? n.maxBots().getAsInt() : Integer.MAX_VALUE;
            }
        }
        return any && room >= shouldRun;
    }

    /**
     * Every active node's share of {@code shouldRun} bots: nodes whose {@code maxBots} is below
     * an even share run that many; the others divide the rest evenly (floor and ceiling).
     */
    static Map<String, Share> shares(List<ClusterNode> active, int shouldRun) {
        List<ClusterNode> byCap = new ArrayList<>(active);
        byCap.sort(Comparator.comparingInt((ClusterNode n) -> n.maxBots().orElse(Integer.MAX_VALUE))
                .thenComparing(ClusterNode::id));
        Map<String, Share> shares = new HashMap<>();
        int remaining = Math.max(0, shouldRun);
        int left = byCap.size();
        for (ClusterNode n : byCap) {
            int floor = remaining / left;
            int cap = n.maxBots().orElse(Integer.MAX_VALUE);
            if (cap <= floor) {
                shares.put(n.id(), new Share(cap, cap));
                remaining -= cap;
                left--;
            } else {
                int ceiling = (remaining + left - 1) / left;
                shares.put(n.id(), new Share(floor, Math.min(cap, ceiling)));
            }
        }
        return shares;
    }

    /** The node most above its share, then with the most bots, then the first by id. */
    private static String busiest(List<ClusterNode> live, Map<String, Integer> held, Map<String, Share> shares) {
        return live.stream().min(Comparator
                        .comparingInt((ClusterNode n) -> -(held.get(n.id()) - shares.get(n.id()).high()))
                        .thenComparingInt(n -> -held.get(n.id()))
                        .thenComparing(ClusterNode::id))
                .orElseThrow().id();
    }
}
