package io.botfleet.api.bot.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.api.bot.BotConfig;
import io.botfleet.api.bot.ExchangeRef;
import io.botfleet.api.bot.InvalidBotConfigException;
import io.botfleet.api.bot.RiskLimits;
import io.botfleet.api.bot.StrategySpec;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The {@code BotConfig} JSON of docs/api.md: interval as its code ({@code "1m"}), money as decimal
 * strings, {@code strategy.version} and unset risk limits omitted.
 *
 * <p>Two readings of the same form. {@link #parseStrict} is for what a person wrote (an API
 * request, a seed file, a shell argument): unknown fields, wrong types and money in anything but
 * plain decimal notation are refused. {@link #readStored} is for what this code wrote earlier:
 * fields a later version added are ignored, so a row stays readable across versions. Both name
 * the offending field as a dotted path in an {@link InvalidBotConfigException}; the values the
 * records own (id syntax, positive limits) are checked by the records themselves.
 */
public final class BotConfigJson {

    /**
     * Strict reading (no duplicate keys, no trailing content), fractions as BigDecimal with their
     * scale (money stays exact), BigDecimal written plainly; bounded for texts from outside.
     */
    public static final ObjectMapper MAPPER = mapper();

    private BotConfigJson() {
    }

    private static ObjectMapper mapper() {
        ObjectMapper mapper = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).maxNumberLength(100).maxStringLength(1 << 20).build());
        return mapper;
    }

    /** A configuration a person wrote (an API request body), held to docs/api.md's rules. */
    public static BotConfig parseStrict(JsonNode root) {
        return JsonFields.STRICT.config(root);
    }

    /**
     * A configuration a person wrote as text (a seed file, a shell argument), held to docs/api.md's rules
     * like {@link #parseStrict}.
     *
     * @throws InvalidBotConfigException naming the field, or {@code body} when the text is not JSON
     */
    public static BotConfig parseText(String json) {
        return parseStrict(tree(json, "body"));
    }

    /**
     * A configuration this code stored earlier.
     *
     * @throws InvalidBotConfigException naming the field and the reason when it does not parse or validate
     */
    public static BotConfig readStored(String json) {
        JsonNode root = tree(json, "configuration");
        if (!root.isObject()) {
            throw new InvalidBotConfigException("configuration", "is not a JSON object");
        }
        return JsonFields.TOLERANT.config(root);
    }

    private static JsonNode tree(String json, String field) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            throw new InvalidBotConfigException(field, "is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidBotConfigException(field, "is not JSON: it is empty");
        }
        return root;
    }

    /** Risk limits as docs/api.md writes them (the {@code risk} of a config or a patch), strictly. */
    public static RiskLimits parseRisk(JsonNode node) {
        return JsonFields.STRICT.risk(node);
    }

    /** Strategy parameters as plain data: maps, lists, strings, booleans, integers, BigDecimals. */
    public static Map<String, Object> parseParams(JsonNode node) {
        return JsonFields.STRICT.params(node);
    }

    /**
     * What a JSON value is, for an error message ("an object", "a string", ...): the words every
     * refusal of a wrong type uses, here and in the control API's request bodies.
     */
    public static String kindOf(JsonNode node) {
        return JsonFields.kind(node);
    }

    public static ObjectNode toJson(BotConfig config) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("id", config.id());
        ObjectNode strategy = root.putObject("strategy");
        StrategySpec spec = config.strategy();
        strategy.put("id", spec.id());
        if (spec.version() != null) {
            strategy.put("version", spec.version());
        }
        strategy.set("params", MAPPER.valueToTree(spec.params()));
        ExchangeRef account = config.exchange();
        root.putObject("exchange").put("id", account.id()).put("account", account.account());
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
        return root;
    }

    /** @throws IllegalArgumentException when the parameters hold something JSON cannot express */
    public static String write(BotConfig config) {
        try {
            return MAPPER.writeValueAsString(toJson(config));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("bot " + config.id() + ": parameters cannot be written as JSON: "
                    + e.getMessage(), e);
        }
    }

    private static void putMoney(ObjectNode node, String field, BigDecimal value) {
        if (value != null) {
            node.put(field, value.toPlainString());
        }
    }
}
