package io.botfleet.control.http;

import io.botfleet.control.auth.TokenService;
import io.botfleet.api.admin.HealthChecks;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Readiness of the API: tokens can be checked. "Every component satisfied" is not enough here,
 * because the token service is satisfied as soon as the store is, but usable only once its
 * activation (installation key, first admin token) has finished; until then every API call
 * would answer 503. A dynamic reference is bound only after that activation, so its presence is
 * the signal.
 */
@Component(property = {HealthCheck.NAME + "=" + ApiReadinessCheck.NAME, HealthCheck.TAGS + "=" + HealthChecks.READY})
public class ApiReadinessCheck implements HealthCheck {

    public static final String NAME = "api";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile TokenService tokens;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ApiRouter api;

    @Override
    public Result execute() {
        if (api == null) {
            return new Result(Result.Status.CRITICAL, "the /api routes are not registered yet");
        }
        if (tokens == null) {
            return new Result(Result.Status.CRITICAL, "token authentication is not available yet");
        }
        return new Result(Result.Status.OK, "/api accepts tokens");
    }
}
