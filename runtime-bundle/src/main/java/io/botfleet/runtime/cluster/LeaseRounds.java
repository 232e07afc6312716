package io.botfleet.runtime.cluster;

import io.botfleet.api.bot.DesiredState;
import io.botfleet.api.cluster.BotLease;
import io.botfleet.api.cluster.ClusterNode;
import io.botfleet.api.cluster.ClusterSettings;
import io.botfleet.api.cluster.ClusterStore;
import io.botfleet.api.store.BotStore;
import io.botfleet.api.store.StoredBot;
import io.botfleet.runtime.bot.Fleet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round of a node, every {@code renewSeconds}: heartbeat; renew every lease in one statement
 * and stand down the bots whose lease another node took; apply desired states other nodes stored
 * for the bots this node runs; then take the bots no node holds (new, or their node stopped
 * renewing: a failover), up to this node's share of the fleet and its {@code maxBots}. Taking a
 * bot starts it exactly as after a restart: the recovery the platform already does.
 */
final class LeaseRounds {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseRounds.class);

    private final ClusterStore store;
    private final Fleet fleet;
    private final BotStore bots;
    private final ClusterSettings settings;
    private final LeaseFigures figures;

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
        for (String id : fleet.hosted()) {
            if (!held.containsKey(id)) {
                figures.lost();
                fleet.standDown(id, "lease lost: node " + store.nodeId() + " no longer holds the lease of bot " + id
                        + " (another node took it after it expired)");
            }
        }
        Map<String, StoredBot> stored = new HashMap<>();
        for (StoredBot bot : bots.list()) {
            stored.put(bot.id(), bot);
        }
        settleHosted(stored);
        takeUnheld(stored);
    }

    /** The bots this node runs: deleted or stopped ones give their lease up, other desired states apply. */
    private void settleHosted(Map<String, StoredBot> stored) {
        for (String id : fleet.hosted()) {
            StoredBot bot = stored.get(id);
            if (bot == null || !bot.isValid()) {
                fleet.standDown(id, "deleted").join();
                store.release(id);
            } else if (bot.desiredState() == DesiredState.STOPPED) {
                fleet.applyStoredDesiredState(id, DesiredState.STOPPED);
                if (fleet.stoppedHere(id)) {
                    fleet.standDown(id, "stopped");
                    store.release(id);
                }
            } else {
                fleet.applyStoredDesiredState(id, bot.desiredState());
            }
        }
    }

    private void takeUnheld(Map<String, StoredBot> stored) {
        Set<String> hosted = fleet.hosted();
        List<String> wanted = new ArrayList<>();
        for (StoredBot bot : stored.values()) {
            if (bot.isValid() && bot.desiredState() != DesiredState.STOPPED && !hosted.contains(bot.id())) {
                wanted.add(bot.id());
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        int room = room(hosted.size(), wanted.size() + hosted.size());
        if (room <= 0) {
            return;
        }
        for (String id : store.unheld(wanted)) {
            if (room <= 0) {
                break;
            }
            Optional<BotLease> lease = store.acquire(id);
            if (lease.isEmpty()) {
                continue; // another node was quicker
            }
            if (fleet.host(id)) {
                room--;
                if (lease.get().epoch() > 1) {
                    figures.tookOver();
                }
                LOG.info("node {} took bot {} (lease epoch {})", store.nodeId(), id, lease.get().epoch());
            } else {
                store.release(id);
            }
        }
    }

    /**
     * How many more bots this node takes now: up to its share of the bots that should run
     * (divided by the live nodes, rounded up, so that the shares cover them all) and its
     * {@code maxBots}.
     */
    private int room(int hostedNow, int shouldRun) {
        long live = store.nodes().stream().filter(n -> ClusterNode.ACTIVE.equals(n.state())).count();
        int share = (int) Math.ceil(shouldRun / (double) Math.max(1, live));
        int room = share - hostedNow;
        if (settings.maxBots().isPresent()) {
            room = Math.min(room, settings.maxBots().getAsInt() - hostedNow);
        }
        return room;
    }

    /** This node stops: its bots stop gracefully under their lease, then every lease is given up. */
    void leave() {
        fleet.shutdownHosted();
        store.leave();
    }
}
