package io.botfleet.control.http;

import io.botfleet.api.cluster.BotOwner;
import io.botfleet.api.cluster.ClusterView;
import io.botfleet.control.auth.Principal;
import io.botfleet.control.metrics.HttpStats;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one servlet of the {@code /api} context: runs the route {@link ApiContext} matched and
 * authorised, writes its JSON or the problem it ended in, and audits mutating calls.
 */
@Component(service = Servlet.class, configurationPid = HttpConfig.PID,
        property = {
            HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME + "=botfleet-api",
            HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN + "=/*",
            HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_ASYNC_SUPPORTED + "=true",
            HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT + "=("
                    + HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "=" + ApiContext.NAME + ")"
        })
public class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);
    static final String JSON = "application/json; charset=utf-8";

    @Reference
    transient ApiRouter api;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile HttpStats stats;

    private long maxJsonBytes;
    transient OwnerForwarding forwarding;

    @Activate
    void activate(HttpConfig config) {
        maxJsonBytes = config.maxJsonBodyBytes();
        forwarding = new OwnerForwarding(maxJsonBytes);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Principal principal = (Principal) request.getAttribute(ApiContext.ATTR_PRINCIPAL);
        Router.Match match = (Router.Match) request.getAttribute(ApiContext.ATTR_MATCH);
        boolean open = match != null && match.found() && match.route().open();
        if (match == null || (principal == null && !open)) {
            // Only reachable if the servlet were registered outside its context: fail closed.
            Problems.write(response, ApiException.unauthorized("a bearer token is required"), null);
            return;
        }
        if (!match.found()) {
            ApiException problem = match.allowed() != null
                    ? ApiException.methodNotAllowed(request.getMethod(), match.allowed())
                    : ApiException.notFound("no such route: " + request.getMethod() + " "
                            + ApiRequest.safe(request.getRequestURI()));
            count(problem.status());
            Problems.write(response, problem, null);
            return;
        }
        handle(request, response, principal, match);
    }

    void handle(HttpServletRequest request, HttpServletResponse response, Principal principal,
                Router.Match match) throws IOException {
        Route route = match.route();
        ApiRequest call = new ApiRequest(request, response, principal, match.variables(), maxJsonBytes);
        int status;
        try {
            HttpServletRequest here = forwardedToOwner(request, response, route, match);
            if (here == null) {
                count(response.getStatus());
                return; // the owner audited it
            }
            if (here != request) {
                call = new ApiRequest(here, response, principal, match.variables(), maxJsonBytes);
            }
            Reply reply = route.handler().handle(call);
            if (OwnerForwarding.gathers(route)) {
                reply = Reply.ok(forwarding.gathered(api.cluster(), request, reply.body()));
            }
            status = write(response, reply);
        } catch (Throwable t) {
            if (t instanceof Error error && !(t instanceof StackOverflowError)) {
                throw error;
            }
            ApiException problem = ErrorMapper.map(t, route.action());
            status = problem.status();
            if (response.isCommitted()) {
                LOG.warn("{}: failed after the response was committed: {}", route.action(), t.toString());
            } else {
                Problems.write(response, problem, null);
            }
        }
        count(status);
        if (route.mutating()) {
            api.audit().record(principal, route, match.variables(), call.auditTarget(),
                    call.auditDetail(), status);
        }
    }

    /**
     * Cluster mode: a request about a bot another node runs is answered by that node
     * ({@link OwnerForwarding}). Returns null when it was, else the request to answer here (its
     * body still to be read).
     */
    private HttpServletRequest forwardedToOwner(HttpServletRequest request, HttpServletResponse response, Route route,
                                                Router.Match match) throws IOException {
        ClusterView cluster = api.cluster();
        Optional<BotOwner> owner = forwarding.target(cluster, route, match.variables(), request);
        if (owner.isEmpty()) {
            return request;
        }
        BufferedBodyRequest buffered = forwarding.buffered(request);
        return forwarding.forward(owner.get(), cluster.nodeId(), buffered, response) ? null : buffered;
    }

    private void count(int status) {
        HttpStats s = stats;
        if (s != null) {
            s.recordStatus(status);
        }
    }

    private static int write(HttpServletResponse response, Reply reply) throws IOException {
        if (reply.status() < 0) {
            return response.getStatus(); // the handler wrote the response itself
        }
        response.setStatus(reply.status());
        response.setHeader("Cache-Control", "no-store");
        if (reply.location() != null) {
            response.setHeader("Location", reply.location());
        }
        if (reply.body() != null) {
            response.setContentType(JSON);
            JsonMapper.writeBody(response, reply.body());
        }
        return reply.status();
    }
}
