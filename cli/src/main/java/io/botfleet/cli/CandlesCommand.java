package io.botfleet.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code candles <subcommand>}: the server's candle datasets, which backtests run on. */
@Command(name = "candles", description = "Candle datasets on the server (what backtests run on).",
        subcommands = {CandlesUploadCommand.class, CandlesListCommand.class})
final class CandlesCommand {

    @ParentCommand
    BotfleetCtl ctl;
}
