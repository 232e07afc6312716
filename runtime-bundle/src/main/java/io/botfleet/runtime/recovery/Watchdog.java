package io.botfleet.runtime.recovery;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.concurrent.RejectedExecutionException;

/**
 * Restarts failed bots with exponential backoff, up to a number of attempts; a bot that keeps
 * failing then stays FAILED with its reason until an operator starts it. A bot that ran long
 * enough since its last restart gets its attempts back.
 */
public final class Watchdog {

    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);

    /** A bot as the watchdog sees it. */
    public interface Restartable {
        String id();

        /** Restarts the bot if it is still FAILED and still wanted running; false otherwise. */
        boolean restartAfterFailure();

        /** Records that the watchdog gave up, with the number of attempts. */
        void gaveUp(int attempts);
    }

    private record Attempts(int count, long lastRestartMillis) {
    }

    private final ScheduledExecutorService scheduler;
    private final RestartBackoff backoff;
    private final long stableMillis;
    private final LongSupplier clock;
    private final Map<String, Attempts> attempts = new ConcurrentHashMap<>();

    public Watchdog(ScheduledExecutorService scheduler, RestartBackoff backoff, long stableMillis, LongSupplier clock) {
        this.scheduler = scheduler;
        this.backoff = backoff;
        this.stableMillis = stableMillis;
        this.clock = clock;
    }

    /** Called when a bot went FAILED. */
    public void onFailed(Restartable bot) {
        long now = clock.getAsLong();
        Attempts previous = attempts.get(bot.id());
        int count = previous == null || now - previous.lastRestartMillis() > stableMillis ? 0 : previous.count();
        if (count >= backoff.maxAttempts()) {
            attempts.remove(bot.id());
            LOG.error("bot {} failed after {} restarts; leaving it FAILED", bot.id(), count);
            bot.gaveUp(count);
            return;
        }
        long delay = backoff.delayMillis(count + 1);
        attempts.put(bot.id(), new Attempts(count + 1, now + delay));
        LOG.info("bot {} failed; restart {} of {} in {} ms", bot.id(), count + 1, backoff.maxAttempts(), delay);
        try {
            scheduler.schedule(() -> {
                if (!bot.restartAfterFailure()) {
                    attempts.remove(bot.id());
                }
            }, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            // the fleet is stopping: the bot comes back with its desired state at the next start
        }
    }

    /** Forgets a bot's attempts (an operator started or stopped it). */
    public void reset(String botId) {
        attempts.remove(botId);
    }
}
