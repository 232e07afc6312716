package io.botfleet.control.metrics;

import io.botfleet.api.store.Role;
import io.botfleet.control.auth.Principal;
import io.botfleet.control.auth.TokenService;
import io.botfleet.control.http.ApiException;
import io.botfleet.control.http.AuthGate;
import io.botfleet.control.http.HttpConfig;
import io.botfleet.control.http.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;

/**
 * The {@code /metrics} servlet context, separate from {@code /api} so that scrapers need no
 * token by default. With {@code metricsRequireToken=true} (PID {@code io.botfleet.http}) a
 * viewer token is required, checked like the API's and throttled by the same {@link AuthGate}.
 */
@Component(service = ServletContextHelper.class, scope = ServiceScope.BUNDLE,
        configurationPid = HttpConfig.PID,
        property = {
            HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "=" + MetricsContext.NAME,
            HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_PATH + "=/metrics"
        })
public class MetricsContext extends ServletContextHelper {

    public static final String NAME = "botfleet.metrics";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile TokenService tokens;

    @Reference
    AuthGate gate;

    private volatile boolean requireToken;

    @Activate
    @Modified
    void configure(HttpConfig config) {
        requireToken = config.metricsRequireToken();
    }

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (!requireToken) {
            return true;
        }
        TokenService service = tokens;
        if (service == null) {
            Problems.write(response, ApiException.unavailable("authentication is not available yet"), null);
            return false;
        }
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Problems.write(response, ApiException.unauthorized("a bearer token is required"), null);
            return false;
        }
        try {
            // throttled like the API, by the same gate: guesses here count there and back
            Principal principal = gate.authenticate(request, service, header.substring(7).trim());
            if (!principal.may(Role.VIEWER)) {
                throw ApiException.forbidden("a viewer token is required");
            }
            return true;
        } catch (ApiException refused) {
            Problems.write(response, refused, null);
            return false;
        }
    }
}
