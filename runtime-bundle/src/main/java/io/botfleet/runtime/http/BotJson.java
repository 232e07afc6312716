package io.botfleet.runtime.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.api.bot.BotConfig;
import io.botfleet.api.bot.BotPatch;
import io.botfleet.api.bot.ExchangeRef;
import io.botfleet.api.bot.InvalidBotConfigException;
import io.botfleet.api.bot.RiskLimits;
import io.botfleet.api.bot.StrategySpec;
import io.botfleet.api.market.Decimals;
import io.botfleet.api.market.Interval;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Request JSON → the platform's bot records, exactly per API.md. Strict: unknown fields, wrong
 * types and bad values are 400s that name the field as a dotted path ({@code risk.orderQty}).
 * Validation of values the records own (id syntax, positive limits...) stays in the records;
 * their {@link InvalidBotConfigException} already names the field.
 */
public final class BotJson {

    private static final Set<String> CONFIG_FIELDS =
            Set.of("id", "strategy", "exchange", "symbol", "interval", "risk", "autoStart");
    private static final Set<String> STRATEGY_FIELDS = Set.of("id", "version", "params");
    private static final Set<String> EXCHANGE_FIELDS = Set.of("id", "account");
    private static final Set<String> RISK_FIELDS = Set.of("orderQty", "maxPositionQty",
            "maxOrderNotional", "stopLossPct", "takeProfitPct", "maxDailyLoss");
    private static final Set<String> PATCH_FIELDS = Set.of("strategy", "risk");
    /** Plain decimal notation only: "0.01", "5000", "-1"; no exponents, no spaces. */
    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,30}(\\.\\d{1,30})?");

    private BotJson() {
    }

    /** A full {@code BotConfig} for {@code POST /api/v1/bots}. */
    public static BotConfig config(JsonNode root) {
        requireObject(root, "body");
        onlyFields(root, CONFIG_FIELDS, "");
        String id = requiredString(root, "id", "id");
        StrategySpec strategy = strategy(required(root, "strategy", "strategy"));
        ExchangeRef exchange = exchange(required(root, "exchange", "exchange"));
        String symbol = requiredString(root, "symbol", "symbol");
        Interval interval = interval(requiredString(root, "interval", "interval"));
        RiskLimits risk = risk(required(root, "risk", "risk"));
        boolean autoStart = optionalBoolean(root, "autoStart", "autoStart", false);
        return new BotConfig(id, strategy, exchange, symbol, interval, risk, autoStart);
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
                params = params(p);
            }
        }
        RiskLimits risk = null;
        JsonNode r = root.get("risk");
        if (r != null && !r.isNull()) {
            risk = risk(r);
        }
        if (params == null && risk == null) {
            throw ApiException.invalid("body", "changes nothing; give strategy.params and/or risk");
        }
        return new BotPatch(params, risk);
    }

    /** {@code {"version": "1.1.0", "force": false}} of a swap. */
    public static SwapRequest swap(JsonNode root) {
        requireObject(root, "body");
        onlyFields(root, Set.of("version", "force"), "");
        String version = osgiVersion(root, "version");
        return new SwapRequest(version, optionalBoolean(root, "force", "force", false));
    }

    /** A parsed swap request. */
    public record SwapRequest(String version, boolean force) {
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

    static StrategySpec strategy(JsonNode node) {
        requireObject(node, "strategy");
        onlyFields(node, STRATEGY_FIELDS, "strategy.");
        String id = requiredString(node, "id", "strategy.id");
        String version = optionalString(node, "version", "strategy.version");
        Map<String, Object> params = Map.of();
        JsonNode p = node.get("params");
        if (p != null && !p.isNull()) {
            requireObject(p, "strategy.params");
            params = params(p);
        }
        return new StrategySpec(id, version, params);
    }

    static ExchangeRef exchange(JsonNode node) {
        requireObject(node, "exchange");
        onlyFields(node, EXCHANGE_FIELDS, "exchange.");
        return new ExchangeRef(requiredString(node, "id", "exchange.id"),
                requiredString(node, "account", "exchange.account"));
    }

    static RiskLimits risk(JsonNode node) {
        requireObject(node, "risk");
        onlyFields(node, RISK_FIELDS, "risk.");
        BigDecimal orderQty = decimal(node, "orderQty");
        if (orderQty == null) {
            throw ApiException.invalid("risk.orderQty", "is required");
        }
        return new RiskLimits(orderQty, decimal(node, "maxPositionQty"),
                decimal(node, "maxOrderNotional"), decimal(node, "stopLossPct"),
                decimal(node, "takeProfitPct"), decimal(node, "maxDailyLoss"));
    }

    static Interval interval(String code) {
        try {
            return Interval.parse(code);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("interval", e.getMessage().replace("unknown interval", "is unknown:"));
        }
    }

    /**
     * Money: a JSON string in plain decimal notation (the API's form), or a JSON number, which
     * is read exactly (never through a double).
     */
    static BigDecimal decimal(JsonNode parent, String name) {
        JsonNode node = parent.get(name);
        String field = "risk." + name;
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            String text = node.textValue();
            if (!DECIMAL.matcher(text).matches()) {
                throw ApiException.invalid(field, "must be a decimal string such as \"0.01\"");
            }
            return bounded(field, new BigDecimal(text));
        }
        if (node.isNumber()) {
            return bounded(field, node.decimalValue());
        }
        throw ApiException.invalid(field, "must be a decimal string such as \"0.01\", was " + kind(node));
    }

    /** The platform's one rule for decimals read from outside ({@link Decimals}), as a 400 naming the field. */
    private static BigDecimal bounded(String field, BigDecimal value) {
        try {
            return Decimals.check(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, e.getMessage());
        }
    }

    /** Strategy params as plain data: maps, lists, strings, booleans, integers, BigDecimals. */
    static Map<String, Object> params(JsonNode node) {
        Map<String, Object> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), plain(e.getValue())));
        return out;
    }

    private static Object plain(JsonNode node) {
        if (node.isObject()) {
            return params(node);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(n -> list.add(plain(n)));
            return list;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToInt() ? (Object) node.intValue()
                    : node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        return null;
    }

    static void requireObject(JsonNode node, String field) {
        if (!node.isObject()) {
            if (field.equals("body")) {
                throw ApiException.invalid("body", "must be a JSON object, was " + kind(node));
            }
            throw ApiException.invalid(field, "must be an object, was " + kind(node));
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
            throw ApiException.invalid(field, "must be a string, was " + kind(node));
        }
        return node.textValue();
    }

    private static String optionalString(JsonNode parent, String name, String field) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.invalid(field, "must be a string, was " + kind(node));
        }
        return node.textValue();
    }

    private static boolean optionalBoolean(JsonNode parent, String name, String field, boolean dflt) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return dflt;
        }
        if (!node.isBoolean()) {
            throw ApiException.invalid(field, "must be true or false, was " + kind(node));
        }
        return node.booleanValue();
    }

    static String kind(JsonNode node) {
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        return "null";
    }
}
