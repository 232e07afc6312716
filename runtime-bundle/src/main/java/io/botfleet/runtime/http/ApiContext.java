package io.botfleet.runtime.http;

import io.botfleet.runtime.auth.AuthFailureLimiter;
import io.botfleet.runtime.auth.Principal;
import io.botfleet.runtime.auth.TokenService;
import io.botfleet.runtime.metrics.HttpStats;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger LOG = LoggerFactory.getLogger(ApiContext.class);

    @Reference
    ApiRouter api;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile HttpStats stats;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile TokenService tokens;

    private AuthFailureLimiter limiter;

    @Activate
    void activate(HttpConfig config) {
        limiter = new AuthFailureLimiter(config.authFailureLimit(),
                TimeUnit.SECONDS.toNanos(config.authFailureWindowSeconds()), System::nanoTime);
    }

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        try {
            Router.Match open = openRoute(request);
            if (open != null) {
                request.setAttribute(ATTR_MATCH, open); // no principal: nobody is authenticated
                return true;
            }
            Principal principal = authenticate(request);
            List<String> segments = PathTemplate.segments(pathBelowContext(request));
            Router.Match match = api.router().match(request.getMethod(), segments);
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

    /**
     * The match when the request is for an open route (no token needed), else null: everything
     * else is authenticated first, so that without a token even a malformed path answers 401.
     */
    private Router.Match openRoute(HttpServletRequest request) {
        List<String> segments;
        try {
            segments = PathTemplate.segments(pathBelowContext(request));
        } catch (ApiException malformed) {
            return null;
        }
        Router.Match match = api.router().match(request.getMethod(), segments);
        return match.found() && match.route().open() ? match : null;
    }

    private Principal authenticate(HttpServletRequest request) {
        TokenService service = tokens;
        if (service == null) {
            throw ApiException.unavailable("authentication is not available yet (token store starting)");
        }
        String token = bearer(request);
        if (token == null) {
            throw ApiException.unauthorized("a bearer token is required (Authorization: Bearer <token>)");
        }
        String client = request.getRemoteAddr();
        long wait = limiter.retryAfterSeconds(client);
        if (wait > 0) {
            HttpStats s = stats;
            if (s != null) {
                s.recordThrottled();
            }
            throw ApiException.tooManyRequests(wait, "too many failed authentications from this address;"
                    + " retry after " + wait + " s");
        }
        Optional<Principal> principal = service.authenticate(token);
        if (principal.isEmpty()) {
            limiter.recordFailure(client);
            HttpStats s = stats;
            if (s != null) {
                s.recordBadToken();
            }
            LOG.debug("Rejected an invalid or revoked token from {}", client); // never the token
            throw ApiException.unauthorized("the token is invalid or revoked");
        }
        return principal.get();
    }

    private void count(int status) {
        HttpStats s = stats;
        if (s != null) {
            s.recordStatus(status);
        }
    }

    /** The token of {@code Authorization: Bearer}, or the stream cookie on the stream route. */
    private static String bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null) {
            String trimmed = header.trim();
            if (trimmed.length() > 7 && trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return trimmed.substring(7).trim();
            }
            throw ApiException.unauthorized("only bearer tokens are accepted (Authorization: Bearer <token>)");
        }
        if ("GET".equals(request.getMethod()) && request.getRequestURI().endsWith("/v1/stream")
                && request.getCookies() != null) {
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
