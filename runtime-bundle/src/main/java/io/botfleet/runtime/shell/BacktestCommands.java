package io.botfleet.runtime.shell;

import io.botfleet.api.backtest.Backtest;
import io.botfleet.api.backtest.BacktestRun;
import io.botfleet.api.backtest.BacktestService;
import io.botfleet.api.backtest.RunReport;
import io.botfleet.api.backtest.SweepProgress;
import io.botfleet.api.backtest.json.BacktestJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo commands of backtests, as {@code /api/v1/backtests}: {@code backtest:run <json-file | json>}
 * (the request of {@code POST /api/v1/backtests}), {@code backtest:list [limit]},
 * {@code backtest:show <id>} (state, progress and a line per run with its main figures).
 */
@Component(service = BacktestCommands.class, property = {
    "osgi.command.scope=backtest",
    "osgi.command.function=run", "osgi.command.function=list", "osgi.command.function=show"
})
public class BacktestCommands {

    @Reference
    BacktestService backtests;

    /** {@code backtest:run request.json}, or the JSON itself (quoted for the shell). */
    public String run(String request) {
        return BotCommands.run(() -> {
            String json = request.strip().startsWith("{") ? request : read(request);
            Backtest b = backtests.submit(BacktestJson.parseRequestText(json), BotCommands.ACTOR);
            return "backtest " + b.id() + " " + b.state() + ", " + b.progress().runs() + " run(s)";
        });
    }

    public String list() {
        return list(20);
    }

    public String list(int limit) {
        return BotCommands.run(() -> {
            List<Backtest> all = backtests.list(limit);
            return all.isEmpty() ? "no backtests" : all.stream().map(BacktestCommands::line)
                    .collect(Collectors.joining("\n"));
        });
    }

    public String show(String id) {
        return BotCommands.run(() -> backtests.get(id).map(b -> {
            StringBuilder out = new StringBuilder(line(b));
            if (b.error() != null) {
                out.append("\n  error: ").append(b.error());
            }
            out.append("\n  ").append(BacktestJson.requestText(b.request()));
            out.append(String.format("%n  %5s %-10s %-8s %-28s %14s %9s %7s %9s", "n", "version", "state", "params",
                    "netPnl", "return%", "trades", "maxDD%"));
            for (BacktestRun run : b.runs()) {
                RunReport r = run.report();
                out.append(String.format("%n  %5d %-10s %-8s %-28s %14s %9s %7d %9s", run.n(),
                        run.strategy().version(), run.state(), run.strategy().params(), plain(r.netPnl()),
                        number(r.returnPct()), r.trades(), number(r.maxDrawdownPct())));
                if (run.error() != null) {
                    out.append("\n        ").append(run.error());
                }
            }
            return out.toString();
        }).orElse("error: no backtest '" + id + "'"));
    }

    private static String line(Backtest b) {
        SweepProgress p = b.progress();
        return String.format("%-36s %-9s %s %s runs %d/%d candles %d/%d created %s by %s", b.id(), b.state(),
                b.request().strategy().id(), b.request().data().key(), p.runsDone(), p.runs(), p.candlesDone(),
                p.candles(), b.createdAt(), b.actor());
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String plain(BigDecimal value) {
        return value == null ? "-" : value.toPlainString();
    }

    private static String number(Double value) {
        return value == null ? "-" : String.format("%.2f", value);
    }
}
