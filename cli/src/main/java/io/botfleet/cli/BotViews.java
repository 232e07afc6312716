package io.botfleet.cli;

import static io.botfleet.cli.Fields.NONE;
import static io.botfleet.cli.Fields.text;

import com.fasterxml.jackson.databind.JsonNode;

/** How bots ({@code BotStatus} of the API) are shown on a terminal. */
final class BotViews {

    private BotViews() {
    }

    /** {@code GET /api/v1/bots}: one line per bot. */
    static String table(JsonNode bots) {
        Table table = new Table("ID", "STATE", "STRATEGY", "EXCHANGE", "MARKET", "POSITION", "REALIZED PNL", "CANDLES", "LAST ERROR");
        for (JsonNode bot : bots) {
            table.row(text(bot, "id"), state(bot), strategy(bot), exchange(bot), market(bot),
                    text(bot, "position", "qty"), text(bot, "position", "realizedPnl"),
                    text(bot, "counters", "candles"), text(bot, "lastError"));
        }
        return table.isEmpty() ? "no bots\n" : table.render();
    }

    /** {@code GET /api/v1/bots/{id}}: every field, one per line. */
    static String detail(JsonNode bot) {
        Table lines = new Table("bot", text(bot, "id"));
        lines.row("state", state(bot));
        lines.row("strategy", strategy(bot));
        lines.row("exchange", exchange(bot));
        lines.row("market", market(bot));
        lines.row("position", text(bot, "position", "qty") + " @ " + text(bot, "position", "avgPrice"));
        lines.row("unrealized pnl", text(bot, "position", "unrealizedPnl"));
        lines.row("realized pnl", text(bot, "position", "realizedPnl"));
        JsonNode counters = bot.path("counters");
        lines.row("counters", "candles " + text(counters, "candles") + ", signals " + text(counters, "signals")
                + ", orders " + text(counters, "orders") + ", fills " + text(counters, "fills")
                + ", rejected " + text(counters, "rejected") + ", errors " + text(counters, "errors"));
        lines.row("last candle", text(bot, "lastCandleTime"));
        lines.row("last error", text(bot, "lastError"));
        lines.row("updated", text(bot, "updatedAt"));
        return lines.render();
    }

    /** The answer of a verb, a swap or a rollback: where the bot is now, in one line. */
    static String line(JsonNode bot) {
        return text(bot, "id") + ": " + state(bot) + ", " + strategy(bot) + "\n";
    }

    /** The state, and the desired state when the bot is not (yet) there. */
    static String state(JsonNode bot) {
        String state = text(bot, "state");
        String desired = text(bot, "desiredState");
        return desired.equals(NONE) || desired.equals(state) ? state : state + " (desired " + desired + ")";
    }

    static String strategy(JsonNode bot) {
        return text(bot, "strategy", "id") + " " + text(bot, "strategy", "version");
    }

    private static String exchange(JsonNode bot) {
        return text(bot, "exchange", "id") + "/" + text(bot, "exchange", "account");
    }

    private static String market(JsonNode bot) {
        return text(bot, "symbol") + " " + text(bot, "interval");
    }
}
