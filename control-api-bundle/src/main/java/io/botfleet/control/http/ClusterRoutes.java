package io.botfleet.control.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.api.cluster.ClusterNode;
import io.botfleet.api.cluster.ClusterView;
import io.botfleet.api.store.Role;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;

/**
 * {@code GET /v1/cluster/nodes} (viewer): the nodes of the cluster as the shared database records
 * them (state, heartbeat, version, bots held), and which one answered. Outside cluster mode:
 * {@code {"enabled": false, "node": null, "nodes": []}}. {@code POST /v1/cluster/nodes/{id}/drain}
 * (admin): that node hands all its bots over to the others; {@code .../activate} (admin) takes it
 * back into service.
 */
public final class ClusterRoutes {

    private final Services services;

    public ClusterRoutes(Services services) {
        this.services = services;
    }

    public List<Route> routes() {
        return List.of(new Route("GET", "/v1/cluster/nodes", Role.VIEWER, r -> Reply.ok(nodes())),
                // DRAINING at once (DRAINED once it holds no bot); 409 also when the others have no room
                new Route("POST", "/v1/cluster/nodes/{id}/drain", Role.ADMIN,
                        r -> Reply.ok(onNode(r.path("id"), "drain", ClusterView::drain))),
                // ACTIVE again: it is given its share
                new Route("POST", "/v1/cluster/nodes/{id}/activate", Role.ADMIN,
                        r -> Reply.ok(onNode(r.path("id"), "take back into service", ClusterView::activate))));
    }

    /**
     * A command to node {@code id}, answered with the node as recorded after it. 404 for an
     * unknown node, 409 when the node refuses it (not live, no room) or cluster mode is off.
     */
    private ObjectNode onNode(String id, String what, BiFunction<ClusterView, String, ClusterNode> command) {
        ClusterView cluster = services.cluster();
        if (cluster == null) {
            throw ApiException.conflict("cluster mode is off: there is no node to " + what);
        }
        try {
            return view(command.apply(cluster, id));
        } catch (NoSuchElementException e) {
            throw ApiException.notFound(e.getMessage());
        } catch (IllegalStateException e) {
            throw ApiException.conflict(e.getMessage());
        }
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
        if (node.maxBots().isPresent()) {
            n.put("maxBots", node.maxBots().getAsInt());
        } else {
            n.putNull("maxBots");
        }
        return n;
    }
}
