package io.botfleet.persistence.journal;

import java.sql.SQLException;

/**
 * One write a bot submitted to the journal. The writer runs it inside a transaction it shares with
 * other bots' writes; it must only touch the database through {@code sql}, and must not commit.
 *
 * @param <T> what the write's stage completes with
 */
interface JournalWrite<T> {

    /** The bot whose order of writes this write belongs to. */
    String botId();

    /** What it is, for error messages: {@code "commitCandle of bot btc-1"}. */
    String describe();

    T execute(JournalStatements sql) throws SQLException;
}
