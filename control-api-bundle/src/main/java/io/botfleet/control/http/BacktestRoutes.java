package io.botfleet.control.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.api.backtest.Backtest;
import io.botfleet.api.backtest.BacktestRequest;
import io.botfleet.api.backtest.BacktestService;
import io.botfleet.api.backtest.json.BacktestJson;
import io.botfleet.api.store.Role;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code /v1/backtests}: submit a backtest or a sweep (202, it runs on the backtest pool), read
 * it, list them, page a run's fills and trades, read its equity curve thinned to a number of
 * points, cancel or delete it.
 */
public final class BacktestRoutes {

    private static final String BACKTEST = "/v1/backtests/{id}";
    private static final String RUN = BACKTEST + "/runs/{n}";
    /** Most fills or trades one page answers. */
    static final int MAX_PAGE = 10_000;
    static final int DEFAULT_PAGE = 1_000;
    static final int DEFAULT_POINTS = 500;

    private final Supplier<BacktestService> service;

    public BacktestRoutes(Supplier<BacktestService> service) {
        this.service = service;
    }

    public List<Route> routes() {
        return List.of(
                new Route("POST", "/v1/backtests", Role.OPERATOR, r -> {
                    BacktestRequest request = BacktestJson.parseRequest(r.json());
                    r.auditTarget("strategy " + request.strategy().id());
                    r.auditDetail(request.runs() + " run(s) over " + request.data().key());
                    Backtest b = backtests().submit(request, r.actor());
                    r.auditTarget("backtest " + b.id());
                    return new Reply(202, BacktestJson.backtest(b), "/api/v1/backtests/" + b.id());
                }),
                new Route("GET", "/v1/backtests", Role.VIEWER, r -> Reply.ok(
                        array(backtests().list(r.limit()), BacktestJson::backtest))),
                new Route("GET", BACKTEST, Role.VIEWER, r -> {
                    String id = r.path("id");
                    return Reply.ok(BacktestJson.backtest(backtests().get(id).orElseThrow(
                            () -> ApiException.notFound("no backtest '" + ApiRequest.safe(id) + "'"))));
                }),
                new Route("DELETE", BACKTEST, Role.OPERATOR, r -> {
                    String id = r.path("id");
                    r.auditTarget("backtest " + ApiRequest.safe(id));
                    BacktestService.Removal removal = backtests().cancelOrDelete(id);
                    r.auditDetail(removal == BacktestService.Removal.DELETED ? "deleted" : "cancelled");
                    if (removal == BacktestService.Removal.DELETED) {
                        return Reply.noContent();
                    }
                    return Reply.ok(BacktestJson.backtest(backtests().get(id).orElseThrow(
                            () -> ApiException.notFound("no backtest '" + ApiRequest.safe(id) + "'"))));
                }),
                new Route("GET", RUN + "/fills", Role.VIEWER, r -> Reply.ok(array(
                        backtests().fills(r.path("id"), run(r), offset(r), page(r)), BacktestJson::fill))),
                new Route("GET", RUN + "/trades", Role.VIEWER, r -> Reply.ok(array(
                        backtests().trades(r.path("id"), run(r), offset(r), page(r)), BacktestJson::trade))),
                new Route("GET", RUN + "/equity", Role.VIEWER, r -> Reply.ok(array(
                        backtests().equity(r.path("id"), run(r), points(r)), BacktestJson::equity))));
    }

    private BacktestService backtests() {
        BacktestService s = service.get();
        if (s == null) {
            throw ApiException.unavailable("backtests are not available (the backtest service is not running)");
        }
        return s;
    }

    private static int run(ApiRequest r) {
        return integer(r.path("n"), "n", 0, Integer.MAX_VALUE, -1);
    }

    private static int offset(ApiRequest r) {
        return integer(r.query("offset"), "offset", 0, Integer.MAX_VALUE, 0);
    }

    private static int page(ApiRequest r) {
        return integer(r.query("limit"), "limit", 1, MAX_PAGE, DEFAULT_PAGE);
    }

    private static int points(ApiRequest r) {
        return integer(r.query("points"), "points", 2, 2_000, DEFAULT_POINTS);
    }

    /** An integer in {@code [min, max]}; absent → {@code absent} (a path part is never absent). */
    private static int integer(String raw, String field, int min, int max, int absent) {
        if (raw == null) {
            return absent;
        }
        try {
            long value = Long.parseLong(raw.trim());
            if (value >= min && value <= max) {
                return (int) value;
            }
        } catch (NumberFormatException e) {
            // the same answer as an out-of-range number
        }
        throw ApiException.invalid(field, "must be an integer from " + min + " to " + max);
    }

    private static <T> ArrayNode array(List<T> items, Function<T, ObjectNode> view) {
        return ApiViews.array(items, view);
    }
}
