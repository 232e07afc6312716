package io.botfleet.control.http;

import io.botfleet.api.store.Role;

/**
 * One API route: method, path template (relative to {@code /api}), the role it needs, and its
 * handler. Mutating routes are audited. The role sits next to the handler so that reading a
 * route group shows who may call what. A route without a role is {@linkplain #open() open}.
 */
public record Route(String method, PathTemplate template, Role role, Handler handler) {

    public Route(String method, String template, Role role, Handler handler) {
        this(method, new PathTemplate(template), role, handler);
    }

    /**
     * A GET route anyone may call, without a token: only for documents about the API itself
     * (its OpenAPI description), never for data of the fleet.
     */
    public static Route open(String template, Handler handler) {
        return new Route("GET", new PathTemplate(template), null, handler);
    }

    /** True for a route that needs no token (no role). */
    public boolean open() {
        return role == null;
    }

    /** Every call other than GET changes something and is written to the audit log. */
    public boolean mutating() {
        return !"GET".equals(method);
    }

    /** How the audit log names this route, e.g. {@code POST /api/v1/bots/{id}/start}. */
    public String action() {
        return method + " /api" + template;
    }
}
