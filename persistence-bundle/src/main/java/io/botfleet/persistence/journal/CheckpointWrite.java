package io.botfleet.persistence.journal;

import io.botfleet.api.store.StrategyCheckpoint;
import java.sql.SQLException;

/** A strategy checkpoint replacing the bot's previous one; the snapshot is rendered JSON. */
record CheckpointWrite(StrategyCheckpoint checkpoint, String snapshotJson) implements JournalWrite<Void> {

    @Override
    public String botId() {
        return checkpoint.botId();
    }

    @Override
    public String describe() {
        return "checkpoint of bot " + botId();
    }

    @Override
    public Void execute(JournalStatements sql) throws SQLException {
        JournalRows.saveCheckpoint(sql, checkpoint, snapshotJson);
        return null;
    }
}
