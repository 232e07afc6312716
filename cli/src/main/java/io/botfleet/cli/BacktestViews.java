package io.botfleet.cli;

import static io.botfleet.cli.Fields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.List;
import java.util.Map;

/** How a backtest ({@code GET /api/v1/backtests/{id}}) is shown: its report, or its runs side by side. */
final class BacktestViews {

    /** The report's fields in the order of the API's documentation. */
    private static final List<String> REPORT = List.of("candles", "firstCandle", "lastCandle", "orders", "fills",
            "trades", "wins", "losses", "winRatePct", "netPnl", "grossProfit", "grossLoss", "fees", "returnPct",
            "profitFactor", "maxDrawdown", "maxDrawdownPct", "sharpe", "sortino", "exposurePct", "avgTradeMinutes",
            "buyAndHoldReturnPct");

    private BacktestViews() {
    }

    static String report(JsonNode backtest) {
        StringBuilder out = new StringBuilder("backtest ").append(text(backtest, "id")).append(": ")
                .append(text(backtest, "state"));
        JsonNode data = backtest.path("request").path("data");
        if (data.isObject()) {
            out.append(" on ").append(text(data, "exchange")).append('/').append(text(data, "symbol")).append('/')
                    .append(text(data, "interval"));
        }
        out.append('\n');
        if (backtest.hasNonNull("error")) {
            out.append("error: ").append(text(backtest, "error")).append('\n');
        }
        JsonNode runs = backtest.path("runs");
        if (runs.size() == 1) {
            out.append(single(runs.get(0)));
        } else if (runs.size() > 1) {
            out.append(table(runs));
        }
        return out.toString();
    }

    /** One run: every report field on a line of its own. */
    private static String single(JsonNode run) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-21s", "strategy")).append(strategy(run)).append('\n');
        if (run.hasNonNull("error")) {
            out.append(String.format(Locale.ROOT, "%-21s", "error")).append(text(run, "error")).append('\n');
        }
        JsonNode report = run.path("report");
        if (!report.isObject()) {
            return out.toString();
        }
        for (String field : REPORT) {
            out.append(String.format(Locale.ROOT, "%-21s", field)).append(text(report, field)).append('\n');
        }
        out.append(String.format(Locale.ROOT, "%-21s", "endBalances")).append(balances(report.path("endBalances"))).append('\n');
        JsonNode position = report.path("finalPosition");
        out.append(String.format(Locale.ROOT, "%-21s", "finalPosition")).append(text(position, "qty"));
        if (position.hasNonNull("avgPrice")) {
            out.append(" @ ").append(text(position, "avgPrice"));
        }
        return out.append('\n').toString();
    }

    /** A sweep or comparison: one line per run, in the order of the cross product. */
    private static String table(JsonNode runs) {
        Table table = new Table("N", "STRATEGY", "TRADES", "WIN %", "NET PNL", "RETURN %", "MAX DD %", "SHARPE", "ERROR");
        for (JsonNode run : runs) {
            JsonNode r = run.path("report");
            table.row(text(run, "n"), strategy(run), text(r, "trades"), text(r, "winRatePct"), text(r, "netPnl"),
                    text(r, "returnPct"), text(r, "maxDrawdownPct"), text(r, "sharpe"), text(run, "error"));
        }
        return table.render();
    }

    private static String strategy(JsonNode run) {
        JsonNode s = run.path("strategy");
        StringBuilder out = new StringBuilder(text(s, "id")).append(' ').append(text(s, "version"));
        JsonNode params = s.path("params");
        if (params.isObject() && !params.isEmpty()) {
            out.append(' ');
            boolean first = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                out.append(first ? "" : ",").append(p.getKey()).append('=')
                        .append(p.getValue().isValueNode() ? p.getValue().asText() : p.getValue().toString());
                first = false;
            }
        }
        return out.toString();
    }

    private static String balances(JsonNode balances) {
        if (!balances.isObject() || balances.isEmpty()) {
            return Fields.NONE;
        }
        StringBuilder out = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = balances.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> b = it.next();
            out.append(out.length() > 0 ? ", " : "").append(b.getKey()).append(' ').append(b.getValue().asText());
        }
        return out.toString();
    }
}
