package io.botfleet.runtime.bot;

import io.botfleet.api.bot.BotEvent;
import io.botfleet.api.store.BotJournal;
import io.botfleet.runtime.recovery.PersistenceOutage;
import java.time.Clock;
import java.util.concurrent.CompletionStage;

/**
 * A bot suspended by a persistence fault, as {@link PersistenceOutage} sees it: its probe is an
 * event in its own log (so the probe that succeeds also tells the operator when the bot came
 * back), and a committed probe restarts it from what was committed.
 */
final class PersistenceWait implements PersistenceOutage.Waiting {

    private final String botId;
    private final BotJournal journal;
    private final Clock clock;
    private final Runnable resume;

    /** @param resume restarts the bot from what was committed */
    PersistenceWait(String botId, BotJournal journal, Clock clock, Runnable resume) {
        this.botId = botId;
        this.journal = journal;
        this.clock = clock;
        this.resume = resume;
    }

    @Override
    public String id() {
        return botId;
    }

    @Override
    public CompletionStage<?> probe() {
        return journal.appendEvent(new BotEvent(botId, clock.instant(),
                BotEvent.Type.RECOVERY, "the journal takes writes again; restarting from what was committed"));
    }

    @Override
    public void resume() {
        resume.run();
    }
}
