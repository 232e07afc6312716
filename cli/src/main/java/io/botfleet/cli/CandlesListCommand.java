package io.botfleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "list", description = "The candle datasets: range, candles and gaps.")
final class CandlesListCommand implements Callable<Integer> {

    @ParentCommand
    CandlesCommand candles;

    @Override
    public Integer call() {
        return candles.ctl.print(candles.ctl.client().get(ApiPaths.CANDLES), CandlesListCommand::render);
    }

    static String render(JsonNode datasets) {
        Table table = new Table("DATASET", "FROM", "TO", "CANDLES", "GAPS");
        for (JsonNode d : datasets) {
            table.row(CandlesUploadCommand.key(d), Fields.text(d, "from"), Fields.text(d, "to"),
                    Fields.text(d, "candles"), Fields.text(d, "gaps"));
        }
        return table.render();
    }
}
