package io.botfleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Moves a bot to another version of its strategy, or with {@code --strategy} to another strategy
 * (the swap body's {@code id} and {@code params}; the server swaps versions when the id is the
 * bot's own).
 */
@Command(name = "swap", description = {"Move a bot to another version of its strategy, between two events,",
        "or with --strategy to another strategy (it starts from --params, warmed up with recent candles).",
        "Answers once the swap is done."})
final class SwapCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "<bot>", description = "the bot's id")
    String bot;

    @Parameters(index = "1", paramLabel = "<version>", description = "the strategy version, e.g. 1.1.0")
    String version;

    @Option(names = "--force", description = "swap even to a version marked bad")
    boolean force;

    @Option(names = "--strategy", paramLabel = "<id>", description = "another strategy to move the bot to")
    String strategy;

    @Option(names = "--params", paramLabel = "<k=v,...>", description = "with --strategy: its parameters (default: its defaults)")
    String params;

    @Override
    ApiResponse request(ApiClient api) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (strategy != null) {
            body.put("id", strategy);
        } else if (params != null) {
            throw new CtlException(CtlException.USAGE, "--params goes with --strategy; change the parameters of"
                    + " the running strategy with the API's PATCH /api/v1/bots/{id}");
        }
        body.put("version", version);
        if (params != null) {
            body.set("params", StrategyParams.parse(params, false));
        }
        if (force) {
            body.put("force", true);
        }
        return api.post(ApiPaths.bot(bot) + "/strategy", body.toString());
    }

    @Override
    String render(JsonNode status) {
        return BotViews.line(status);
    }
}
