package io.botfleet.control.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.api.store.ApiToken;
import io.botfleet.api.store.Role;
import io.botfleet.control.auth.TokenService;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code /v1/tokens}: issue, list (names and roles only) and revoke API tokens. Admin only. */
public final class TokenRoutes {

    private static final Set<String> FIELDS = Set.of("name", "role");

    private final Services services;

    public TokenRoutes(Services services) {
        this.services = services;
    }

    public List<Route> routes() {
        return List.of(
                new Route("POST", "/v1/tokens", Role.ADMIN, this::create),
                new Route("GET", "/v1/tokens", Role.ADMIN, r -> Reply.ok(ApiViews.array(
                        services.tokens().list().stream()
                                .sorted(Comparator.comparing(ApiToken::name)).toList(),
                        TokenRoutes::view))),
                new Route("DELETE", "/v1/tokens/{name}", Role.ADMIN, this::revoke));
    }

    private Reply create(ApiRequest r) {
        JsonNode body = r.json();
        BotJson.requireObject(body, "body");
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw ApiException.invalid(ApiRequest.safe(field), "is not a known field");
            }
        }
        JsonNode name = body.get("name");
        if (name == null || !name.isTextual() || !TokenService.isValidName(name.textValue())) {
            throw ApiException.invalid("name", "must be 1-64 characters of [A-Za-z0-9._-]");
        }
        r.auditTarget(name.textValue());
        Role role = role(body.get("role"));
        r.auditDetail("role " + role.name().toLowerCase(Locale.ROOT));
        String token = services.tokens().create(name.textValue(), role);
        ObjectNode out = ApiViews.object();
        out.put("name", name.textValue());
        out.put("role", role.name().toLowerCase(Locale.ROOT));
        out.put("token", token); // shown this once; only its hash is stored
        return Reply.created(out, "/api/v1/tokens/" + name.textValue());
    }

    private Reply revoke(ApiRequest r) {
        String name = r.path("name");
        if (!TokenService.isValidName(name)) {
            throw ApiException.notFound("no token '" + ApiRequest.safe(name) + "'");
        }
        try {
            if (!services.tokens().revoke(name)) {
                throw ApiException.notFound("no token '" + name + "'");
            }
        } catch (IllegalStateException lastAdmin) {
            throw ApiException.conflict(lastAdmin.getMessage());
        }
        return Reply.noContent();
    }

    static Role role(JsonNode node) {
        if (node == null || node.isNull()) {
            throw ApiException.invalid("role", "is required: viewer, operator or admin");
        }
        if (node.isTextual()) {
            switch (node.textValue()) {
                case "viewer":
                    return Role.VIEWER;
                case "operator":
                    return Role.OPERATOR;
                case "admin":
                    return Role.ADMIN;
                default:
                    break;
            }
        }
        throw ApiException.invalid("role", "must be viewer, operator or admin");
    }

    private static ObjectNode view(ApiToken token) {
        ObjectNode n = ApiViews.object();
        n.put("name", token.name());
        n.put("role", token.role().name().toLowerCase(Locale.ROOT));
        ApiViews.time(n, "createdAt", token.createdAt());
        return n;
    }
}
