package io.botfleet.control.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.api.bot.BotConfig;
import io.botfleet.api.bot.BotManager;
import io.botfleet.api.bot.BotStatus;
import io.botfleet.api.bot.HaltOutcome;
import io.botfleet.api.bot.StrategySpec;
import io.botfleet.api.store.Role;
import java.util.List;
import java.util.function.BiFunction;

/** {@code /v1/bots/...}: the fleet, each bot's lifecycle, its journal and its strategy. */
public final class BotRoutes {

    static final String BOT = "/v1/bots/{id}";

    private final Services services;

    public BotRoutes(Services services) {
        this.services = services;
    }

    public List<Route> routes() {
        return List.of(
                new Route("GET", "/v1/bots", Role.VIEWER, r -> Reply.ok(
                        ApiViews.array(bots().list(), ApiViews::botStatus))),
                new Route("POST", "/v1/bots", Role.ADMIN, this::create),
                new Route("GET", BOT, Role.VIEWER, r -> Reply.ok(ApiViews.botStatus(bots().get(id(r))))),
                new Route("PATCH", BOT, Role.ADMIN, r -> {
                    String id = id(r);
                    return Reply.ok(ApiViews.botStatus(bots().update(id, BotJson.patch(r.json()), r.actor())));
                }),
                new Route("DELETE", BOT, Role.ADMIN, r -> {
                    bots().delete(id(r), r.actor());
                    return Reply.noContent();
                }),
                lifecycle("start", (m, r) -> m.start(id(r), r.actor())),
                new Route("POST", BOT + "/stop", Role.OPERATOR, r -> {
                    String id = id(r);
                    boolean flatten = BotJson.stopFlatten(r.optionalJson());
                    if (flatten) {
                        r.auditDetail("flatten");
                    }
                    return Reply.ok(ApiViews.botStatus(bots().stop(id, flatten, r.actor())));
                }),
                new Route("POST", BOT + "/flatten", Role.OPERATOR, r -> {
                    String id = id(r);
                    ignoreBody(r);
                    HaltOutcome outcome = bots().flatten(id, r.actor());
                    r.auditDetail(outcome.outcome());
                    ObjectNode body = ApiViews.botStatus(bots().get(id));
                    body.put("outcome", outcome.outcome());
                    return Reply.ok(body);
                }),
                lifecycle("pause", (m, r) -> m.pause(id(r), r.actor())),
                lifecycle("resume", (m, r) -> m.resume(id(r), r.actor())),
                new Route("GET", BOT + "/orders", Role.VIEWER, r -> {
                    String id = id(r);
                    boolean openOnly = openOnly(r);
                    return Reply.ok(ApiViews.array(bots().orders(id, openOnly, r.limit()), ApiViews::order));
                }),
                new Route("GET", BOT + "/fills", Role.VIEWER, r -> {
                    String id = id(r);
                    return Reply.ok(ApiViews.array(bots().fills(id, r.limit()), ApiViews::fill));
                }),
                new Route("GET", BOT + "/events", Role.VIEWER, r -> {
                    String id = id(r);
                    return Reply.ok(ApiViews.array(bots().events(id, r.limit()), ApiViews::event));
                }),
                new Route("GET", BOT + "/candles", Role.VIEWER, r -> {
                    String id = id(r);
                    return Reply.ok(ApiViews.array(bots().candles(id, r.limit()), ApiViews::candle));
                }),
                new Route("POST", BOT + "/strategy", Role.OPERATOR, this::swapOrMove),
                new Route("POST", BOT + "/strategy/rollback", Role.OPERATOR, r -> {
                    String id = id(r);
                    ignoreBody(r);
                    return Reply.ok(ApiViews.botStatus(bots().rollbackStrategy(id, r.actor())));
                }),
                new Route("GET", BOT + "/strategy/history", Role.VIEWER, r -> Reply.ok(
                        ApiViews.array(bots().strategyHistory(id(r)), ApiViews::deployment))));
    }

    /** A version swap, or, when the body names another strategy id, a move to it. */
    private Reply swapOrMove(ApiRequest r) {
        String id = id(r);
        BotJson.SwapRequest swap = BotJson.swap(r.json());
        String forced = swap.force() ? " (forced)" : "";
        if (swap.movesFrom(bots().config(id).strategy().id())) {
            r.auditDetail("move to " + swap.strategyId() + " " + swap.version() + forced);
            StrategySpec to = new StrategySpec(swap.strategyId(), swap.version(), swap.params());
            return Reply.ok(ApiViews.botStatus(bots().moveStrategy(id, to, swap.force(), r.actor())));
        }
        if (swap.params() != null) {
            throw ApiException.invalid("params", "bot " + id + " already runs " + swap.strategyId()
                    + "; change its parameters with PATCH /api/v1/bots/{id}");
        }
        r.auditDetail("to " + swap.version() + forced);
        return Reply.ok(ApiViews.botStatus(bots().swapStrategy(id, swap.version(), swap.force(), r.actor())));
    }

    private Reply create(ApiRequest r) {
        JsonNode body = r.json();
        JsonNode rawId = body.path("id");
        if (rawId.isTextual() && BotConfig.isValidId(rawId.textValue())) {
            r.auditTarget(rawId.textValue()); // audit refused creations under the id asked for
        }
        BotConfig config = BotJson.config(body);
        BotStatus created = bots().create(config, r.actor());
        return Reply.created(ApiViews.botStatus(created), "/api/v1/bots/" + created.id());
    }

    private Route lifecycle(String verb, BiFunction<BotManager, ApiRequest, BotStatus> call) {
        return new Route("POST", BOT + "/" + verb, Role.OPERATOR, r -> {
            id(r);
            ignoreBody(r);
            return Reply.ok(ApiViews.botStatus(call.apply(bots(), r)));
        });
    }

    private BotManager bots() {
        return services.bots();
    }

    /**
     * The bot id of the path. A string that cannot be a bot id names no bot: 404, before any
     * service is asked (the path may carry anything, including encoded slashes).
     */
    static String id(ApiRequest r) {
        String id = r.path("id");
        if (!BotConfig.isValidId(id)) {
            throw ApiException.notFound("no bot '" + ApiRequest.safe(id)
                    + "'; bot ids are 1-32 characters of [a-z0-9-]");
        }
        return id;
    }

    private static boolean openOnly(ApiRequest r) {
        String status = r.query("status");
        if (status == null || status.equals("all")) {
            return false;
        }
        if (status.equals("open")) {
            return true;
        }
        throw ApiException.invalid("status", "must be open or all");
    }

    /** Verbs take no body; one that is sent anyway must at least be well-formed JSON. */
    private static void ignoreBody(ApiRequest r) {
        r.optionalJson();
    }
}
