package io.botfleet.runtime.strategy;

import io.botfleet.api.admin.FleetSwaps;
import io.botfleet.api.bot.BotManager;
import io.botfleet.api.bot.BotStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Swaps every bot running {@code strategyId@fromVersion} to another version in one operation.
 * Each bot swaps in its own mailbox, so the swaps run side by side; one refusal does not stop the
 * others, and each outcome is reported.
 */
@Component(service = FleetSwaps.class)
public final class FleetSwap implements FleetSwaps {

    private final BotManager bots;

    @Activate
    public FleetSwap(@Reference BotManager bots) {
        this.bots = bots;
    }

    @Override
    public List<Outcome> swapAll(String strategyId, String fromVersion, String toVersion, boolean force, String actor) {
        List<String> targets = bots.list().stream()
                .filter(s -> s.strategyId().equals(strategyId) && fromVersion.equals(s.strategyVersion()))
                .map(BotStatus::id)
                .toList();
        if (targets.isEmpty()) {
            return List.of();
        }
        // Callers wait on each bot's mailbox: a few threads keep many swaps in flight.
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(16, targets.size()));
        try {
            List<CompletableFuture<Outcome>> swaps = new ArrayList<>();
            for (String id : targets) {
                swaps.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        bots.swapStrategy(id, toVersion, force, actor);
                        return new Outcome(id, null);
                    } catch (RuntimeException e) {
                        return new Outcome(id, e.getMessage());
                    }
                }, pool));
            }
            return swaps.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdown();
        }
    }
}
