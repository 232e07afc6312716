package io.botfleet.control.http;

import java.util.List;

/**
 * Routes another part of the runtime adds to {@code /api} (e.g. bundle deployment), registered
 * as a service. A route with the same method and path as a built-in "not implemented yet" route
 * replaces it; the roles, authentication, problem documents and audit of the API apply to it
 * like to every other route.
 */
public interface RouteGroup {

    List<Route> routes();
}
