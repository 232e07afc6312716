package io.botfleet.persistence.journal;

import io.botfleet.api.bot.BotEvent;
import java.sql.SQLException;

/** An entry of the bot's event log. */
record AppendEventWrite(BotEvent event) implements JournalWrite<Void> {

    @Override
    public String botId() {
        return event.botId();
    }

    @Override
    public String describe() {
        return "appendEvent of bot " + botId();
    }

    @Override
    public Void execute(JournalStatements sql) throws SQLException {
        JournalRows.insertEvent(sql, event);
        JournalRows.notifyEvent(sql, event);
        return null;
    }
}
