package io.botfleet.runtime.recovery;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bots suspended because the database could not take their writes, and what brings them back.
 *
 * <p>An outage is not the bot's fault and a restart while it lasts only fails again, so these bots
 * never go through the {@link Watchdog} (an outage of a minute would use up its attempts and leave
 * them FAILED after the database is back). They wait here as long as it takes: every
 * {@code probeMillis}, each waiting bot writes one journal event. That write is queued behind the
 * bot's own earlier writes in the same group-commit writer, so once it is durable the database
 * takes writes again and every write the bot had in flight has settled: what the bot reloads when
 * it then restarts is exactly what was committed. One round of probes at a time; the writes of a
 * round share group commits, so a thousand waiting bots cost a few transactions per round.
 */
public final class PersistenceOutage {

    private static final Logger LOG = LoggerFactory.getLogger(PersistenceOutage.class);

    /** A bot as the outage sees it. */
    public interface Waiting {
        String id();

        /** Writes one small journal entry; the stage completes once it is durable. */
        CompletionStage<?> probe();

        /** The probe was committed: restart, if the bot still waits for the database. */
        void resume();
    }

    private final ScheduledExecutorService scheduler;
    private final long probeMillis;
    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
    /** A round is scheduled or running. */
    private final AtomicBoolean probing = new AtomicBoolean();

    public PersistenceOutage(ScheduledExecutorService scheduler, long probeMillis) {
        this.scheduler = scheduler;
        this.probeMillis = probeMillis;
    }

    /** Adds a bot that stopped trading because of a persistence fault (again, if it already waits). */
    public void await(Waiting bot) {
        waiting.put(bot.id(), bot);
        scheduleRound();
    }

    /** How many bots wait for the database. */
    public int waitingBots() {
        return waiting.size();
    }

    private void scheduleRound() {
        if (!probing.compareAndSet(false, true)) {
            return;
        }
        try {
            scheduler.schedule(this::probeRound, probeMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            // the fleet is stopping: the bots come back with their desired state at the next start
            probing.set(false);
        }
    }

    private void probeRound() {
        List<Waiting> bots = List.copyOf(waiting.values());
        CompletableFuture<?>[] probes = bots.stream().map(this::probe).toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(probes).whenComplete((v, e) -> {
            probing.set(false);
            if (!waiting.isEmpty()) {
                scheduleRound();
            }
        });
    }

    private CompletableFuture<Void> probe(Waiting bot) {
        CompletionStage<?> write;
        try {
            write = bot.probe();
        } catch (RuntimeException e) {
            write = CompletableFuture.failedFuture(e);
        }
        return write.handle((v, failure) -> {
            if (failure == null && waiting.remove(bot.id(), bot)) {
                LOG.info("bot {}: the journal takes writes again; restarting", bot.id());
                try {
                    bot.resume();
                } catch (RuntimeException e) {
                    LOG.error("bot {}: resuming after the persistence outage failed", bot.id(), e);
                }
            }
            return (Void) null;
        }).toCompletableFuture();
    }
}
