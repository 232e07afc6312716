package io.botfleet.control.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.api.cluster.ClusterNode;
import io.botfleet.api.cluster.ClusterView;
import io.botfleet.api.store.Role;
import java.util.List;

/**
 * {@code GET /v1/cluster/nodes} (viewer): the nodes of the cluster as the shared database records
 * them (state, heartbeat, version, bots held), and which one answered. Outside cluster mode:
 * {@code {"enabled": false, "node": null, "nodes": []}}.
 */
public final class ClusterRoutes {

    private final Services services;

    public ClusterRoutes(Services services) {
        this.services = services;
    }

    public List<Route> routes() {
        return List.of(new Route("GET", "/v1/cluster/nodes", Role.VIEWER, r -> Reply.ok(nodes())));
    }

    private ObjectNode nodes() {
        ClusterView cluster = services.cluster();
        ObjectNode body = ApiViews.object();
        body.put("enabled", cluster != null);
        if (cluster == null) {
            body.putNull("node");
            body.putArray("nodes");
            return body;
        }
        body.put("node", cluster.nodeId());
        body.set("nodes", ApiViews.array(cluster.nodes(), ClusterRoutes::view));
        return body;
    }

    private static ObjectNode view(ClusterNode node) {
        ObjectNode n = ApiViews.object();
        n.put("id", node.id());
        n.put("url", node.url());
        n.put("version", node.version());
        n.put("state", node.state());
        ApiViews.time(n, "heartbeat", node.heartbeat());
        n.put("botsHeld", node.botsHeld());
        return n;
    }
}
