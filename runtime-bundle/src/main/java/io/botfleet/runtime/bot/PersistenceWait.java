package io.botfleet.runtime.bot;

import io.botfleet.api.bot.BotEvent;
import io.botfleet.runtime.recovery.PersistenceOutage;
import java.util.concurrent.CompletionStage;

/**
 * A bot suspended by a persistence fault, as {@link PersistenceOutage} sees it: its probe is an
 * event in its own log (so the probe that succeeds also tells the operator when the bot came
 * back), and a committed probe restarts it from what was committed.
 */
final class PersistenceWait implements PersistenceOutage.Waiting {

    private final BotRuntime bot;

    PersistenceWait(BotRuntime bot) {
        this.bot = bot;
    }

    @Override
    public String id() {
        return bot.id;
    }

    @Override
    public CompletionStage<?> probe() {
        return bot.services.journal().appendEvent(new BotEvent(bot.id, bot.services.clock().instant(),
                BotEvent.Type.RECOVERY, "the journal takes writes again; restarting from what was committed"));
    }

    @Override
    public void resume() {
        bot.resumeAfterPersistenceOutage();
    }
}
