package io.botfleet.api.backtest.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.api.backtest.Backtest;
import io.botfleet.api.backtest.BacktestRequest;
import io.botfleet.api.backtest.BacktestRun;
import io.botfleet.api.backtest.DatasetRange;
import io.botfleet.api.backtest.EquityPoint;
import io.botfleet.api.backtest.InvalidBacktestException;
import io.botfleet.api.backtest.RunFill;
import io.botfleet.api.backtest.RunReport;
import io.botfleet.api.backtest.RunTrade;
import io.botfleet.api.backtest.StrategySweep;
import io.botfleet.api.backtest.SweepProgress;
import io.botfleet.api.bot.RiskLimits;
import io.botfleet.api.bot.json.BotConfigJson;
import io.botfleet.api.market.Decimals;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads a backtest request strictly (unknown fields refused, each error naming its field) and
 * writes every backtest shape of the API. Money is a decimal string, times ISO-8601 UTC, ratios
 * JSON numbers.
 */
public final class BacktestJson {

    private static final ObjectMapper MAPPER = BotConfigJson.MAPPER;
    private static final Set<String> REQUEST_FIELDS =
            Set.of("strategy", "data", "risk", "balances", "feeBps", "slippageBps");
    private static final Set<String> STRATEGY_FIELDS = Set.of("id", "version", "params");
    private static final Set<String> DATA_FIELDS = Set.of("exchange", "symbol", "interval", "from", "to");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,30}(\\.\\d{1,30})?");

    private BacktestJson() {
    }

    // ---- reading a request ------------------------------------------------------------------

    /**
     * The body of {@code POST /api/v1/backtests}. Without {@code risk}, {@link BacktestRequest#defaultRisk()};
     * without {@code balances}, none: the service opens with the quote coin's default
     * ({@link BacktestRequest#DEFAULT_QUOTE_BALANCE}).
     *
     * @throws InvalidBacktestException naming the field (risk fields: {@code InvalidBotConfigException})
     */
    public static BacktestRequest parseRequest(JsonNode root) {
        requireObject(root, "body");
        onlyFields(root, REQUEST_FIELDS, "");
        StrategySweep strategy = strategy(required(root, "strategy"));
        DatasetRange data = data(required(root, "data"));
        RiskLimits risk = given(root, "risk") ? BotConfigJson.parseRisk(root.get("risk")) : BacktestRequest.defaultRisk();
        Map<String, BigDecimal> balances = given(root, "balances") ? balances(root.get("balances")) : Map.of();
        BigDecimal fee = root.has("feeBps") ? decimal(root.get("feeBps"), "feeBps") : BigDecimal.ZERO;
        BigDecimal slippage = root.has("slippageBps") ? decimal(root.get("slippageBps"), "slippageBps")
                : BigDecimal.ZERO;
        return new BacktestRequest(strategy, data, risk, balances, fee, slippage);
    }

    /**
     * A request a person wrote as text (a shell argument, a file), held to the same rules.
     *
     * @throws InvalidBacktestException naming the field, or {@code body} when the text is not JSON
     */
    public static BacktestRequest parseRequestText(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            throw new InvalidBacktestException("body", "is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidBacktestException("body", "is not JSON: it is empty");
        }
        return parseRequest(root);
    }

    /** The request as compact JSON text ({@link #request}). */
    public static String requestText(BacktestRequest request) {
        return write(request(request));
    }

    /** A request this code stored ({@link #request}). */
    public static BacktestRequest readRequest(String json) {
        return parseRequest(tree(json));
    }

    private static StrategySweep strategy(JsonNode node) {
        requireObject(node, "strategy");
        onlyFields(node, STRATEGY_FIELDS, "strategy.");
        String id = string(node, "id", "strategy.id");
        JsonNode version = required(node, "version", "strategy.version");
        List<String> versions = new ArrayList<>();
        if (version.isArray()) {
            for (JsonNode v : version) {
                if (!v.isTextual()) {
                    throw new InvalidBacktestException("strategy.version", "must hold strings, held " + kind(v));
                }
                versions.add(v.textValue());
            }
        } else if (version.isTextual()) {
            versions.add(version.textValue());
        } else {
            throw new InvalidBacktestException("strategy.version", "must be a string or an array of strings, was "
                    + kind(version));
        }
        if (versions.size() != Set.copyOf(versions).size()) {
            throw new InvalidBacktestException("strategy.version", "names a version twice");
        }
        Map<String, List<Object>> params = new LinkedHashMap<>();
        JsonNode p = node.get("params");
        if (p != null && !p.isNull()) {
            requireObject(p, "strategy.params");
            for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                ObjectNode one = MAPPER.createObjectNode();
                List<Object> values = new ArrayList<>();
                if (e.getValue().isArray()) {
                    e.getValue().forEach(v -> values.add(plain(one, v)));
                } else {
                    values.add(plain(one, e.getValue()));
                }
                if (values.isEmpty()) {
                    throw new InvalidBacktestException("strategy.params." + printable(e.getKey()),
                            "is an empty array: give at least one value");
                }
                params.put(e.getKey(), values);
            }
        }
        return new StrategySweep(id, versions, params);
    }

    private static Object plain(ObjectNode holder, JsonNode value) {
        holder.set("v", value);
        return BotConfigJson.parseParams(holder).get("v");
    }

    private static DatasetRange data(JsonNode node) {
        requireObject(node, "data");
        onlyFields(node, DATA_FIELDS, "data.");
        return new DatasetRange(string(node, "exchange", "data.exchange"), string(node, "symbol", "data.symbol"),
                string(node, "interval", "data.interval"), time(node, "from"), time(node, "to"));
    }

    private static Instant time(JsonNode parent, String name) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidBacktestException("data." + name, "must be an ISO-8601 time string, was " + kind(node));
        }
        try {
            return Instant.parse(node.textValue());
        } catch (DateTimeParseException e) {
            throw new InvalidBacktestException("data." + name, "must be an ISO-8601 UTC time such as "
                    + "\"2025-01-01T00:00:00Z\", was \"" + printable(node.textValue()) + "\"");
        }
    }

    private static Map<String, BigDecimal> balances(JsonNode node) {
        requireObject(node, "balances");
        Map<String, BigDecimal> out = new TreeMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), decimal(e.getValue(), "balances." + printable(e.getKey()))));
        if (out.isEmpty()) {
            throw new InvalidBacktestException("balances", "needs at least one coin, e.g. {\"USDT\": \"100000\"}");
        }
        return out;
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        try {
            if (node.isTextual() && DECIMAL.matcher(node.textValue()).matches()) {
                return Decimals.check(new BigDecimal(node.textValue()));
            }
            if (node.isNumber()) {
                return Decimals.check(node.decimalValue());
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidBacktestException(field, e.getMessage());
        }
        throw new InvalidBacktestException(field, "must be a decimal string such as \"7.5\", was " + kind(node));
    }

    private static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode required(JsonNode parent, String name) {
        return required(parent, name, name);
    }

    /** Present and not null: an optional field that a request names. */
    private static boolean given(JsonNode parent, String name) {
        JsonNode node = parent.get(name);
        return node != null && !node.isNull();
    }

    private static JsonNode required(JsonNode parent, String name, String field) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw new InvalidBacktestException(field, "is required");
        }
        return node;
    }

    private static String string(JsonNode parent, String name, String field) {
        JsonNode node = required(parent, name, field);
        if (!node.isTextual()) {
            throw new InvalidBacktestException(field, "must be a string, was " + kind(node));
        }
        return node.textValue();
    }

    private static void requireObject(JsonNode node, String field) {
        if (!node.isObject()) {
            throw new InvalidBacktestException(field, (field.equals("body") ? "must be a JSON object, was "
                    : "must be an object, was ") + kind(node));
        }
    }

    private static void onlyFields(JsonNode node, Set<String> allowed, String prefix) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw new InvalidBacktestException(printable(prefix + name), "is not a known field");
            }
        }
    }

    private static String kind(JsonNode node) {
        return BotConfigJson.kindOf(node);
    }

    private static String printable(String text) {
        String cut = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    // ---- writing ------------------------------------------------------------------------------

    /** The request in the shape it is read: a single version or value as itself, several as an array. */
    public static ObjectNode request(BacktestRequest request) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode strategy = root.putObject("strategy");
        StrategySweep sweep = request.strategy();
        strategy.put("id", sweep.id());
        if (sweep.versions().size() == 1) {
            strategy.put("version", sweep.versions().get(0));
        } else {
            sweep.versions().forEach(strategy.putArray("version")::add);
        }
        ObjectNode params = strategy.putObject("params");
        sweep.params().forEach((name, values) -> params.set(name,
                MAPPER.valueToTree(values.size() == 1 ? values.get(0) : values)));
        DatasetRange range = request.data();
        ObjectNode data = root.putObject("data");
        data.put("exchange", range.exchange());
        data.put("symbol", range.symbol());
        data.put("interval", range.interval());
        if (range.from() != null) {
            time(data, "from", range.from());
        }
        if (range.to() != null) {
            time(data, "to", range.to());
        }
        ObjectNode risk = root.putObject("risk");
        RiskLimits limits = request.risk();
        optionalMoney(risk, "orderQty", limits.orderQty());
        optionalMoney(risk, "maxPositionQty", limits.maxPositionQty());
        optionalMoney(risk, "maxOrderNotional", limits.maxOrderNotional());
        optionalMoney(risk, "stopLossPct", limits.stopLossPct());
        optionalMoney(risk, "takeProfitPct", limits.takeProfitPct());
        optionalMoney(risk, "maxDailyLoss", limits.maxDailyLoss());
        if (!request.balances().isEmpty()) { // none before the service applies its default
            ObjectNode balances = root.putObject("balances");
            new TreeMap<>(request.balances()).forEach((coin, amount) -> money(balances, coin, amount));
        }
        money(root, "feeBps", request.feeBps());
        money(root, "slippageBps", request.slippageBps());
        return root;
    }

    /** The {@code Backtest} of the API; its runs only when it has some (a listing has none). */
    public static ObjectNode backtest(Backtest b) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", b.id());
        n.put("state", b.state().name());
        time(n, "createdAt", b.createdAt());
        time(n, "startedAt", b.startedAt());
        time(n, "finishedAt", b.finishedAt());
        n.put("actor", b.actor());
        n.set("request", request(b.request()));
        n.set("progress", progress(b.progress()));
        n.put("error", b.error());
        ArrayNode runs = n.putArray("runs");
        for (BacktestRun run : b.runs()) {
            runs.add(run(run));
        }
        return n;
    }

    /** {@code {"runsDone","runs","candlesDone","candles"}}. */
    public static ObjectNode progress(SweepProgress p) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("runsDone", p.runsDone());
        n.put("runs", p.runs());
        n.put("candlesDone", p.candlesDone());
        n.put("candles", p.candles());
        return n;
    }

    public static ObjectNode run(BacktestRun run) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("n", run.n());
        ObjectNode strategy = n.putObject("strategy");
        strategy.put("id", run.strategy().id());
        strategy.put("version", run.strategy().version());
        strategy.set("params", MAPPER.valueToTree(run.strategy().params()));
        n.put("state", run.state().name());
        n.put("error", run.error());
        n.set("report", report(run.report()));
        return n;
    }

    public static ObjectNode report(RunReport r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("candles", r.candles());
        time(n, "firstCandle", r.firstCandle());
        time(n, "lastCandle", r.lastCandle());
        n.put("orders", r.orders());
        n.put("fills", r.fills());
        n.put("trades", r.trades());
        n.put("wins", r.wins());
        n.put("losses", r.losses());
        n.put("winRatePct", r.winRatePct());
        money(n, "netPnl", r.netPnl());
        money(n, "grossProfit", r.grossProfit());
        money(n, "grossLoss", r.grossLoss());
        money(n, "fees", r.fees());
        n.put("returnPct", r.returnPct());
        n.put("profitFactor", r.profitFactor());
        money(n, "maxDrawdown", r.maxDrawdown());
        n.put("maxDrawdownPct", r.maxDrawdownPct());
        n.put("sharpe", r.sharpe());
        n.put("sortino", r.sortino());
        n.put("exposurePct", r.exposurePct());
        n.put("avgTradeMinutes", r.avgTradeMinutes());
        n.put("buyAndHoldReturnPct", r.buyAndHoldReturnPct());
        ObjectNode balances = n.putObject("endBalances");
        new TreeMap<>(r.endBalances()).forEach((coin, amount) -> money(balances, coin, amount));
        ObjectNode position = n.putObject("finalPosition");
        money(position, "qty", r.finalQty());
        money(position, "avgPrice", r.finalAvgPrice());
        return n;
    }

    /** A report this code wrote ({@link #report}). */
    public static RunReport readReport(String json) {
        JsonNode n = tree(json);
        Map<String, BigDecimal> balances = new TreeMap<>();
        n.path("endBalances").fields().forEachRemaining(e -> balances.put(e.getKey(), new BigDecimal(e.getValue().asText())));
        JsonNode position = n.path("finalPosition");
        return new RunReport(n.path("candles").asLong(), readTime(n, "firstCandle"), readTime(n, "lastCandle"),
                n.path("orders").asLong(), n.path("fills").asLong(), n.path("trades").asInt(), n.path("wins").asInt(),
                n.path("losses").asInt(), readDouble(n, "winRatePct"), readMoney(n, "netPnl"),
                readMoney(n, "grossProfit"), readMoney(n, "grossLoss"), readMoney(n, "fees"),
                readDouble(n, "returnPct"), readDouble(n, "profitFactor"), readMoney(n, "maxDrawdown"),
                readDouble(n, "maxDrawdownPct"), readDouble(n, "sharpe"), readDouble(n, "sortino"),
                readDouble(n, "exposurePct"), readDouble(n, "avgTradeMinutes"), readDouble(n, "buyAndHoldReturnPct"),
                balances, readMoney(position, "qty"), readMoney(position, "avgPrice"));
    }

    /** The API's {@code Fill} plus {@code side} and {@code candleTime}. */
    public static ObjectNode fill(RunFill f) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("execId", f.execId());
        n.put("clientOrderId", f.clientOrderId());
        n.put("side", f.side().name());
        money(n, "qty", f.qty());
        money(n, "price", f.price());
        money(n, "fee", f.fee());
        n.put("feeCurrency", f.feeCurrency());
        time(n, "time", f.time());
        time(n, "candleTime", f.candleTime());
        return n;
    }

    public static ObjectNode trade(RunTrade t) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("direction", t.direction());
        time(n, "entryTime", t.entryTime());
        time(n, "exitTime", t.exitTime());
        money(n, "qty", t.qty());
        money(n, "entryPrice", t.entryPrice());
        money(n, "exitPrice", t.exitPrice());
        money(n, "pnl", t.pnl());
        money(n, "fees", t.fees());
        n.put("fills", t.fills());
        return n;
    }

    public static ObjectNode equity(EquityPoint p) {
        ObjectNode n = MAPPER.createObjectNode();
        time(n, "time", p.time());
        money(n, "equity", p.equity());
        return n;
    }

    /** Compact JSON text. */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void money(ObjectNode n, String field, BigDecimal value) {
        if (value == null) {
            n.putNull(field);
        } else {
            n.put(field, value.toPlainString());
        }
    }

    /** A request's optional money: absent when not given, as it was read. */
    private static void optionalMoney(ObjectNode n, String field, BigDecimal value) {
        if (value != null) {
            n.put(field, value.toPlainString());
        }
    }

    private static void time(ObjectNode n, String field, Instant value) {
        if (value == null) {
            n.putNull(field);
        } else {
            n.put(field, value.toString());
        }
    }

    private static BigDecimal readMoney(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : new BigDecimal(v.asText());
    }

    private static Double readDouble(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asDouble();
    }

    private static Instant readTime(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : Instant.parse(v.asText());
    }
}
