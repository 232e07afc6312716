package io.botfleet.api.bot.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.api.bot.BotConfig;
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
 * Reads the fields of the {@code BotConfig} JSON, strictly (what a person wrote: unknown fields
 * and money outside plain decimal notation refused, missing parts named) or tolerantly (what this
 * code stored: unknown fields ignored, a missing part left to the records, which name the field).
 */
final class JsonFields {

    static final JsonFields STRICT = new JsonFields(true);
    static final JsonFields TOLERANT = new JsonFields(false);

    private static final Set<String> CONFIG_FIELDS =
            Set.of("id", "strategy", "exchange", "symbol", "interval", "risk", "autoStart");
    private static final Set<String> STRATEGY_FIELDS = Set.of("id", "version", "params");
    private static final Set<String> EXCHANGE_FIELDS = Set.of("id", "account");
    private static final Set<String> RISK_FIELDS = Set.of("orderQty", "maxPositionQty",
            "maxOrderNotional", "stopLossPct", "takeProfitPct", "maxDailyLoss");
    /** Plain decimal notation only: "0.01", "5000", "-1"; no exponents, no spaces. */
    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,30}(\\.\\d{1,30})?");
    private static final JsonNode EMPTY = BotConfigJson.MAPPER.createObjectNode();

    private final boolean strict;

    private JsonFields(boolean strict) {
        this.strict = strict;
    }

    BotConfig config(JsonNode root) {
        requireObject(root, "body");
        onlyFields(root, CONFIG_FIELDS, "");
        String id = string(root, "id", "id");
        StrategySpec strategy = strategy(part(root, "strategy"));
        ExchangeRef exchange = exchange(part(root, "exchange"));
        String symbol = string(root, "symbol", "symbol");
        Interval interval = interval(string(root, "interval", "interval"));
        RiskLimits risk = risk(part(root, "risk"));
        boolean autoStart = optionalBoolean(root, "autoStart");
        return new BotConfig(id, strategy, exchange, symbol, interval, risk, autoStart);
    }

    RiskLimits risk(JsonNode node) {
        requireObject(node, "risk");
        onlyFields(node, RISK_FIELDS, "risk.");
        BigDecimal orderQty = decimal(node, "orderQty");
        if (orderQty == null && strict) {
            throw new InvalidBotConfigException("risk.orderQty", "is required");
        }
        return new RiskLimits(orderQty, decimal(node, "maxPositionQty"),
                decimal(node, "maxOrderNotional"), decimal(node, "stopLossPct"),
                decimal(node, "takeProfitPct"), decimal(node, "maxDailyLoss"));
    }

    Map<String, Object> params(JsonNode node) {
        Map<String, Object> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), plain(e.getValue())));
        return out;
    }

    private StrategySpec strategy(JsonNode node) {
        requireObject(node, "strategy");
        onlyFields(node, STRATEGY_FIELDS, "strategy.");
        String id = string(node, "id", "strategy.id");
        String version = optionalString(node, "version", "strategy.version");
        Map<String, Object> params = Map.of();
        JsonNode p = node.get("params");
        if (p != null && !p.isNull()) {
            requireObject(p, "strategy.params");
            params = params(p);
        }
        return new StrategySpec(id, version, params);
    }

    private ExchangeRef exchange(JsonNode node) {
        requireObject(node, "exchange");
        onlyFields(node, EXCHANGE_FIELDS, "exchange.");
        return new ExchangeRef(string(node, "id", "exchange.id"), string(node, "account", "exchange.account"));
    }

    private Interval interval(String code) {
        if (code == null) {
            return null; // tolerant: the record names the missing field
        }
        try {
            return Interval.parse(code);
        } catch (IllegalArgumentException e) {
            throw new InvalidBotConfigException("interval", e.getMessage().replace("unknown interval", "is unknown:"));
        }
    }

    /**
     * Money: a JSON string (plain decimal notation when strict, the API's form), or a JSON
     * number, read exactly (never through a double) and within {@link Decimals}' bounds.
     */
    private BigDecimal decimal(JsonNode parent, String name) {
        JsonNode node = parent.get(name);
        String field = "risk." + name;
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            if (node.isTextual()) {
                String text = node.textValue();
                if (strict && !DECIMAL.matcher(text).matches()) {
                    throw new InvalidBotConfigException(field, "must be a decimal string such as \"0.01\"");
                }
                return strict ? Decimals.check(new BigDecimal(text)) : Decimals.parse(text);
            }
            if (node.isNumber()) {
                return Decimals.check(node.decimalValue());
            }
        } catch (InvalidBotConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidBotConfigException(field, e.getMessage());
        }
        throw new InvalidBotConfigException(field, "must be a decimal string such as \"0.01\", was " + kind(node));
    }

    private static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> out.put(e.getKey(), plain(e.getValue())));
            return out;
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

    /** A nested object: required when strict; when tolerant an absent one is empty, so the record names the field. */
    private JsonNode part(JsonNode parent, String name) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            if (strict) {
                throw new InvalidBotConfigException(name, "is required");
            }
            return EMPTY;
        }
        return node;
    }

    private static void requireObject(JsonNode node, String field) {
        if (!node.isObject()) {
            throw new InvalidBotConfigException(field, (field.equals("body") ? "must be a JSON object, was "
                    : "must be an object, was ") + kind(node));
        }
    }

    private void onlyFields(JsonNode node, Set<String> allowed, String prefix) {
        if (!strict) {
            return; // a field a later version added
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw new InvalidBotConfigException(printable(prefix + name), "is not a known field");
            }
        }
    }

    /** A required string: when tolerant a missing one is null, and the record names it. */
    private String string(JsonNode parent, String name, String field) {
        String value = optionalString(parent, name, field);
        if (value == null && strict) {
            throw new InvalidBotConfigException(field, "is required");
        }
        return value;
    }

    private static String optionalString(JsonNode parent, String name, String field) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidBotConfigException(field, "must be a string, was " + kind(node));
        }
        return node.textValue();
    }

    private static boolean optionalBoolean(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new InvalidBotConfigException(field, "must be true or false, was " + kind(node));
        }
        return node.booleanValue();
    }

    /** A field name from outside, fit for a message: cut short, control characters replaced. */
    static String printable(String text) {
        String cut = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
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
