package io.botfleet.cli;

import static io.botfleet.cli.Fields.list;
import static io.botfleet.cli.Fields.text;

import com.fasterxml.jackson.databind.JsonNode;

/** How strategies, deployed bundles and a bot's strategy history are shown on a terminal. */
final class StrategyViews {

    private StrategyViews() {
    }

    /** {@code GET /api/v1/strategies}: one line per installed version. */
    static String table(JsonNode strategies) {
        Table table = new Table("STRATEGY", "VERSION", "BUNDLE", "BUNDLE STATE", "BAD", "BOTS");
        for (JsonNode strategy : strategies) {
            for (JsonNode version : strategy.path("versions")) {
                table.row(text(strategy, "id"), text(version, "version"), text(version, "bundleId"),
                        text(version, "bundleState"), version.path("bad").asBoolean() ? "bad" : "",
                        list(version.path("bots")));
            }
        }
        return table.isEmpty() ? "no strategies\n" : table.render();
    }

    /** {@code POST /api/v1/bundles}: what was installed. */
    static String deployed(JsonNode bundle) {
        StringBuilder out = new StringBuilder("deployed ").append(text(bundle, "symbolicName")).append(' ')
                .append(text(bundle, "version")).append(" as bundle ").append(text(bundle, "bundleId"))
                .append(" (sha256 ").append(text(bundle, "sha256")).append(")\n");
        for (JsonNode strategy : bundle.path("strategies")) {
            out.append("  strategy ").append(text(strategy, "id")).append(' ').append(text(strategy, "version")).append('\n');
        }
        return out.toString();
    }

    /** {@code GET /api/v1/bots/{id}/strategy/history}: the deployments, newest first. */
    static String history(JsonNode deployments) {
        Table table = new Table("AT", "KIND", "STRATEGY", "FROM", "TO", "OUTCOME", "ACTOR", "DETAIL");
        for (JsonNode d : deployments) {
            table.row(text(d, "at"), text(d, "kind"), text(d, "strategyId"), from(d),
                    text(d, "toVersion"), text(d, "outcome"), text(d, "actor"), text(d, "detail"));
        }
        return table.isEmpty() ? "no strategy changes yet\n" : table.render();
    }

    /** The version before, with the strategy id before when the change moved the bot to another strategy. */
    private static String from(JsonNode d) {
        JsonNode fromStrategy = d.path("fromStrategyId");
        boolean moved = fromStrategy.isTextual() && !fromStrategy.textValue().equals(d.path("strategyId").asText());
        return moved ? fromStrategy.textValue() + " " + text(d, "fromVersion") : text(d, "fromVersion");
    }
}
