package io.botfleet.control.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.api.bot.Halt;
import io.botfleet.api.bot.HaltOutcome;
import io.botfleet.api.store.Role;
import java.time.Clock;
import java.util.List;

/**
 * {@code /v1/halt}: the operators' kill switch over the whole fleet, an exchange or one account.
 * POST halts (answering each bot's outcome), GET lists the active halts, DELETE lifts the halt of
 * the scope given in the query ({@code ?exchange=&account=}) or a JSON body.
 */
public final class HaltRoutes {

    private final Services services;
    private final Clock clock;

    public HaltRoutes(Services services, Clock clock) {
        this.services = services;
        this.clock = clock;
    }

    public List<Route> routes() {
        return List.of(
                new Route("GET", "/v1/halt", Role.VIEWER, r -> Reply.ok(
                        ApiViews.array(services.bots().halts(), ApiViews::halt))),
                new Route("POST", "/v1/halt", Role.OPERATOR, this::halt),
                new Route("DELETE", "/v1/halt", Role.OPERATOR, this::lift));
    }

    private Reply halt(ApiRequest r) {
        BotJson.HaltRequest request = BotJson.halt(r.optionalJson());
        Halt halt = new Halt(request.exchange(), request.account(), request.flatten(), request.reason(), r.actor(),
                clock.instant());
        r.auditTarget(halt.scope());
        r.auditDetail((halt.flatten() ? "flatten; " : "") + halt.reason());
        List<HaltOutcome> outcomes = services.bots().halt(halt);
        ObjectNode body = ApiViews.object();
        body.set("halt", ApiViews.halt(halt));
        body.set("bots", ApiViews.array(outcomes, ApiViews::haltOutcome));
        return Reply.ok(body);
    }

    private Reply lift(ApiRequest r) {
        JsonNode json = r.optionalJson();
        String exchange;
        String account;
        if (json != null) {
            BotJson.HaltRequest scope = BotJson.halt(json);
            exchange = scope.exchange();
            account = scope.account();
        } else {
            exchange = BotJson.checkName("exchange", r.query("exchange"));
            account = BotJson.checkName("account", r.query("account"));
        }
        if (account != null && exchange == null) {
            throw ApiException.invalid("account", "needs an exchange: a halt covers an account of one exchange");
        }
        r.auditTarget(exchange == null ? "the whole fleet" : account == null ? "exchange " + exchange
                : "account " + exchange + "/" + account);
        List<HaltOutcome> outcomes = services.bots().lift(exchange, account, r.actor());
        ObjectNode body = ApiViews.object();
        body.set("bots", ApiViews.array(outcomes, ApiViews::haltOutcome));
        return Reply.ok(body);
    }
}
