package io.botfleet.control.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.api.bot.BotCounters;
import io.botfleet.api.bot.BotEvent;
import io.botfleet.api.bot.Halt;
import io.botfleet.api.bot.HaltOutcome;
import io.botfleet.api.bot.BotFill;
import io.botfleet.api.bot.BotOrder;
import io.botfleet.api.bot.BotStatus;
import io.botfleet.api.bot.DailyPnl;
import io.botfleet.api.bot.Deployment;
import io.botfleet.api.bot.Position;
import io.botfleet.api.market.Candle;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The platform's records → the response shapes of docs/api.md. Money is a plain decimal string,
 * times ISO-8601 UTC, absent values explicit nulls (so every documented field is always there).
 */
public final class ApiViews {

    private ApiViews() {
    }

    public static ObjectNode botStatus(BotStatus s) {
        ObjectNode n = object();
        n.put("id", s.id());
        n.put("state", s.state().name());
        n.put("desiredState", s.desiredState().name());
        ObjectNode strategy = n.putObject("strategy");
        strategy.put("id", s.strategyId());
        strategy.put("version", s.strategyVersion());
        ObjectNode exchange = n.putObject("exchange");
        exchange.put("id", s.exchange().id());
        exchange.put("account", s.exchange().account());
        n.put("symbol", s.symbol());
        n.put("interval", s.interval().code());
        Position p = s.position();
        ObjectNode position = n.putObject("position");
        money(position, "qty", p.qty());
        money(position, "avgPrice", p.avgPrice());
        money(position, "unrealizedPnl", p.unrealizedPnl());
        money(position, "realizedPnl", p.realizedPnl());
        BotCounters c = s.counters();
        ObjectNode counters = n.putObject("counters");
        counters.put("candles", c.candles());
        counters.put("signals", c.signals());
        counters.put("orders", c.orders());
        counters.put("fills", c.fills());
        counters.put("rejected", c.rejected());
        counters.put("errors", c.errors());
        time(n, "lastCandleTime", s.lastCandleTime());
        n.put("lastError", s.lastError());
        n.put("unresolvedOrders", s.unresolvedOrders());
        n.put("openOrders", s.openOrders());
        n.put("node", s.node());
        time(n, "updatedAt", s.updatedAt());
        if (s.feed() == null) {
            n.putNull("feed");
        } else {
            ObjectNode feed = n.putObject("feed");
            feed.put("state", s.feed().state().name());
            time(feed, "since", s.feed().since());
        }
        dailyPnl(n, s.dailyPnl());
        return n;
    }

    private static void dailyPnl(ObjectNode n, DailyPnl d) {
        if (d == null) {
            n.putNull("dailyPnl");
            return;
        }
        ObjectNode day = n.putObject("dailyPnl");
        day.put("day", d.day().toString());
        money(day, "realizedPnl", d.realizedPnl());
        money(day, "maxDailyLoss", d.maxDailyLoss());
        day.put("limitReached", d.limitReached());
    }

    public static ObjectNode order(BotOrder o) {
        ObjectNode n = object();
        n.put("clientOrderId", o.clientOrderId());
        n.put("exchangeOrderId", o.exchangeOrderId());
        n.put("symbol", o.symbol());
        n.put("side", o.side().name());
        n.put("type", o.type().name());
        money(n, "qty", o.qty());
        money(n, "price", o.price());
        n.put("status", o.status().name());
        money(n, "filledQty", o.filledQty());
        money(n, "avgFillPrice", o.avgFillPrice());
        time(n, "createdAt", o.createdAt());
        time(n, "updatedAt", o.updatedAt());
        n.put("reason", o.reason());
        return n;
    }

    public static ObjectNode fill(BotFill f) {
        ObjectNode n = object();
        n.put("execId", f.execId());
        n.put("clientOrderId", f.clientOrderId());
        n.put("side", f.side().name());
        money(n, "qty", f.qty());
        money(n, "price", f.price());
        money(n, "fee", f.fee());
        n.put("feeCurrency", f.feeCurrency());
        time(n, "time", f.time());
        return n;
    }

    public static ObjectNode event(BotEvent e) {
        ObjectNode n = object();
        time(n, "time", e.time());
        n.put("type", e.type().name());
        n.put("message", e.message());
        return n;
    }

    public static ObjectNode candle(Candle c) {
        ObjectNode n = object();
        n.put("symbol", c.symbol());
        n.put("interval", c.interval().code());
        time(n, "openTime", c.openTime());
        money(n, "open", c.open());
        money(n, "high", c.high());
        money(n, "low", c.low());
        money(n, "close", c.close());
        money(n, "volume", c.volume());
        n.put("closed", c.closed());
        return n;
    }

    public static ObjectNode deployment(Deployment d) {
        ObjectNode n = object();
        n.put("strategyId", d.strategyId());
        n.put("fromStrategyId", d.fromStrategyId());
        n.put("toStrategyId", d.toStrategyId());
        n.put("fromVersion", d.fromVersion());
        n.put("toVersion", d.toVersion());
        params(n, "fromParams", d.fromParams());
        params(n, "toParams", d.toParams());
        time(n, "at", d.at());
        n.put("actor", d.actor());
        n.put("kind", d.kind().name());
        n.put("outcome", d.outcome());
        n.put("detail", d.detail());
        return n;
    }

    public static ObjectNode halt(Halt h) {
        ObjectNode n = object();
        n.put("exchange", h.exchange());
        n.put("account", h.account());
        n.put("scope", h.scope());
        n.put("flatten", h.flatten());
        n.put("reason", h.reason());
        n.put("actor", h.actor());
        time(n, "since", h.since());
        return n;
    }

    public static ObjectNode haltOutcome(HaltOutcome o) {
        ObjectNode n = object();
        n.put("botId", o.botId());
        n.put("state", o.state() == null ? null : o.state().name());
        n.put("outcome", o.outcome());
        return n;
    }

    public static <T> ArrayNode array(List<T> items, Function<T, ObjectNode> view) {
        ArrayNode array = JsonMapper.MAPPER.createArrayNode();
        for (T item : items) {
            array.add(view.apply(item));
        }
        return array;
    }

    static ObjectNode object() {
        return JsonMapper.MAPPER.createObjectNode();
    }

    static void money(ObjectNode n, String name, BigDecimal value) {
        if (value == null) {
            n.putNull(name);
        } else {
            n.put(name, value.toPlainString());
        }
    }

    /** Strategy parameters as given (numbers as numbers), or null when not recorded. */
    static void params(ObjectNode n, String name, Map<String, Object> params) {
        if (params == null) {
            n.putNull(name);
        } else {
            n.set(name, JsonMapper.MAPPER.valueToTree(params));
        }
    }

    static void time(ObjectNode n, String name, Instant value) {
        if (value == null) {
            n.putNull(name);
        } else {
            n.put(name, value.toString());
        }
    }
}
