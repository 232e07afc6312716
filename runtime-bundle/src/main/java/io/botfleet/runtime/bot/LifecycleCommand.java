package io.botfleet.runtime.bot;

import io.botfleet.api.bot.BotConflictException;
import io.botfleet.api.bot.BotState;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Locale;

/**
 * The operator's lifecycle verbs and the states each is legal in. Everything else is refused with
 * a reason that names the state and what the verb needs, e.g. "bot btc-1 is STOPPED; resume needs
 * PAUSED".
 */
public enum LifecycleCommand {
    START(EnumSet.of(BotState.CREATED, BotState.STOPPED, BotState.FAILED)),
    STOP(EnumSet.of(BotState.STARTING, BotState.RUNNING, BotState.PAUSED, BotState.SUSPENDED, BotState.FAILED)),
    PAUSE(EnumSet.of(BotState.RUNNING, BotState.STARTING)),
    RESUME(EnumSet.of(BotState.PAUSED)),
    DELETE(EnumSet.of(BotState.STOPPED, BotState.CREATED));

    private final Set<BotState> legalFrom;

    LifecycleCommand(Set<BotState> legalFrom) {
        this.legalFrom = legalFrom;
    }

    public boolean isLegalFrom(BotState state) {
        return legalFrom.contains(state);
    }

    /** @throws BotConflictException when the command is illegal in {@code state} */
    public void check(String botId, BotState state) {
        if (!isLegalFrom(state)) {
            throw new BotConflictException("bot " + botId + " is " + state + "; " + verb() + " needs "
                    + legalFrom.stream().map(Enum::name).collect(Collectors.joining(" or ")));
        }
    }

    public String verb() {
        return name().toLowerCase(Locale.ROOT);
    }
}
