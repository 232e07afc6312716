package io.botfleet.control.health;

import io.botfleet.api.admin.HealthChecks;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /health/live}: 200 while the framework runs (the {@value HealthChecks#FRAMEWORK} check
 * and any other check tagged {@value HealthChecks#LIVE} pass), 503 otherwise.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(HealthContext.SELECT)
@HttpWhiteboardServletPattern("/live")
public final class LivenessServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final List<String> REQUIRED = List.of(HealthChecks.FRAMEWORK);

    // Optional and dynamic: the endpoint exists from the start and says why it is not live yet,
    // instead of answering 404 until Felix HC's executor comes up.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile HealthCheckExecutor executor;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HealthResponse.write(HealthEvaluator.evaluate(executor, HealthChecks.LIVE, REQUIRED), response);
    }
}
