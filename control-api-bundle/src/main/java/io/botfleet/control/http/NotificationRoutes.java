package io.botfleet.control.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.api.notify.NotificationTargets;
import io.botfleet.api.notify.TargetStatus;
import io.botfleet.api.notify.TestOutcome;
import io.botfleet.api.store.Role;
import java.util.List;

/**
 * {@code GET /v1/notifications} (viewer): the notification targets and how their deliveries go,
 * never a secret or a URL (it may hold a token); {@code POST /v1/notifications/{name}/test}
 * (operator): sends a test message now and answers what the receiver said.
 */
public final class NotificationRoutes {

    private final Services services;

    public NotificationRoutes(Services services) {
        this.services = services;
    }

    public List<Route> routes() {
        return List.of(
                new Route("GET", "/v1/notifications", Role.VIEWER,
                        r -> Reply.ok(ApiViews.array(targets().list(), NotificationRoutes::view))),
                new Route("POST", "/v1/notifications/{name}/test", Role.OPERATOR, r -> {
                    String name = r.path("name");
                    r.auditTarget("notification " + ApiRequest.safe(name));
                    TestOutcome outcome = targets().test(name).orElseThrow(
                            () -> ApiException.notFound("no notification target '" + ApiRequest.safe(name) + "'"));
                    ObjectNode n = ApiViews.object();
                    n.put("name", name);
                    n.put("delivered", outcome.delivered());
                    n.put("status", outcome.status());
                    n.put("detail", outcome.detail());
                    n.put("millis", outcome.millis());
                    return Reply.ok(n);
                }));
    }

    private NotificationTargets targets() {
        NotificationTargets t = services.notifications();
        if (t == null) {
            throw ApiException.unavailable("notifications are not available (notify bundle not running)");
        }
        return t;
    }

    private static ObjectNode view(TargetStatus t) {
        ObjectNode n = ApiViews.object();
        n.put("name", t.name());
        n.put("format", t.format());
        t.events().forEach(n.putArray("events")::add);
        n.put("bots", t.bots());
        n.put("state", t.state().name());
        n.put("backlog", t.backlog());
        n.put("delivered", t.delivered());
        n.put("failed", t.failed());
        ApiViews.time(n, "lastDeliveredAt", t.lastDeliveredAt());
        n.put("lastError", t.lastError());
        t.warnings().forEach(n.putArray("configWarnings")::add);
        return n;
    }
}
