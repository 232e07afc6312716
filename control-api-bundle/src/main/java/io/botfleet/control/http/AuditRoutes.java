package io.botfleet.control.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.api.store.AuditEntry;
import io.botfleet.api.store.Role;
import java.util.List;

/**
 * {@code GET /v1/audit?target=&limit=} (admin): the audit log, newest first — an extension of
 * API.md, so operators can read who did what without database access. Entries never hold a
 * secret (tokens appear by name only).
 */
public final class AuditRoutes {

    private final Services services;

    public AuditRoutes(Services services) {
        this.services = services;
    }

    public List<Route> routes() {
        return List.of(new Route("GET", "/v1/audit", Role.ADMIN, r -> {
            String target = r.query("target");
            if (target != null && (target.isEmpty() || target.length() > 200)) {
                throw ApiException.invalid("target", "must be 1-200 characters");
            }
            return Reply.ok(ApiViews.array(services.auditLog().list(target, r.limit()), AuditRoutes::view));
        }));
    }

    private static ObjectNode view(AuditEntry e) {
        ObjectNode n = ApiViews.object();
        ApiViews.time(n, "time", e.time());
        n.put("actor", e.actor());
        n.put("action", e.action());
        n.put("target", e.target());
        n.put("outcome", e.outcome());
        n.put("detail", e.detail());
        return n;
    }
}
