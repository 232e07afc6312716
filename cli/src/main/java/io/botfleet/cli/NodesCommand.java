package io.botfleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

@Command(name = "nodes", description = "List the nodes of the cluster: state, bots held, maxBots, version, heartbeat.")
final class NodesCommand extends ApiCommand {

    @Override
    ApiResponse request(ApiClient api) {
        return api.get(ApiPaths.CLUSTER_NODES);
    }

    @Override
    String render(JsonNode cluster) {
        return NodeViews.table(cluster);
    }
}
