package io.botfleet.persistence.journal;

import io.botfleet.api.bot.BotFill;
import io.botfleet.api.bot.BotOrder;
import java.sql.SQLException;

/**
 * A fill, the order state and the position it causes, atomically; nothing at all when the fill
 * is already stored. The existence check runs first, so a replayed fill never reaches the unique
 * constraint: a constraint error would abort a PostgreSQL transaction shared with other bots.
 */
record ApplyFillWrite(BotFill fill, BotOrder order, ProgressRow progress) implements JournalWrite<Boolean> {

    @Override
    public String botId() {
        return fill.botId();
    }

    @Override
    public String describe() {
        return "applyFill " + fill.execId() + " of bot " + botId();
    }

    @Override
    public Boolean execute(JournalStatements sql) throws SQLException {
        if (JournalRows.fillExists(sql, fill)) {
            return Boolean.FALSE;
        }
        JournalRows.insertFill(sql, fill);
        JournalRows.notifyFill(sql, fill);
        JournalRows.saveOrder(sql, order);
        JournalRows.saveProgress(sql, progress);
        return Boolean.TRUE;
    }
}
