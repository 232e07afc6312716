package io.botfleet.persistence.cluster;

import io.botfleet.api.cluster.BotLease;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The leases this node believes it holds, by bot id: set by acquiring and renewing, cleared by
 * releasing or finding a lease taken. What the journal fence compares each lease row with.
 */
final class HeldLeases {

    private final Map<String, BotLease> held = new ConcurrentHashMap<>();

    BotLease get(String botId) {
        return held.get(botId);
    }

    void put(BotLease lease) {
        held.put(lease.botId(), lease);
    }

    void remove(String botId) {
        held.remove(botId);
    }

    /** Drops {@code lease} if it is still the one held (not a newer epoch acquired meanwhile). */
    void lost(BotLease lease) {
        held.remove(lease.botId(), lease);
    }

    void clear() {
        held.clear();
    }

    /**
     * After a renewal: keeps exactly the leases that were renewed with the epoch this node holds
     * them under (their new expiry), and drops the others (taken by another node meanwhile).
     */
    void renewed(Map<String, BotLease> renewed) {
        held.entrySet().removeIf(e -> {
            BotLease now = renewed.get(e.getKey());
            return now == null || now.epoch() != e.getValue().epoch();
        });
        for (BotLease lease : renewed.values()) {
            held.computeIfPresent(lease.botId(), (id, before) -> before.epoch() == lease.epoch() ? lease : before);
        }
    }

    Map<String, BotLease> snapshot() {
        return Map.copyOf(held);
    }
}
