package io.botfleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "drain", description = "Have a node of the cluster hand all its bots over to the other nodes"
        + " (it is DRAINED once it holds none; see 'nodes').")
final class DrainCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "<node>", description = "the node's id")
    String node;

    @Override
    ApiResponse request(ApiClient api) {
        return api.post(ApiPaths.CLUSTER_NODES + "/" + ApiPaths.segment(node) + "/drain", null);
    }

    @Override
    String render(JsonNode drained) {
        return NodeViews.drained(drained);
    }
}
