package io.botfleet.cli;

import static io.botfleet.cli.Fields.text;

import com.fasterxml.jackson.databind.JsonNode;

/** How the nodes of a cluster are shown on a terminal. */
final class NodeViews {

    private NodeViews() {
    }

    /** {@code GET /api/v1/cluster/nodes}: one line per node; the one that answered is marked. */
    static String table(JsonNode cluster) {
        if (!cluster.path("enabled").asBoolean()) {
            return "cluster mode is off: this server runs the whole fleet alone\n";
        }
        String answered = text(cluster, "node");
        Table table = new Table("NODE", "STATE", "BOTS", "MAX BOTS", "VERSION", "HEARTBEAT", "URL");
        for (JsonNode node : cluster.path("nodes")) {
            String id = text(node, "id");
            table.row(id.equals(answered) ? id + " *" : id, text(node, "state"), text(node, "botsHeld"),
                    text(node, "maxBots"), text(node, "version"), text(node, "heartbeat"), text(node, "url"));
        }
        return (table.isEmpty() ? "no nodes\n" : table.render()) + "* answered this request\n";
    }

    /** {@code POST /api/v1/cluster/nodes/{id}/activate}: the node taken back into service. */
    static String activated(JsonNode node) {
        return "node " + text(node, "id") + " is " + text(node, "state") + ": it is given its share of the bots\n";
    }

    /** {@code POST /api/v1/cluster/nodes/{id}/drain}: the node told to drain. */
    static String drained(JsonNode node) {
        String state = text(node, "state");
        return "node " + text(node, "id") + " is " + state + ("DRAINED".equals(state) ? ": it runs no bot\n"
                : ": it hands its " + text(node, "botsHeld") + " bots over to the other nodes\n");
    }
}
