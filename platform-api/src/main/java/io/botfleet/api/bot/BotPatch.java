package io.botfleet.api.bot;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A change to a bot's configuration, applied at its next event. A null field is left unchanged.
 *
 * @param params replaces {@code strategy.params} entirely
 * @param risk   replaces {@code risk} entirely
 */
public record BotPatch(Map<String, Object> params, RiskLimits risk) {

    public BotPatch {
        params = params == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}
