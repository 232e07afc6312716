package io.botfleet.runtime.shell;

import io.botfleet.api.admin.FleetSwaps;
import io.botfleet.api.admin.StrategyCatalog;
import io.botfleet.api.bot.BotManager;
import java.util.List;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo commands for strategy versions: {@code strategy:list},
 * {@code strategy:swap <bot> <version>}, {@code strategy:swap --all-on <id@version> <version>},
 * {@code strategy:rollback <bot>}. The actor is {@code shell}.
 */
@Component(service = StrategyCommands.class, property = {
    "osgi.command.scope=strategy",
    "osgi.command.function=list", "osgi.command.function=swap", "osgi.command.function=rollback"
})
public class StrategyCommands {

    @Reference
    BotManager bots;
    @Reference
    StrategyCatalog catalog;
    @Reference
    FleetSwaps fleetSwaps;

    public String list() {
        StringBuilder out = new StringBuilder();
        for (StrategyCatalog.StrategyInfo s : catalog.strategies()) {
            for (StrategyCatalog.VersionInfo v : s.versions()) {
                out.append(String.format("%-20s %-12s bundle %-4d %-10s %s%s%n", s.id(), v.version(), v.bundleId(),
                        v.bundleState(), v.bad() ? "BAD " : "", v.bots().isEmpty() ? "" : "bots: " + String.join(", ", v.bots())));
            }
        }
        return out.toString().stripTrailing();
    }

    public String swap(String bot, String version) {
        try {
            return BotCommands.line(bots.swapStrategy(bot, version, false, BotCommands.ACTOR));
        } catch (RuntimeException e) {
            return "error: " + e.getMessage();
        }
    }

    /** {@code strategy:swap --all-on sma-crossover@1.0.0 1.1.0} */
    public String swap(String flag, String idAtVersion, String version) {
        if (!"--all-on".equals(flag) || !idAtVersion.contains("@")) {
            return "usage: strategy:swap <bot> <version> | strategy:swap --all-on <strategy-id>@<version> <version>";
        }
        String[] parts = idAtVersion.split("@", 2);
        List<FleetSwaps.Outcome> outcomes = fleetSwaps.swapAll(parts[0], parts[1], version, false, BotCommands.ACTOR);
        if (outcomes.isEmpty()) {
            return "no bot runs " + idAtVersion;
        }
        long ok = outcomes.stream().filter(o -> o.error() == null).count();
        return ok + " of " + outcomes.size() + " bots swapped to " + version + outcomes.stream()
                .filter(o -> o.error() != null).map(o -> "\n  " + o.botId() + ": " + o.error()).collect(Collectors.joining());
    }

    public String rollback(String bot) {
        try {
            return BotCommands.line(bots.rollbackStrategy(bot, BotCommands.ACTOR));
        } catch (RuntimeException e) {
            return "error: " + e.getMessage();
        }
    }
}
