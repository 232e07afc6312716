package io.botfleet.api.admin;

/**
 * Names and tags of the Felix health checks ({@code hc.name}, {@code hc.tags}) that the health
 * endpoints select: any bundle adds to readiness by registering a check tagged {@link #READY}.
 */
public final class HealthChecks {

    /** Tag of the checks {@code /health/live} runs. */
    public static final String LIVE = "live";
    /** Tag of the checks {@code /health/ready} runs. */
    public static final String READY = "ready";
    /** The liveness check: the framework runs. */
    public static final String FRAMEWORK = "framework";
    /** The readiness check of Botfleet's own bundles and components. */
    public static final String RUNTIME = "runtime";
    /** The readiness check of the store. */
    public static final String PERSISTENCE = "persistence";

    private HealthChecks() {
    }
}
