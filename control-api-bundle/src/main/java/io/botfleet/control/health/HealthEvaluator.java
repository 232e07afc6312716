package io.botfleet.control.health;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.ResultLog;
import org.apache.felix.hc.api.execution.HealthCheckExecutionOptions;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckSelector;

/**
 * Runs the Felix health checks of one tag and turns them into a verdict: UP when every required
 * check is registered and every check of the tag is OK or WARN.
 *
 * <p>Checks run on every call, bypassing the executor's result cache (2 s by default): a probe
 * must see a component that just went away, and the checks here are cheap.
 */
final class HealthEvaluator {

    private static final Comparator<CheckOutcome> BY_NAME = Comparator.comparing(CheckOutcome::name);

    private HealthEvaluator() {
    }

    static HealthVerdict evaluate(HealthCheckExecutor executor, String tag, Collection<String> required) {
        if (executor == null) {
            List<CheckOutcome> missing = new ArrayList<>();
            for (String name : required) {
                missing.add(new CheckOutcome(name, CheckOutcome.MISSING,
                        "the Felix health check executor is not running yet"));
            }
            return new HealthVerdict(HealthVerdict.DOWN, missing);
        }
        HealthCheckExecutionOptions options = new HealthCheckExecutionOptions().setForceInstantExecution(true);
        List<HealthCheckExecutionResult> results = executor.execute(HealthCheckSelector.tags(tag), options);
        return verdict(results, required);
    }

    static HealthVerdict verdict(List<HealthCheckExecutionResult> results, Collection<String> required) {
        Map<String, CheckOutcome> byName = new LinkedHashMap<>();
        boolean up = true;
        for (HealthCheckExecutionResult result : results) {
            String name = result.getHealthCheckMetadata().getName();
            // Only results of real check services count. An empty selection yields no result at
            // all, which is why required names exist: "nothing failed" is not "ready".
            if (result.getHealthCheckMetadata().getServiceReference() == null) {
                continue;
            }
            Result.Status status = result.getHealthCheckResult().getStatus();
            up &= status == Result.Status.OK || status == Result.Status.WARN;
            byName.put(name, new CheckOutcome(name, status.name(), message(result.getHealthCheckResult())));
        }
        List<CheckOutcome> checks = new ArrayList<>();
        for (String name : required) {
            CheckOutcome outcome = byName.remove(name);
            if (outcome == null) {
                up = false;
                outcome = new CheckOutcome(name, CheckOutcome.MISSING, "no health check named '" + name
                        + "' is registered");
            }
            checks.add(outcome);
        }
        byName.values().stream().sorted(BY_NAME).forEach(checks::add);
        return new HealthVerdict(up ? HealthVerdict.UP : HealthVerdict.DOWN, checks);
    }

    private static String message(Result result) {
        StringJoiner lines = new StringJoiner("\n");
        for (ResultLog.Entry entry : result) {
            if (!entry.isDebug()) {
                lines.add(entry.getMessage());
            }
        }
        return lines.toString();
    }
}
