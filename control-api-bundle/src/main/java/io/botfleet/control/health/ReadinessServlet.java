package io.botfleet.control.health;

import io.botfleet.api.admin.HealthChecks;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /health/ready}: 200 when every required check is registered and every check tagged
 * {@value HealthChecks#READY} passes (exchange accounts included: each registers its own check),
 * 503 otherwise. The body names each check with its status and message.
 */
@Component(service = Servlet.class, configurationPid = ReadinessServlet.PID)
@Designate(ocd = ReadinessServlet.Config.class)
@HttpWhiteboardContextSelect(HealthContext.SELECT)
@HttpWhiteboardServletPattern("/ready")
public final class ReadinessServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /**
     * The configuration's name from before the control API had its own bundle, kept so that an
     * installation's {@code etc/} file still applies.
     */
    static final String PID = "io.botfleet.runtime.health.ReadinessServlet";

    @ObjectClassDefinition(name = "Botfleet readiness",
            description = "Which health checks /health/ready cannot do without")
    public @interface Config {

        @AttributeDefinition(description = "Names (hc.name) of the checks that must be registered and pass;"
                + " checks tagged 'ready' that are not listed must pass too")
        String[] requiredChecks() default {HealthChecks.RUNTIME, HealthChecks.PERSISTENCE};
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile HealthCheckExecutor executor;

    private volatile List<String> required = List.of();

    @Activate
    @Modified
    void configure(Config config) {
        // A .cfg file gives "a,b" as one string: accept commas inside elements as well.
        required = Arrays.stream(config.requiredChecks())
                .flatMap(names -> Arrays.stream(names.split(",")))
                .map(String::trim).filter(name -> !name.isEmpty()).distinct().toList();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HealthResponse.write(HealthEvaluator.evaluate(executor, HealthChecks.READY, required), response);
    }
}
