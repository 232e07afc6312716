package io.botfleet.control.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.api.store.Role;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code /v1/session}: the dashboard's login and logout (an extension of API.md).
 *
 * <p>A browser's {@code EventSource} cannot send an {@code Authorization} header, and API.md
 * forbids tokens in URLs, so the stream also accepts the token as the {@code access_token}
 * cookie. Login ({@code POST}, authenticated by the bearer token like every route) sets that
 * cookie: {@code HttpOnly} (page scripts cannot read it), {@code SameSite=Strict} (no other site
 * can send it), scoped to the stream's path only (no other route accepts it anyway) and without
 * an expiry, so it ends with the browser session. It answers who the token is, so the page can
 * show the role and disable what the role may not do. Logout ({@code DELETE}) expires it.
 */
public final class SessionRoutes {

    /** The only path the cookie is sent to: the one route that accepts it. */
    static final String COOKIE_PATH = "/api/v1/stream";

    /** What a token the server issued looks like; anything else is never put into a header. */
    private static final Pattern COOKIE_SAFE = Pattern.compile("[A-Za-z0-9._~-]{1,512}");

    public List<Route> routes() {
        return List.of(
                new Route("POST", "/v1/session", Role.VIEWER, this::login),
                new Route("DELETE", "/v1/session", Role.VIEWER, this::logout));
    }

    private Reply login(ApiRequest r) {
        String token = bearerToken(r.servletRequest());
        if (token == null || !COOKIE_SAFE.matcher(token).matches()) {
            // authenticated, yet not by a bearer token this server could have issued
            throw ApiException.invalid("Authorization", "login needs the bearer token the server issued");
        }
        r.servletResponse().setHeader("Set-Cookie", cookie(token, false, secure(r)));
        ObjectNode out = ApiViews.object();
        out.put("name", r.principal().name());
        out.put("role", r.principal().role().name().toLowerCase(Locale.ROOT));
        return Reply.ok(out);
    }

    private Reply logout(ApiRequest r) {
        r.servletResponse().setHeader("Set-Cookie", cookie("", true, secure(r)));
        return Reply.noContent();
    }

    /** Over HTTPS, also behind a trusted proxy that says so: a cookie that never travels in clear. */
    private static boolean secure(ApiRequest r) {
        return Boolean.TRUE.equals(r.servletRequest().getAttribute(ApiContext.ATTR_SECURE))
                || r.servletRequest().isSecure();
    }

    static String cookie(String value, boolean expire, boolean secure) {
        return ApiContext.STREAM_COOKIE + "=" + value + "; Path=" + COOKIE_PATH + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "") + (expire ? "; Max-Age=0" : "");
    }

    private static String bearerToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null) {
            return null;
        }
        String trimmed = header.trim();
        return trimmed.regionMatches(true, 0, "Bearer ", 0, 7) ? trimmed.substring(7).trim() : null;
    }
}
