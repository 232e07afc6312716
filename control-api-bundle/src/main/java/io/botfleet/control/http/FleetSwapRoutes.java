package io.botfleet.control.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.api.admin.FleetSwaps;
import io.botfleet.api.store.Role;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code POST /v1/strategies/{id}/swap} {@code {"from":"1.0.0","version":"1.1.0","force":false}}:
 * swaps every bot running {@code id@from} to {@code version} in one call (an extension of API.md).
 * Each bot swaps in its own mailbox, side by side; the answer lists every bot with its outcome,
 * and each swap is in that bot's deployment history and audit trail like a single swap.
 */
@Component(service = RouteGroup.class)
public class FleetSwapRoutes implements RouteGroup {

    @Reference
    FleetSwaps fleetSwaps;

    @Override
    public List<Route> routes() {
        return List.of(new Route("POST", "/v1/strategies/{id}/swap", Role.OPERATOR, request -> {
            BotJson.FleetSwapRequest swap = BotJson.fleetSwap(request.json());
            String strategy = request.path("id");
            request.auditTarget(strategy + "@" + swap.from());
            request.auditDetail("to " + swap.version());
            ArrayNode out = JsonMapper.MAPPER.createArrayNode();
            for (FleetSwaps.Outcome o : fleetSwaps.swapAll(strategy, swap.from(), swap.version(), swap.force(),
                    request.actor())) {
                ObjectNode n = out.addObject();
                n.put("botId", o.botId());
                n.put("outcome", o.error() == null ? "OK" : "FAILED");
                if (o.error() != null) {
                    n.put("detail", o.error());
                }
            }
            return Reply.ok(out);
        }));
    }
}
