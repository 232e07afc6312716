package io.botfleet.runtime.health;

import io.botfleet.api.admin.HealthChecks;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** Liveness: the framework is starting or running, not stopping. */
@Component(property = {HealthCheck.NAME + "=" + FrameworkCheck.NAME, HealthCheck.TAGS + "=" + HealthChecks.LIVE})
public final class FrameworkCheck implements HealthCheck {

    public static final String NAME = HealthChecks.FRAMEWORK;

    private final Bundle systemBundle;

    @Activate
    public FrameworkCheck(BundleContext context) {
        this.systemBundle = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
    }

    @Override
    public Result execute() {
        int state = systemBundle.getState();
        if (state == Bundle.ACTIVE || state == Bundle.STARTING) {
            return new Result(Result.Status.OK, "framework " + BundleStates.name(state));
        }
        return new Result(Result.Status.CRITICAL, "framework " + BundleStates.name(state));
    }
}
