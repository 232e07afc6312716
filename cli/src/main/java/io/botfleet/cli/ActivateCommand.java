package io.botfleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "activate", description = "Take a drained node of the cluster back into service: ACTIVE again,"
        + " it is given its share of the bots (see 'nodes').")
final class ActivateCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "<node>", description = "the node's id")
    String node;

    @Override
    ApiResponse request(ApiClient api) {
        return api.post(ApiPaths.CLUSTER_NODES + "/" + ApiPaths.segment(node) + "/activate", null);
    }

    @Override
    String render(JsonNode activated) {
        return NodeViews.activated(activated);
    }
}
