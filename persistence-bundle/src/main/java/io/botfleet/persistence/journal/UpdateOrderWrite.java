package io.botfleet.persistence.journal;

import io.botfleet.api.bot.BotOrder;
import java.sql.SQLException;

/** An order's new state, with the progress it changes (or none), atomically. */
record UpdateOrderWrite(BotOrder order, ProgressRow progress) implements JournalWrite<Void> {

    @Override
    public String botId() {
        return order.botId();
    }

    @Override
    public String describe() {
        return "updateOrder " + order.clientOrderId() + " of bot " + botId();
    }

    @Override
    public Void execute(JournalStatements sql) throws SQLException {
        JournalRows.saveOrder(sql, order);
        JournalRows.saveProgress(sql, progress);
        return null;
    }
}
