package io.botfleet.persistence.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.api.bot.BotConfig;
import io.botfleet.api.bot.ExchangeRef;
import io.botfleet.api.bot.InvalidBotConfigException;
import io.botfleet.api.bot.RiskLimits;
import io.botfleet.api.bot.StrategySpec;
import io.botfleet.api.market.Decimals;
import io.botfleet.api.market.Interval;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stored form of a {@link BotConfig}: the {@code BotConfig} JSON of API.md, so a row can be
 * read by an operator and by any later version. Interval as its code ({@code "1m"}), money as
 * decimal strings, {@code strategy.version} and unset risk limits omitted.
 */
public final class BotConfigJson {

    private BotConfigJson() {
    }

    public static String write(BotConfig config) {
        ObjectNode root = PlainDataJson.MAPPER.createObjectNode();
        root.put("id", config.id());
        ObjectNode strategy = root.putObject("strategy");
        strategy.put("id", config.strategy().id());
        if (config.strategy().version() != null) {
            strategy.put("version", config.strategy().version());
        }
        strategy.set("params", PlainDataJson.MAPPER.valueToTree(config.strategy().params()));
        ObjectNode exchange = root.putObject("exchange");
        exchange.put("id", config.exchange().id());
        exchange.put("account", config.exchange().account());
        root.put("symbol", config.symbol());
        root.put("interval", config.interval().code());
        ObjectNode risk = root.putObject("risk");
        RiskLimits limits = config.risk();
        putMoney(risk, "orderQty", limits.orderQty());
        putMoney(risk, "maxPositionQty", limits.maxPositionQty());
        putMoney(risk, "maxOrderNotional", limits.maxOrderNotional());
        putMoney(risk, "stopLossPct", limits.stopLossPct());
        putMoney(risk, "takeProfitPct", limits.takeProfitPct());
        putMoney(risk, "maxDailyLoss", limits.maxDailyLoss());
        root.put("autoStart", config.autoStart());
        try {
            return PlainDataJson.MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bot " + config.id() + ": parameters cannot be written as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * Parses and validates a stored configuration.
     *
     * @throws InvalidStoredConfigException naming the field and the reason when it does not
     */
    public static BotConfig read(String json) throws InvalidStoredConfigException {
        JsonNode root;
        try {
            root = PlainDataJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidStoredConfigException("stored configuration is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidStoredConfigException("stored configuration is not a JSON object");
        }
        try {
            JsonNode strategy = object(root, "strategy");
            JsonNode exchange = object(root, "exchange");
            JsonNode risk = object(root, "risk");
            StrategySpec spec = new StrategySpec(text(strategy, "id", "strategy.id"),
                    text(strategy, "version", "strategy.version"), params(strategy.get("params")));
            ExchangeRef account = new ExchangeRef(text(exchange, "id", "exchange.id"),
                    text(exchange, "account", "exchange.account"));
            RiskLimits limits = new RiskLimits(money(risk, "orderQty"), money(risk, "maxPositionQty"),
                    money(risk, "maxOrderNotional"), money(risk, "stopLossPct"), money(risk, "takeProfitPct"),
                    money(risk, "maxDailyLoss"));
            return new BotConfig(text(root, "id", "id"), spec, account, text(root, "symbol", "symbol"),
                    interval(root), limits, bool(root, "autoStart"));
        } catch (InvalidBotConfigException e) {
            throw new InvalidStoredConfigException(e.getMessage(), e);
        }
    }

    private static void putMoney(ObjectNode node, String field, BigDecimal value) {
        if (value != null) {
            node.put(field, value.toPlainString());
        }
    }

    private static JsonNode object(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            // an empty object: the record constructors then name the missing field precisely
            return PlainDataJson.MAPPER.createObjectNode();
        }
        if (!node.isObject()) {
            throw new InvalidBotConfigException(field, "must be an object");
        }
        return node;
    }

    private static String text(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidBotConfigException(path, "must be a string");
        }
        return node.asText();
    }

    private static BigDecimal money(JsonNode risk, String field) {
        JsonNode node = risk.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            if (node.isTextual()) {
                return Decimals.parse(node.asText());
            }
            if (node.isNumber()) {
                return Decimals.check(node.decimalValue());
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidBotConfigException("risk." + field, e.getMessage());
        }
        throw new InvalidBotConfigException("risk." + field, "must be a decimal string, was " + node);
    }

    private static Interval interval(JsonNode root) {
        String code = text(root, "interval", "interval");
        if (code == null) {
            return null;
        }
        try {
            return Interval.parse(code);
        } catch (IllegalArgumentException e) {
            throw new InvalidBotConfigException("interval", e.getMessage());
        }
    }

    private static boolean bool(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new InvalidBotConfigException(field, "must be true or false");
        }
        return node.booleanValue();
    }

    private static Map<String, Object> params(JsonNode node) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new InvalidBotConfigException("strategy.params", "must be an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = PlainDataJson.MAPPER.convertValue(node, LinkedHashMap.class);
        return map;
    }
}
