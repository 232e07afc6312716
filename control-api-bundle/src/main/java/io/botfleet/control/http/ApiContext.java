package io.botfleet.control.http;

import io.botfleet.control.auth.Principal;
import io.botfleet.control.auth.TokenService;
import io.botfleet.control.metrics.HttpStats;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;

/**
 * The {@code /api} servlet context. Its {@link #handleSecurity} runs before any servlet of the
 * context and does, in this order: refuse clients that guessed too many tokens (429),
 * authenticate the bearer token (401), find the route and check its role (403). Only then does
 * the request reach {@link ApiServlet}, so a viewer asking to start an unknown bot gets 403,
 * never 404, and nothing under {@code /api} answers without a valid token.
 */
@Component(service = ServletContextHelper.class, scope = ServiceScope.BUNDLE,
        configurationPid = HttpConfig.PID,
        property = {
            HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "=" + ApiContext.NAME,
            HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_PATH + "=/api"
        })
@Designate(ocd = HttpConfig.class)
public class ApiContext extends ServletContextHelper {

    public static final String NAME = "botfleet.api";
    static final String ATTR_PRINCIPAL = "io.botfleet.http.principal";
    static final String ATTR_MATCH = "io.botfleet.http.match";
    /** The dashboard's login cookie; accepted only for the event stream, as API.md says. */
    static final String STREAM_COOKIE = "access_token";
    /** Whether the request came over HTTPS (directly or through a trusted proxy): a Boolean. */
    static final String ATTR_SECURE = "io.botfleet.http.secure";
    /** The stream's route, the only one that accepts the cookie. */
    static final String STREAM_PATH = "/v1/stream";

    @Reference
    ApiRouter api;

    @Reference
    AuthGate gate;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile HttpStats stats;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile TokenService tokens;

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        try {
            // the matched route decides everything: whether a token is needed at all, and whether
            // the stream cookie counts
            Router.Match match;
            ApiException badPath = null;
            try {
                match = api.router().match(request.getMethod(), PathTemplate.segments(pathBelowContext(request)));
            } catch (ApiException e) {
                match = null;
                badPath = e; // answered after authentication, as before: no token, no details
            }
            if (match != null && match.found() && match.route().open()) {
                request.setAttribute(ATTR_MATCH, match); // no principal: nobody is authenticated
                return true;
            }
            Principal principal = authenticate(request, match != null && match.found() && acceptsCookie(match.route()));
            if (badPath != null) {
                throw badPath;
            }
            if (match.found() && !principal.may(match.route().role())) {
                if (match.route().mutating()) {
                    api.audit().record(principal, match.route(), match.variables(), null,
                            "role " + principal.role().name().toLowerCase(Locale.ROOT), 403);
                }
                throw ApiException.forbidden("token '" + principal.name() + "' has role "
                        + principal.role().name().toLowerCase(Locale.ROOT) + "; "
                        + match.route().method() + " " + request.getRequestURI().replaceAll("\\p{Cntrl}", "?")
                        + " needs " + match.route().role().name().toLowerCase(Locale.ROOT));
            }
            request.setAttribute(ATTR_PRINCIPAL, principal);
            request.setAttribute(ATTR_MATCH, match);
            request.setAttribute(ATTR_SECURE, gate.origin().secure(request));
            return true;
        } catch (ApiException e) {
            count(e.status());
            Problems.write(response, e, null);
            return false;
        } catch (RuntimeException e) {
            ApiException problem = ErrorMapper.map(e, "authentication");
            count(problem.status());
            Problems.write(response, problem, null);
            return false;
        }
    }

    /** The one route a browser's EventSource reaches, which cannot send a header: the stream. */
    static boolean acceptsCookie(Route route) {
        return "GET".equals(route.method()) && STREAM_PATH.equals(route.template().toString());
    }

    private Principal authenticate(HttpServletRequest request, boolean cookieAccepted) {
        TokenService service = tokens;
        if (service == null) {
            throw ApiException.unavailable("authentication is not available yet (token store starting)");
        }
        String token = bearer(request, cookieAccepted);
        if (token == null) {
            throw ApiException.unauthorized("a bearer token is required (Authorization: Bearer <token>)");
        }
        return gate.authenticate(request, service, token);
    }

    private void count(int status) {
        HttpStats s = stats;
        if (s != null) {
            s.recordStatus(status);
        }
    }

    /** The token of {@code Authorization: Bearer}, or the stream cookie where it is accepted. */
    private static String bearer(HttpServletRequest request, boolean cookieAccepted) {
        String header = request.getHeader("Authorization");
        if (header != null) {
            String trimmed = header.trim();
            if (trimmed.length() > 7 && trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return trimmed.substring(7).trim();
            }
            throw ApiException.unauthorized("only bearer tokens are accepted (Authorization: Bearer <token>)");
        }
        if (cookieAccepted && request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                if (STREAM_COOKIE.equals(cookie.getName())) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    /** The raw (still encoded) path below {@code /api}. */
    static String pathBelowContext(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        if (context != null && !context.isEmpty() && uri.startsWith(context)) {
            return uri.substring(context.length());
        }
        int api = uri.indexOf("/api/");
        return api >= 0 ? uri.substring(api + 4) : uri;
    }
}
