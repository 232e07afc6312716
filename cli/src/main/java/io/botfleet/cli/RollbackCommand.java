package io.botfleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "rollback", description = "Move a bot back to the strategy version it ran before its last swap.")
final class RollbackCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "<bot>", description = "the bot's id")
    String bot;

    @Override
    ApiResponse request(ApiClient api) {
        return api.post(ApiPaths.bot(bot) + "/strategy/rollback", null);
    }

    @Override
    String render(JsonNode status) {
        return BotViews.line(status);
    }
}
