package io.botfleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code backtest --strategy <id>[@<version>] --data <exchange/symbol/interval> [--params k=v,...]}:
 * {@code POST /api/v1/backtests}, then {@code GET /api/v1/backtests/{id}} until it is DONE, FAILED
 * or CANCELLED (a progress bar on stderr at a terminal), then the report. Without a version, the
 * newest installed version not marked bad ({@code GET /api/v1/strategies}).
 */
@Command(name = "backtest", description = {"Backtest a strategy version on a candle dataset on the server"
        + " (operator token); waits for it and prints the report.",
        "--params fast=5|7|9,slow=25 sweeps: every combination is a run."})
final class BacktestCommand implements Callable<Integer> {

    private static final Set<String> FINISHED = Set.of("DONE", "FAILED", "CANCELLED");

    @ParentCommand
    BotfleetCtl ctl;

    @Option(names = "--strategy", required = true, paramLabel = "<id>[@<version>]",
            description = "the strategy, e.g. sma-crossover@1.1.0 (no version: the newest good one)")
    String strategy;

    @Option(names = "--data", required = true, paramLabel = "<exchange/symbol/interval>",
            description = "the dataset, e.g. bybit/BTCUSDT/1m")
    String data;

    @Option(names = "--params", paramLabel = "<k=v,...>", description = "strategy parameters; a|b|c for a sweep")
    String params;

    @Option(names = "--from", paramLabel = "<time>", description = "first candle time (ISO-8601 UTC; default: the dataset's first)")
    String from;

    @Option(names = "--to", paramLabel = "<time>", description = "end of the range (ISO-8601 UTC; default: the dataset's end)")
    String to;

    @Option(names = "--poll-millis", hidden = true, defaultValue = "250", description = "how often to ask for progress")
    long pollMillis;

    @Override
    public Integer call() throws InterruptedException {
        DatasetKey dataset = DatasetKey.parse(data);
        StrategyRef ref = StrategyRef.parse(strategy);
        ApiClient api = ctl.client();
        String version = ref.version() != null ? ref.version() : StrategyRef.newestGood(api, ref.id());
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode s = body.putObject("strategy").put("id", ref.id()).put("version", version);
        s.set("params", StrategyParams.parse(params, true));
        ObjectNode d = body.putObject("data").put("exchange", dataset.exchange()).put("symbol", dataset.symbol())
                .put("interval", dataset.interval());
        if (from != null) {
            d.put("from", from);
        }
        if (to != null) {
            d.put("to", to);
        }
        ApiResponse answer = api.post(ApiPaths.BACKTESTS, body.toString());
        String id = answer.json().path("id").asText("");
        if (id.isEmpty()) {
            throw new CtlException(CtlException.REFUSED, "the server's answer names no backtest id: " + answer.body());
        }
        answer = await(api, id, answer);
        String state = answer.json().path("state").asText();
        ctl.print(answer, BacktestViews::report);
        if (!state.equals("DONE")) {
            throw new CtlException(CtlException.REFUSED, "backtest " + id + " " + state
                    + (answer.json().hasNonNull("error") ? ": " + Fields.text(answer.json(), "error") : ""));
        }
        return 0;
    }

    private ApiResponse await(ApiClient api, String id, ApiResponse answer) throws InterruptedException {
        boolean drawn = false;
        while (!FINISHED.contains(answer.json().path("state").asText())) {
            if (ctl.terminal()) {
                ctl.err().print("\r" + ProgressBar.line(answer.json().path("state").asText(), answer.json().path("progress")));
                ctl.err().flush();
                drawn = true;
            }
            Thread.sleep(Math.max(10, pollMillis));
            answer = api.get(ApiPaths.backtest(id));
        }
        if (drawn) {
            ctl.err().println("\r" + ProgressBar.line(answer.json().path("state").asText(), answer.json().path("progress")));
            ctl.err().flush();
        }
        return answer;
    }
}
