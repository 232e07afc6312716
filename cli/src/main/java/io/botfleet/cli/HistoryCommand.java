package io.botfleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "history", description = "A bot's strategy changes (upgrades, rollbacks), newest first.")
final class HistoryCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "<bot>", description = "the bot's id")
    String bot;

    @Override
    ApiResponse request(ApiClient api) {
        return api.get(ApiPaths.bot(bot) + "/strategy/history");
    }

    @Override
    String render(JsonNode deployments) {
        return StrategyViews.history(deployments);
    }
}
