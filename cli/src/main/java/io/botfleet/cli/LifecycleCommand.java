package io.botfleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code start}, {@code stop}, {@code pause} and {@code resume}: one class, registered once per
 * verb (the verb is the last segment of the route).
 */
@Command
final class LifecycleCommand extends ApiCommand {

    private final String verb;

    @Parameters(index = "0", paramLabel = "<id>", description = "the bot's id")
    String id;

    LifecycleCommand(String verb) {
        this.verb = verb;
    }

    @Override
    ApiResponse request(ApiClient api) {
        return api.post(ApiPaths.bot(id) + "/" + verb, null);
    }

    @Override
    String render(JsonNode bot) {
        return BotViews.line(bot);
    }
}
