package io.botfleet.runtime.health;

import io.botfleet.api.admin.HealthChecks;
import java.util.List;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/**
 * Readiness of the Botfleet code itself: the framework finished starting, every Botfleet bundle
 * that should run is ACTIVE, and every enabled DS component of those bundles is satisfied or
 * active. The message names each bundle and component that is not, and why.
 */
@Component(property = {HealthCheck.NAME + "=" + RuntimeCheck.NAME, HealthCheck.TAGS + "=" + HealthChecks.READY})
public final class RuntimeCheck implements HealthCheck {

    public static final String NAME = HealthChecks.RUNTIME;

    private final BundleContext context;
    private final BotfleetBundles bundles;

    @Activate
    public RuntimeCheck(BundleContext context, @Reference ServiceComponentRuntime scr) {
        this.context = context;
        this.bundles = new BotfleetBundles(context, scr);
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        Bundle framework = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        if (framework.getState() != Bundle.ACTIVE) {
            log.critical("framework is {}: still starting or already stopping", BundleStates.name(framework.getState()));
        }
        List<String> problems = bundles.problems();
        problems.forEach(problem -> log.critical(problem));
        if (problems.isEmpty() && framework.getState() == Bundle.ACTIVE) {
            log.info("{} Botfleet bundles active, {} components satisfied", bundles.activeCount(),
                    bundles.satisfiedComponentCount());
        }
        return new Result(log);
    }
}
