package io.botfleet.runtime.health;

/** The health check tags Botfleet's endpoints select, for checks registered by any bundle. */
public final class HealthTags {

    /** Checks that fail only when the process should be restarted. */
    public static final String LIVE = "live";

    /** Checks that must pass before the server takes traffic. */
    public static final String READY = "ready";

    private HealthTags() {
    }
}
