package io.botfleet.runtime.http;

import io.botfleet.api.store.Role;

/**
 * One API route: method, path template (relative to {@code /api}), the role it needs, and its
 * handler. Mutating routes are audited. The role sits next to the handler so that reading a
 * route group shows who may call what.
 */
public record Route(String method, PathTemplate template, Role role, Handler handler) {

    public Route(String method, String template, Role role, Handler handler) {
        this(method, new PathTemplate(template), role, handler);
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
