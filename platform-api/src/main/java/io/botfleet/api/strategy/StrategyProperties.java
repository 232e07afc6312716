package io.botfleet.api.strategy;

/**
 * Service properties every {@link Strategy} registration carries. A strategy component is
 * declared like this:
 *
 * <pre>
 * &#64;Component(scope = ServiceScope.PROTOTYPE,
 *            property = {StrategyProperties.ID + "=sma-crossover",
 *                        StrategyProperties.PARAMS_SCHEMA + "=" + MySchema.JSON})
 * public class SmaCrossover implements Strategy { ... }
 * </pre>
 *
 * {@link #VERSION} is added by the runtime from the bundle version when the component does not
 * set it, so one source serves every released version.
 */
public final class StrategyProperties {

    /** The strategy id, stable across versions: {@code [a-z0-9-]{1,64}}. */
    public static final String ID = "strategy.id";

    /** The strategy version, an OSGi version string; defaults to the bundle version. */
    public static final String VERSION = "strategy.version";

    /** Optional JSON Schema (draft 2020-12) of the {@code params} object, for tools and the UI. */
    public static final String PARAMS_SCHEMA = "strategy.params.schema";

    /** Optional one-line description shown to operators. */
    public static final String DESCRIPTION = "strategy.description";

    private StrategyProperties() {
    }
}
