package io.botfleet.runtime.cluster;

import io.botfleet.api.bot.DesiredState;
import io.botfleet.api.cluster.BotLease;
import io.botfleet.api.cluster.ClusterNode;
import io.botfleet.api.cluster.ClusterSettings;
import io.botfleet.api.cluster.ClusterStore;
import io.botfleet.api.store.BotStore;
import io.botfleet.api.store.StoredBot;
import io.botfleet.runtime.bot.Fleet;
import io.botfleet.runtime.cluster.Balancing.Decision;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round of a node, every {@code renewSeconds}: heartbeat; renew every lease in one statement
 * and stand down the bots whose lease another node took; apply desired states other nodes stored
 * for the bots this node runs; then {@link Balancing balance}: hand bots over (all of them when
 * the node is told to drain, a few from the busiest node when another has room) and take the bots
 * no node holds (new, handed over, or their node stopped renewing: a failover), up to this node's
 * share of the fleet and its {@code maxBots}. Taking a bot starts it exactly as after a restart:
 * the recovery the platform already does. Handing one over stops it at an event boundary with a
 * checkpoint before its lease is given up, so the next owner goes on from the candle after.
 */
final class LeaseRounds {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseRounds.class);
    /** Bots the busiest node hands over in one round when another node has room: gradual moves. */
    static final int HANDOVERS_PER_ROUND = 3;
    /** Rounds' time during which a node does not take back a bot it handed over (another node is to). */
    private static final int ROUNDS_BEFORE_TAKING_BACK = 2;

    private final ClusterStore store;
    private final Fleet fleet;
    private final BotStore bots;
    private final ClusterSettings settings;
    private final LeaseFigures figures;
    /** Bots this node handed over, with when ({@link System#nanoTime}). */
    private final Map<String, Long> handedOverAt = new HashMap<>();

    LeaseRounds(ClusterStore store, Fleet fleet, BotStore bots, ClusterSettings settings, LeaseFigures figures) {
        this.store = store;
        this.fleet = fleet;
        this.bots = bots;
        this.settings = settings;
        this.figures = figures;
    }

    void run() {
        store.heartbeat();
        long started = System.nanoTime();
        Map<String, BotLease> held = store.renewAll();
        figures.renewed(System.nanoTime() - started);
        held.keySet().forEach(id -> fleet.leases().held(id, started, leaseNanos()));
        for (String id : fleet.hosted()) {
            if (!held.containsKey(id)) {
                fleet.leases().dropped(id);
                figures.lost();
                fleet.standDown(id, "lease lost: node " + store.nodeId() + " no longer holds the lease of bot " + id
                        + " (another node took it after it expired)");
            }
        }
        Map<String, StoredBot> stored = storedBots();
        settleHosted(stored);
        List<ClusterNode> nodes = store.nodes();
        ClusterNode me = nodes.stream().filter(n -> n.id().equals(store.nodeId())).findFirst().orElse(null);
        boolean draining = me != null && me.drained();
        Decision decision = Balancing.decide(store.nodeId(), nodes, shouldRun(stored), fleet.hosted().size(),
                settings.maxBots(), HANDOVERS_PER_ROUND);
        if (decision.handOver() > 0) {
            List<String> hosted = new ArrayList<>(fleet.hosted());
            hosted.sort(null);
            List<String> moving = hosted.subList(Math.max(0, hosted.size() - decision.handOver()), hosted.size());
            handOver(moving, draining ? "node " + store.nodeId() + " drains" : "node " + store.nodeId()
                    + " balances the fleet (it runs more than its share)", settings.leaseSeconds());
        }
        if (draining && fleet.hosted().isEmpty() && ClusterNode.DRAINING.equals(me.state())) {
            store.drained();
            LOG.info("node {} is drained: it runs no bot and takes none until it is taken back into service or "
                    + "restarts", store.nodeId());
        }
        if (decision.take() > 0) {
            takeUnheld(stored, decision.take());
        }
    }

    /**
     * Between rounds, when another node gave a lease up (its notification): takes what this node
     * has room for now, so that a handed-over bot waits for no round.
     */
    void takeNow() {
        Map<String, StoredBot> stored = storedBots();
        Decision decision = Balancing.decide(store.nodeId(), store.nodes(), shouldRun(stored), fleet.hosted().size(),
                settings.maxBots(), HANDOVERS_PER_ROUND);
        if (decision.take() > 0) {
            takeUnheld(stored, decision.take());
        }
    }

    private Map<String, StoredBot> storedBots() {
        Map<String, StoredBot> stored = new HashMap<>();
        for (StoredBot bot : bots.list()) {
            stored.put(bot.id(), bot);
        }
        return stored;
    }

    /** The bots that should run somewhere: valid, not stopped. */
    private static int shouldRun(Map<String, StoredBot> stored) {
        return (int) stored.values().stream()
                .filter(b -> b.isValid() && b.desiredState() != DesiredState.STOPPED).count();
    }

    /** The bots this node runs: deleted or stopped ones give their lease up, other desired states apply. */
    private void settleHosted(Map<String, StoredBot> stored) {
        for (String id : fleet.hosted()) {
            StoredBot bot = stored.get(id);
            if (bot == null || !bot.isValid()) {
                fleet.standDown(id, "deleted").join();
                release(id);
            } else if (bot.desiredState() == DesiredState.STOPPED) {
                fleet.applyStoredDesiredState(id, DesiredState.STOPPED);
                if (fleet.stoppedHere(id)) {
                    fleet.standDown(id, "stopped");
                    release(id);
                }
            } else {
                fleet.applyStoredDesiredState(id, bot.desiredState());
            }
        }
    }

    /**
     * Planned moves: each bot stops at an event boundary with a checkpoint, then its lease is
     * given up, so that another node takes it at its next round. Waits at most
     * {@code waitSeconds} for the bots to stop; one that did not yet keeps its lease until a
     * later round.
     *
     * @return the bots whose lease was given up
     */
    List<String> handOver(List<String> ids, String reason, int waitSeconds) {
        Map<String, CompletableFuture<Void>> stopping = new LinkedHashMap<>();
        for (String id : ids) {
            stopping.put(id, fleet.handOver(id, reason));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds);
        List<String> given = new ArrayList<>();
        for (Map.Entry<String, CompletableFuture<Void>> bot : stopping.entrySet()) {
            try {
                bot.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                LOG.warn("bot {} did not stop within {} s to be handed over; it keeps its lease for now", bot.getKey(),
                        waitSeconds);
                continue;
            } catch (ExecutionException e) {
                LOG.warn("bot {} failed while stopping to be handed over ({}); its lease is given up anyway",
                        bot.getKey(), e.getCause().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return given;
            }
            release(bot.getKey());
            handedOverAt.put(bot.getKey(), System.nanoTime());
            figures.handedOver();
            given.add(bot.getKey());
        }
        if (!given.isEmpty()) {
            LOG.info("node {} handed over {} bots ({}): {}", store.nodeId(), given.size(), reason, given);
        }
        return given;
    }

    private void takeUnheld(Map<String, StoredBot> stored, int room) {
        long now = System.nanoTime();
        long cooldown = TimeUnit.SECONDS.toNanos((long) ROUNDS_BEFORE_TAKING_BACK * settings.renewSeconds());
        handedOverAt.values().removeIf(at -> now - at >= cooldown);
        Set<String> hosted = fleet.hosted();
        List<String> wanted = new ArrayList<>();
        for (StoredBot bot : stored.values()) {
            if (bot.isValid() && bot.desiredState() != DesiredState.STOPPED && !hosted.contains(bot.id())
                    && !handedOverAt.containsKey(bot.id())) {
                wanted.add(bot.id());
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        for (String id : store.unheld(wanted)) {
            if (room <= 0) {
                break;
            }
            Optional<BotLease> lease;
            long sent = System.nanoTime();
            try {
                lease = store.acquire(id);
            } catch (RuntimeException e) {
                // its row is held by a transaction of another node (one frozen in its commit,
                // until PostgreSQL ends it): the next round asks again; the other bots go on
                LOG.info("node {} could not take bot {} this round: {}", store.nodeId(), id, e.getMessage());
                continue;
            }
            if (lease.isEmpty()) {
                continue; // another node was quicker
            }
            fleet.leases().held(id, sent, leaseNanos());
            if (fleet.host(id)) {
                room--;
                if (lease.get().handedOver()) {
                    figures.tookHandedOver();
                } else if (lease.get().epoch() > 1) {
                    figures.tookOver();
                }
                LOG.info("node {} took bot {} (lease epoch {}{})", store.nodeId(), id, lease.get().epoch(),
                        lease.get().handedOver() ? ", handed over" : "");
            } else {
                release(id);
            }
        }
    }

    /** Gives the lease of {@code id} up; no order of the bot goes out from here any more. */
    private void release(String id) {
        fleet.leases().dropped(id);
        store.release(id);
    }

    private long leaseNanos() {
        return TimeUnit.SECONDS.toNanos(settings.leaseSeconds());
    }

    /**
     * This node stops: {@link #drainBeforeStop drains} when it has not yet, stops the bots left
     * gracefully under their lease, gives up every lease left and is LEFT.
     */
    void leave(long deadlineNanos) {
        drainBeforeStop(deadlineNanos);
        fleet.shutdownHosted();
        store.leave();
    }

    /**
     * This node is about to stop. When the other live nodes have room for the fleet, it drains:
     * every bot it runs is handed over (a checkpoint, then its lease given up) and it waits, until
     * {@code deadlineNanos} ({@link System#nanoTime}) at most, until other nodes hold them all.
     * Else nothing: its bots stop gracefully under their lease when it leaves.
     */
    void drainBeforeStop(long deadlineNanos) {
        try {
            Set<String> hosted = fleet.hosted();
            if (hosted.isEmpty()) {
                return;
            }
            if (!Balancing.roomWithout(store.nodeId(), store.nodes(), shouldRun(storedBots()))) {
                LOG.info("node {} stops without draining: the other nodes have no room for the fleet", store.nodeId());
                return;
            }
            store.drain(store.nodeId());
            List<String> given = handOver(new ArrayList<>(hosted), "node " + store.nodeId()
                    + " stops and drains first", secondsUntil(deadlineNanos));
            awaitTaken(given, deadlineNanos);
        } catch (RuntimeException e) {
            LOG.warn("node {} could not drain before it stops ({}); its bots stop under their leases", store.nodeId(),
                    e.getMessage());
        }
    }

    private static int secondsUntil(long deadlineNanos) {
        return (int) Math.max(1, TimeUnit.NANOSECONDS.toSeconds(deadlineNanos - System.nanoTime()));
    }

    /** Waits until another node holds every bot of {@code given}, or the deadline. */
    private void awaitTaken(List<String> given, long deadlineNanos) {
        List<String> waiting = given;
        while (!waiting.isEmpty() && System.nanoTime() < deadlineNanos) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            waiting = store.unheld(waiting);
        }
        if (waiting.isEmpty()) {
            LOG.info("node {}: other nodes run the {} bots it handed over", store.nodeId(), given.size());
        } else {
            LOG.warn("node {}: {} bots it handed over are not taken yet ({}); it stops anyway", store.nodeId(),
                    waiting.size(), waiting);
        }
    }
}
