package io.botfleet.control.http;

import io.botfleet.api.store.Role;
import java.util.List;

/**
 * Placeholders for the docs/api.md routes implemented by {@link RouteGroup} services (bundle
 * deployment, the event stream, candle datasets): while such a service is absent, its routes still exist,
 * authenticated and role-checked like every other route, and answer 501 — a caller learns "not
 * available" only once it is allowed to ask. A registered group replaces them.
 */
public final class PendingRoutes {

    public List<Route> routes() {
        return List.of(
                new Route("GET", "/v1/bundles", Role.VIEWER, r -> pending("listing bundles")),
                new Route("POST", "/v1/bundles", Role.ADMIN, r -> pending("deploying bundles over HTTP")),
                new Route("DELETE", "/v1/bundles/{symbolicName}/{version}", Role.ADMIN,
                        r -> pending("removing bundles over HTTP")),
                new Route("GET", "/v1/stream", Role.VIEWER, r -> pending("the live event stream")),
                new Route("GET", "/v1/candles", Role.VIEWER, r -> pending("listing candle datasets")),
                new Route("PUT", "/v1/candles/{exchange}/{symbol}/{interval}", Role.OPERATOR,
                        r -> pending("uploading candle datasets")),
                new Route("DELETE", "/v1/candles/{exchange}/{symbol}/{interval}", Role.ADMIN,
                        r -> pending("deleting candle datasets")),
                new Route("POST", "/v1/candles/downloads", Role.OPERATOR, r -> pending("downloading candles")));
    }

    private static Reply pending(String what) {
        throw ApiException.notImplemented(what + " is not available: the service behind it is not running");
    }
}
