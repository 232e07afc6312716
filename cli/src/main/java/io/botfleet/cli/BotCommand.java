package io.botfleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "bot", description = "Show one bot: state, strategy, position, counters, last error.")
final class BotCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "<id>", description = "the bot's id")
    String id;

    @Override
    ApiResponse request(ApiClient api) {
        return api.get(ApiPaths.bot(id));
    }

    @Override
    String render(JsonNode bot) {
        return BotViews.detail(bot);
    }
}
