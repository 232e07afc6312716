package io.botfleet.persistence.osgi;

import java.util.function.Consumer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Hands a reason to refuse the start to whoever launched the framework. Botfleet's launcher
 * registers a {@code java.util.function.Consumer<String>} with {@value #PROPERTY}{@code =true}
 * (a JDK type, so no bundle depends on the launcher): it prints the reason as one line, stops the
 * framework and exits with status 1. Without a launcher (Pax Exam, another host) nobody listens,
 * and the caller carries on reporting the problem in readiness.
 */
final class StartupRefusal {

    static final String PROPERTY = "botfleet.startup.refusal";

    private StartupRefusal() {
    }

    /** True when a launcher took the refusal (it stops the framework). */
    @SuppressWarnings("unchecked")
    static boolean tell(BundleContext context, String reason) {
        ServiceReference<?>[] references;
        try {
            references = context.getServiceReferences(Consumer.class.getName(), "(" + PROPERTY + "=true)");
        } catch (InvalidSyntaxException | IllegalStateException e) {
            return false;
        }
        if (references == null) {
            return false;
        }
        for (ServiceReference<?> reference : references) {
            Object service = context.getService(reference);
            if (service instanceof Consumer<?> consumer) {
                try {
                    ((Consumer<String>) consumer).accept(reason);
                    return true;
                } finally {
                    context.ungetService(reference);
                }
            }
        }
        return false;
    }
}
