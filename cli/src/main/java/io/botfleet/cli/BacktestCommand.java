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
 * {@code backtest --strategy <id>[@<version>] --data <exchange/symbol/interval> [--params k=v,...]
 * [--risk k=v,...] [--balances COIN=amount,...] [--fee-bps n] [--slippage-bps n]}:
 * {@code POST /api/v1/backtests}, then {@code GET /api/v1/backtests/{id}} until it is DONE, FAILED
 * or CANCELLED (a progress bar on stderr at a terminal), then the report. Without a version, the
 * newest installed version not marked bad ({@code GET /api/v1/strategies}). Risk, balances, fee
 * and slippage are sent only when given: the server has a default for each.
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

    @Option(names = "--risk", paramLabel = "<k=v,...>", description = "risk limits, e.g. orderQty=0.01,"
            + "maxPositionQty=0.05,stopLossPct=2 (decimals; not given: the server's default, orderQty=1)")
    String risk;

    @Option(names = "--balances", paramLabel = "<COIN=amount,...>", description = "opening balances, e.g."
            + " USDT=100000,BTC=0.5 (not given: the server's default, 100000 of the symbol's quote coin)")
    String balances;

    @Option(names = "--fee-bps", paramLabel = "<bps>", description = "fee in basis points of notional (not given: 0)")
    String feeBps;

    @Option(names = "--slippage-bps", paramLabel = "<bps>", description = "market order slippage in basis points"
            + " (not given: 0)")
    String slippageBps;

    @Option(names = "--poll-millis", hidden = true, defaultValue = "250", description = "how often to ask for progress")
    long pollMillis;

    @Override
    public Integer call() throws InterruptedException {
        DatasetKey dataset = DatasetKey.parse(data);
        StrategyRef ref = StrategyRef.parse(strategy);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode accounts = accounts();
        ApiClient api = ctl.client();
        String version = ref.version() != null ? ref.version() : StrategyRef.newestGood(api, ref.id());
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
        body.setAll(accounts);
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

    /** What the options name of risk, balances, fee and slippage: only those given, checked before any request. */
    private ObjectNode accounts() {
        ObjectNode given = JsonNodeFactory.instance.objectNode();
        if (risk != null) {
            given.set("risk", DecimalPairs.parse("--risk", risk));
        }
        if (balances != null) {
            given.set("balances", DecimalPairs.parse("--balances", balances));
        }
        if (feeBps != null) {
            given.put("feeBps", DecimalPairs.decimal("--fee-bps", feeBps.strip()));
        }
        if (slippageBps != null) {
            given.put("slippageBps", DecimalPairs.decimal("--slippage-bps", slippageBps.strip()));
        }
        return given;
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
