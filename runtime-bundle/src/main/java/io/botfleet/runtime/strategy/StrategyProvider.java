package io.botfleet.runtime.strategy;

import io.botfleet.api.strategy.Strategy;
import org.osgi.framework.Bundle;
import org.osgi.framework.Version;
import org.osgi.service.component.ComponentServiceObjects;

/**
 * One installed version of one strategy: the prototype service bots take their instances from.
 *
 * @param id      strategy id
 * @param version its version
 * @param objects where per-bot instances come from
 * @param bundle  the bundle providing it
 */
public record StrategyProvider(String id, Version version, ComponentServiceObjects<Strategy> objects,
                               Bundle bundle) {

    /** A new instance for one bot, or null when the service went away meanwhile. */
    public Strategy newInstance() {
        try {
            return objects.getService();
        } catch (IllegalStateException gone) {
            return null;
        }
    }

    /** Gives an instance back; safe to call after the service went away. */
    public void release(Strategy instance) {
        try {
            objects.ungetService(instance);
        } catch (IllegalStateException | IllegalArgumentException gone) {
            // the component is already deactivated: nothing left to release
        }
    }

    public String versionString() {
        return version.toString();
    }
}
