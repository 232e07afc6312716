package io.botfleet.runtime.shell;

import io.botfleet.api.bot.BotManager;
import io.botfleet.api.bot.BotStatus;
import io.botfleet.api.bot.HaltOutcome;
import io.botfleet.api.bot.json.BotConfigJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import java.util.function.Supplier;

/**
 * Gogo commands that mirror the HTTP bot verbs for operators at the console:
 * {@code bot:list}, {@code bot:create <json-file>}, {@code bot:start|stop|pause|resume|status|flatten <id>}.
 * Errors come back as their messages, never as stack traces. The actor is {@code shell}.
 */
@Component(service = BotCommands.class, property = {
    "osgi.command.scope=bot",
    "osgi.command.function=list", "osgi.command.function=create", "osgi.command.function=start",
    "osgi.command.function=stop", "osgi.command.function=pause", "osgi.command.function=resume",
    "osgi.command.function=status", "osgi.command.function=flatten"
})
public class BotCommands {

    static final String ACTOR = "shell";

    @Reference
    BotManager bots;

    public String list() {
        return bots.list().stream().map(BotCommands::line).collect(Collectors.joining("\n"));
    }

    public String create(String jsonFile) {
        return run(() -> {
            try {
                return line(bots.create(BotConfigJson.parseText(Files.readString(Path.of(jsonFile))), ACTOR));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + jsonFile + ": " + e.getMessage());
            }
        });
    }

    public String start(String id) {
        return run(() -> line(bots.start(id, ACTOR)));
    }

    public String stop(String id) {
        return run(() -> line(bots.stop(id, ACTOR)));
    }

    public String pause(String id) {
        return run(() -> line(bots.pause(id, ACTOR)));
    }

    public String resume(String id) {
        return run(() -> line(bots.resume(id, ACTOR)));
    }

    /** Cancels the bot's open orders and closes its position at market; the bot ends PAUSED. */
    public String flatten(String id) {
        return run(() -> {
            HaltOutcome outcome = bots.flatten(id, ACTOR);
            return line(bots.get(id)) + "\n  " + outcome.outcome();
        });
    }

    public String status(String id) {
        return run(() -> {
            BotStatus s = bots.get(id);
            return line(s) + "\n  position " + s.position().qty().toPlainString() + " @ "
                    + s.position().avgPrice().toPlainString() + ", realized " + s.position().realizedPnl().toPlainString()
                    + ", unrealized " + s.position().unrealizedPnl().toPlainString()
                    + "\n  counters " + s.counters()
                    + "\n  last candle " + s.lastCandleTime() + (s.lastError() != null ? "\n  last error " + s.lastError() : "");
        });
    }

    static String line(BotStatus s) {
        return String.format("%-24s %-10s %s@%s %s/%s %s %s", s.id(), s.state(), s.strategyId(), s.strategyVersion(),
                s.exchange().id(), s.exchange().account(), s.symbol(), s.interval().code());
    }

    static String run(Supplier<String> command) {
        try {
            return command.get();
        } catch (RuntimeException e) {
            return "error: " + e.getMessage();
        }
    }
}
