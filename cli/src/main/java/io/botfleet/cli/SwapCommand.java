package io.botfleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Moves a bot to another version of its strategy. Another strategy id is not offered: the server
 * has no route for that yet ({@code id} is not a field of the swap body).
 */
@Command(name = "swap", description = {"Move a bot to another version of its strategy, between two events.",
        "Answers once the swap is done."})
final class SwapCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "<bot>", description = "the bot's id")
    String bot;

    @Parameters(index = "1", paramLabel = "<version>", description = "the strategy version, e.g. 1.1.0")
    String version;

    @Option(names = "--force", description = "swap even to a version marked bad")
    boolean force;

    @Override
    ApiResponse request(ApiClient api) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("version", version);
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
