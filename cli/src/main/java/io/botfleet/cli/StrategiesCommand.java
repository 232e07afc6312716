package io.botfleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

@Command(name = "strategies", description = "List the installed strategy versions and the bots on each.")
final class StrategiesCommand extends ApiCommand {

    @Override
    ApiResponse request(ApiClient api) {
        return api.get(ApiPaths.STRATEGIES);
    }

    @Override
    String render(JsonNode strategies) {
        return StrategyViews.table(strategies);
    }
}
