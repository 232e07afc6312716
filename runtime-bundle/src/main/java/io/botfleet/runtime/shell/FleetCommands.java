package io.botfleet.runtime.shell;

import io.botfleet.api.bot.BotManager;
import io.botfleet.api.bot.Halt;
import io.botfleet.api.bot.HaltOutcome;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo commands of the kill switch, as {@code /api/v1/halt}: {@code fleet:halt <scope> [flatten]
 * [reason...]}, {@code fleet:unhalt <scope>}, {@code fleet:halts}. A scope is {@code all} (the
 * whole fleet), an exchange id ({@code bybit}) or an account ({@code bybit/main}).
 */
@Component(service = FleetCommands.class, property = {
    "osgi.command.scope=fleet",
    "osgi.command.function=halt", "osgi.command.function=unhalt", "osgi.command.function=halts"
})
public class FleetCommands {

    @Reference
    BotManager bots;

    /** {@code fleet:halt all}, {@code fleet:halt bybit/main flatten exchange incident}. */
    public String halt(String scope, String... rest) {
        return BotCommands.run(() -> {
            String[] parts = split(scope);
            boolean flatten = rest.length > 0 && rest[0].equals("flatten");
            String reason = Arrays.stream(rest).skip(flatten ? 1 : 0).collect(Collectors.joining(" "));
            Halt halt = new Halt(parts[0], parts[1], flatten, reason, BotCommands.ACTOR, Clock.systemUTC().instant());
            return "halted " + halt.scope() + (flatten ? ", flattening" : "") + "\n" + lines(bots.halt(halt));
        });
    }

    public String unhalt(String scope) {
        return BotCommands.run(() -> {
            String[] parts = split(scope);
            return "lifted\n" + lines(bots.lift(parts[0], parts[1], BotCommands.ACTOR));
        });
    }

    public String halts() {
        List<Halt> halts = bots.halts();
        return halts.isEmpty() ? "no halt is active" : halts.stream().map(Halt::describe).collect(Collectors.joining("\n"));
    }

    /** {@code all} → (null, null); {@code bybit} → (bybit, null); {@code bybit/main} → (bybit, main). */
    static String[] split(String scope) {
        if (scope == null || scope.isBlank() || scope.equals("all")) {
            return new String[] {null, null};
        }
        int slash = scope.indexOf('/');
        return slash < 0 ? new String[] {scope, null} : new String[] {scope.substring(0, slash), scope.substring(slash + 1)};
    }

    private static String lines(List<HaltOutcome> outcomes) {
        return outcomes.isEmpty() ? "  (no bot in scope)" : outcomes.stream()
                .map(o -> String.format("  %-24s %-10s %s", o.botId(), o.state(), o.outcome()))
                .collect(Collectors.joining("\n"));
    }
}
