package io.botfleet.persistence.journal;

import io.botfleet.api.bot.BotOrder;
import java.sql.SQLException;
import java.util.List;

/** A processed candle: its order intents and the progress that counts it, atomically. */
record CommitCandleWrite(ProgressRow progress, List<BotOrder> intents) implements JournalWrite<Void> {

    @Override
    public String botId() {
        return progress.progress().botId();
    }

    @Override
    public String describe() {
        return "commitCandle of bot " + botId();
    }

    @Override
    public Void execute(JournalStatements sql) throws SQLException {
        executeWithoutProgress(sql);
        JournalRows.saveProgress(sql, progress);
        return null;
    }

    /** Only the intents: for a candle whose progress a later write of the same transaction supersedes. */
    Void executeWithoutProgress(JournalStatements sql) throws SQLException {
        for (BotOrder intent : intents) {
            JournalRows.insertOrder(sql, intent);
        }
        return null;
    }
}
