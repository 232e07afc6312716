package io.botfleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

@Command(name = "bots", description = "List the bots: state, strategy, market, position.")
final class BotsCommand extends ApiCommand {

    @Override
    ApiResponse request(ApiClient api) {
        return api.get(ApiPaths.BOTS);
    }

    @Override
    String render(JsonNode bots) {
        return BotViews.table(bots);
    }
}
