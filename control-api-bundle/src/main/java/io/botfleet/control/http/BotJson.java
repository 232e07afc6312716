package io.botfleet.control.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.api.bot.BotConfig;
import io.botfleet.api.bot.BotPatch;
import io.botfleet.api.bot.InvalidBotConfigException;
import io.botfleet.api.bot.RiskLimits;
import io.botfleet.api.bot.StrategySpec;
import io.botfleet.api.bot.json.BotConfigJson;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Request JSON → the platform's bot records, exactly per docs/api.md. Strict: unknown fields, wrong
 * types and bad values are 400s that name the field as a dotted path ({@code risk.orderQty}).
 * A {@code BotConfig} is read by the platform's one codec ({@link BotConfigJson}); this class adds
 * what only requests have (patches, swaps) and turns the codec's refusals into 400s.
 */
public final class BotJson {

    private static final Set<String> PATCH_FIELDS = Set.of("strategy", "risk");

    private BotJson() {
    }

    /** A full {@code BotConfig} for {@code POST /api/v1/bots}. */
    public static BotConfig config(JsonNode root) {
        return asRequest(() -> BotConfigJson.parseStrict(root));
    }

    /** A {@code BotPatch} for {@code PATCH /api/v1/bots/{id}}: {@code strategy.params} and/or {@code risk}. */
    public static BotPatch patch(JsonNode root) {
        requireObject(root, "body");
        onlyFields(root, PATCH_FIELDS, "");
        Map<String, Object> params = null;
        JsonNode strategy = root.get("strategy");
        if (strategy != null && !strategy.isNull()) {
            requireObject(strategy, "strategy");
            for (Iterator<String> it = strategy.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (name.equals("id") || name.equals("version")) {
                    throw ApiException.invalid("strategy." + name, "cannot be changed by PATCH;"
                            + " swap versions with POST /api/v1/bots/{id}/strategy");
                }
                if (!name.equals("params")) {
                    throw unknown("strategy." + name);
                }
            }
            JsonNode p = strategy.get("params");
            if (p != null && !p.isNull()) {
                requireObject(p, "strategy.params");
                params = asRequest(() -> BotConfigJson.parseParams(p));
            }
        }
        RiskLimits risk = null;
        JsonNode r = root.get("risk");
        if (r != null && !r.isNull()) {
            risk = asRequest(() -> BotConfigJson.parseRisk(r));
        }
        if (params == null && risk == null) {
            throw ApiException.invalid("body", "changes nothing; give strategy.params and/or risk");
        }
        return new BotPatch(params, risk);
    }

    /**
     * {@code {"version": "1.1.0", "force": false}} of a swap, or
     * {@code {"id": "rsi-reversion", "version": "1.0.0", "params": {...}}} of a move to another
     * strategy ({@code id} and {@code params} optional; {@code params} only with {@code id}).
     */
    public static SwapRequest swap(JsonNode root) {
        requireObject(root, "body");
        onlyFields(root, Set.of("id", "version", "params", "force"), "");
        String version = osgiVersion(root, "version");
        String strategyId = null;
        JsonNode id = root.get("id");
        if (id != null && !id.isNull()) {
            if (!id.isTextual()) {
                throw ApiException.invalid("id", "must be a string, was " + BotConfigJson.kindOf(id));
            }
            strategyId = id.textValue();
            String checked = strategyId;
            asRequest(() -> new StrategySpec(checked, null, null));
        }
        Map<String, Object> params = null;
        JsonNode p = root.get("params");
        if (p != null && !p.isNull()) {
            if (strategyId == null) {
                throw ApiException.invalid("params", "goes with id (a move to another strategy);"
                        + " change the parameters of the running one with PATCH /api/v1/bots/{id}");
            }
            requireObject(p, "params");
            params = asRequest(() -> BotConfigJson.parseParams(p));
        }
        return new SwapRequest(strategyId, version, params, optionalBoolean(root, "force", "force", false));
    }

    /**
     * {@code {"exchange","account","flatten","reason"}}, every field optional (no scope: the whole
     * fleet); a null body is the whole fleet, not flattened.
     */
    public static HaltRequest halt(JsonNode root) {
        if (root == null) {
            return new HaltRequest(null, null, false, null);
        }
        requireObject(root, "body");
        onlyFields(root, Set.of("exchange", "account", "flatten", "reason"), "");
        return new HaltRequest(optionalName(root, "exchange"), optionalName(root, "account"),
                optionalBoolean(root, "flatten", "flatten", false), optionalText(root, "reason", 500));
    }

    /** A parsed halt request. */
    public record HaltRequest(String exchange, String account, boolean flatten, String reason) {
    }

    /** {@code {"flatten": true}} of a stop; a null body is a plain stop. */
    public static boolean stopFlatten(JsonNode root) {
        if (root == null) {
            return false;
        }
        requireObject(root, "body");
        onlyFields(root, Set.of("flatten"), "");
        return optionalBoolean(root, "flatten", "flatten", false);
    }

    /** An exchange id or account name: 1-64 characters of [A-Za-z0-9._-], or absent. */
    static String optionalName(JsonNode parent, String name) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.invalid(name, "must be a string, was " + BotConfigJson.kindOf(node));
        }
        return checkName(name, node.textValue());
    }

    static String checkName(String field, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!value.matches("[A-Za-z0-9._-]{1,64}")) {
            throw ApiException.invalid(field, "must be 1-64 characters of [A-Za-z0-9._-]");
        }
        return value;
    }

    private static String optionalText(JsonNode parent, String name, int max) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.invalid(name, "must be a string, was " + BotConfigJson.kindOf(node));
        }
        if (node.textValue().length() > max) {
            throw ApiException.invalid(name, "must be at most " + max + " characters");
        }
        return node.textValue();
    }

    /**
     * A parsed swap request: {@code strategyId} null (or the bot's own) for a version swap, another
     * id for a move; {@code params} null when not given.
     */
    public record SwapRequest(String strategyId, String version, Map<String, Object> params, boolean force) {

        /** True when the request moves a bot running {@code current} to another strategy. */
        public boolean movesFrom(String current) {
            return strategyId != null && !strategyId.equals(current);
        }
    }

    /** {@code {"from": "1.0.0", "version": "1.1.0", "force": false}}: every bot on {@code from} to {@code version}. */
    public static FleetSwapRequest fleetSwap(JsonNode root) {
        requireObject(root, "body");
        onlyFields(root, Set.of("from", "version", "force"), "");
        return new FleetSwapRequest(osgiVersion(root, "from"), osgiVersion(root, "version"),
                optionalBoolean(root, "force", "force", false));
    }

    /** A parsed fleet-wide swap request. */
    public record FleetSwapRequest(String from, String version, boolean force) {
    }

    /** A required OSGi version field, checked with the contract's own rule so the message is the same everywhere. */
    private static String osgiVersion(JsonNode root, String field) {
        String version = requiredString(root, field, field);
        try {
            new StrategySpec("x", version, null);
        } catch (InvalidBotConfigException e) {
            throw ApiException.invalid(field, e.getMessage().substring("strategy.version ".length()));
        }
        return version;
    }

    /** The codec's refusal as the 400 naming its field (the same problem {@link ErrorMapper} makes of it). */
    private static <T> T asRequest(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidBotConfigException e) {
            throw ErrorMapper.map(e, "parsing a request");
        }
    }

    static void requireObject(JsonNode node, String field) {
        if (!node.isObject()) {
            if (field.equals("body")) {
                throw ApiException.invalid("body", "must be a JSON object, was " + BotConfigJson.kindOf(node));
            }
            throw ApiException.invalid(field, "must be an object, was " + BotConfigJson.kindOf(node));
        }
    }

    private static void onlyFields(JsonNode node, Set<String> allowed, String prefix) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw unknown(prefix + name);
            }
        }
    }

    private static ApiException unknown(String field) {
        return ApiException.invalid(ApiRequest.safe(field), "is not a known field");
    }

    private static JsonNode required(JsonNode parent, String name, String field) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw ApiException.invalid(field, "is required");
        }
        return node;
    }

    private static String requiredString(JsonNode parent, String name, String field) {
        JsonNode node = required(parent, name, field);
        if (!node.isTextual()) {
            throw ApiException.invalid(field, "must be a string, was " + BotConfigJson.kindOf(node));
        }
        return node.textValue();
    }

    private static boolean optionalBoolean(JsonNode parent, String name, String field, boolean dflt) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return dflt;
        }
        if (!node.isBoolean()) {
            throw ApiException.invalid(field, "must be true or false, was " + BotConfigJson.kindOf(node));
        }
        return node.booleanValue();
    }
}
