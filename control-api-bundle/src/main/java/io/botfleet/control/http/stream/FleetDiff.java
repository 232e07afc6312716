package io.botfleet.control.http.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.api.bot.BotCounters;
import io.botfleet.api.bot.BotFill;
import io.botfleet.api.bot.BotManager;
import io.botfleet.api.bot.BotNotFoundException;
import io.botfleet.api.bot.BotOrder;
import io.botfleet.api.bot.BotStatus;
import io.botfleet.api.bot.Deployment;
import io.botfleet.control.http.ApiViews;
import io.botfleet.control.http.JsonMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns successive snapshots of the fleet into stream events: {@code bot} when a bot's status
 * changed (or it was deleted), {@code fill} and {@code order} when its counters say it traded,
 * {@code swap} when its strategy version changed, {@code error} when it recorded a fault.
 *
 * <p>The platform's {@code BotManager} has no listener API, so the stream observes the fleet
 * the way an operator would, by reading it — a few times a second, and fetching journals only
 * for the bots whose counters moved. Events therefore come with up to one polling period of
 * delay, and several changes within one period show as one {@code bot} event.
 */
public final class FleetDiff {

    /** Most fills or orders fetched per bot and poll; a burst larger than that is summarised. */
    static final int MAX_FETCH = 100;

    /** What the stream has seen of one bot. */
    private record Seen(BotStatus status, Instant lastOrderUpdate) {
    }

    private final Map<String, Seen> seen = new HashMap<>();
    private boolean primed;

    /** An event to publish: its name and JSON data (which carries {@code botId}). */
    public record Change(String name, ObjectNode data) {
    }

    /**
     * Compares {@code fleet} with the previous snapshot. The first call only records the fleet:
     * clients read the initial state through {@code GET /api/v1/bots}.
     */
    public List<Change> next(List<BotStatus> fleet, BotManager bots) {
        List<Change> out = new ArrayList<>();
        Map<String, BotStatus> current = new HashMap<>(fleet.size() * 2);
        for (BotStatus status : fleet) {
            current.put(status.id(), status);
            Seen before = seen.get(status.id());
            if (!primed) {
                seen.put(status.id(), new Seen(status, Instant.now()));
                continue;
            }
            if (before == null) {
                out.add(bot(status));
                seen.put(status.id(), new Seen(status, Instant.EPOCH));
                continue;
            }
            if (before.status.updatedAt().equals(status.updatedAt()) && before.status.equals(status)) {
                continue;
            }
            Instant lastOrder = before.lastOrderUpdate;
            try {
                lastOrder = trades(before.status, status, bots, lastOrder, out);
                swaps(before.status, status, bots, out);
            } catch (BotNotFoundException deletedMeanwhile) {
                continue;
            }
            errors(before.status, status, out);
            out.add(bot(status));
            seen.put(status.id(), new Seen(status, lastOrder));
        }
        if (primed) {
            for (String id : new ArrayList<>(seen.keySet())) {
                if (!current.containsKey(id)) {
                    seen.remove(id);
                    ObjectNode gone = JsonMapper.MAPPER.createObjectNode();
                    gone.put("botId", id);
                    gone.put("id", id);
                    gone.put("deleted", true);
                    out.add(new Change("bot", gone));
                }
            }
        }
        primed = true;
        return out;
    }

    private static Change bot(BotStatus status) {
        ObjectNode data = ApiViews.botStatus(status);
        data.put("botId", status.id());
        return new Change("bot", data);
    }

    /** Fills by count; orders by their update time, since a status change moves no counter. */
    private static Instant trades(BotStatus before, BotStatus now, BotManager bots, Instant lastOrder,
                                  List<Change> out) {
        BotCounters a = before.counters();
        BotCounters b = now.counters();
        long newFills = b.fills() - a.fills();
        boolean ordersMoved = b.orders() != a.orders() || b.rejected() != a.rejected() || newFills > 0;
        Instant latest = lastOrder;
        if (ordersMoved) {
            List<BotOrder> orders = bots.orders(now.id(), false, MAX_FETCH);
            for (int i = orders.size() - 1; i >= 0; i--) { // newest first from the API: reverse
                BotOrder order = orders.get(i);
                if (order.updatedAt().isAfter(lastOrder)) {
                    ObjectNode data = ApiViews.order(order);
                    data.put("botId", now.id());
                    out.add(new Change("order", data));
                    if (order.updatedAt().isAfter(latest)) {
                        latest = order.updatedAt();
                    }
                }
            }
        }
        if (newFills > 0) {
            List<BotFill> fills = bots.fills(now.id(), (int) Math.min(newFills, MAX_FETCH));
            for (int i = fills.size() - 1; i >= 0; i--) {
                ObjectNode data = ApiViews.fill(fills.get(i));
                data.put("botId", now.id());
                out.add(new Change("fill", data));
            }
        }
        return latest;
    }

    private static void swaps(BotStatus before, BotStatus now, BotManager bots, List<Change> out) {
        if (Objects.equals(before.strategyVersion(), now.strategyVersion())
                && Objects.equals(before.strategyId(), now.strategyId())) {
            return;
        }
        List<Deployment> history = bots.strategyHistory(now.id());
        ObjectNode data;
        if (!history.isEmpty()) {
            data = ApiViews.deployment(history.get(0));
        } else {
            data = JsonMapper.MAPPER.createObjectNode();
            data.put("strategyId", now.strategyId());
            data.put("fromVersion", before.strategyVersion());
            data.put("toVersion", now.strategyVersion());
        }
        data.put("botId", now.id());
        out.add(new Change("swap", data));
    }

    private static void errors(BotStatus before, BotStatus now, List<Change> out) {
        boolean more = now.counters().errors() > before.counters().errors();
        boolean changed = now.lastError() != null && !now.lastError().equals(before.lastError());
        if (more || changed) {
            ObjectNode data = JsonMapper.MAPPER.createObjectNode();
            data.put("botId", now.id());
            data.put("message", now.lastError());
            data.put("errors", now.counters().errors());
            data.put("time", now.updatedAt().toString());
            out.add(new Change("error", data));
        }
    }
}
