package io.botfleet.control.http;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds the route of a request. Used twice per call with the same answer: by the servlet
 * context's security check (for the role) and by the servlet (for the handler).
 */
public final class Router {

    /** The outcome of a look-up. Exactly one of route and allowed is set, or neither (404). */
    public record Match(Route route, Map<String, String> variables, String allowed) {

        public boolean found() {
            return route != null;
        }
    }

    private static final Match NONE = new Match(null, Map.of(), null);

    private final List<Route> routes;

    public Router(Collection<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    public List<Route> routes() {
        return routes;
    }

    /**
     * @param method   HTTP method
     * @param segments decoded path segments below {@code /api}
     */
    public Match match(String method, List<String> segments) {
        List<String> otherMethods = null;
        for (Route route : routes) {
            Map<String, String> vars = route.template().match(segments);
            if (vars == null) {
                continue;
            }
            if (route.method().equals(method)) {
                return new Match(route, vars, null);
            }
            if (otherMethods == null) {
                otherMethods = new ArrayList<>(3);
            }
            otherMethods.add(route.method());
        }
        if (otherMethods != null) {
            return new Match(null, Map.of(), String.join(", ", new TreeSet<>(otherMethods)));
        }
        return NONE;
    }
}
