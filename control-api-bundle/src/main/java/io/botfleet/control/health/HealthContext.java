package io.botfleet.control.health;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContext;

/**
 * The whiteboard servlet context at {@code /health}. A context of its own keeps the probes out of
 * the API context's authentication, and lets either be replaced without touching the other.
 */
@Component(service = ServletContextHelper.class)
@HttpWhiteboardContext(name = HealthContext.NAME, path = "/health")
public final class HealthContext extends ServletContextHelper {

    /** The context name servlets select with {@link #SELECT}. */
    public static final String NAME = "botfleet-health";

    /** The {@code osgi.http.whiteboard.context.select} filter for this context. */
    public static final String SELECT = "(osgi.http.whiteboard.context.name=" + NAME + ")";
}
