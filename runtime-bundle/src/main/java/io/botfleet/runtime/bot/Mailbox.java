package io.botfleet.runtime.bot;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.botfleet.runtime.guard.AbandonedCall;

/**
 * A bot's serial mailbox on a shared executor: messages run one at a time, in the order posted,
 * never two at once, so a bot's state needs no locks. A message may return a stage; the mailbox
 * then waits for it (without holding a thread) before the next message, which is how a bot waits
 * for its journal or the exchange without blocking on I/O.
 *
 * <p>Thousands of mailboxes share the executor's few threads: an idle mailbox costs one empty
 * queue, and a busy one yields its thread after {@link #BATCH} messages so no bot starves others.
 */
public final class Mailbox {

    private static final Logger LOG = LoggerFactory.getLogger(Mailbox.class);
    static final int BATCH = 32;
    private static final int IDLE = 0;
    private static final int SCHEDULED = 1;

    private final String owner;
    private final Executor executor;
    private final Queue<Supplier<? extends CompletionStage<?>>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger state = new AtomicInteger(IDLE);
    /** Bumped when a drain is abandoned on a stuck thread, so that drain ends when it comes back. */
    private final AtomicInteger generation = new AtomicInteger();
    private final ProcessingStats stats;

    public Mailbox(String owner, Executor executor, ProcessingStats stats) {
        this.owner = owner;
        this.executor = executor;
        this.stats = stats;
    }

    /** Posts a message that completes when it returns. */
    public void post(Runnable message) {
        postAsync(() -> {
            message.run();
            return null;
        });
    }

    /**
     * Posts a message whose work ends when its returned stage completes (null: at once). Until then
     * no other message of this mailbox runs.
     */
    public void postAsync(Supplier<? extends CompletionStage<?>> message) {
        queue.add(message);
        schedule();
    }

    /** Posts a message and returns a stage completed with its result once it has run. */
    public <T> CompletableFuture<T> ask(Supplier<? extends CompletionStage<T>> message) {
        CompletableFuture<T> result = new CompletableFuture<>();
        postAsync(() -> {
            CompletionStage<T> stage;
            try {
                stage = message.get();
            } catch (RuntimeException e) {
                result.completeExceptionally(e); // reported to the asker: not an unhandled failure
                return null;
            }
            if (stage == null) {
                result.complete(null);
                return null;
            }
            return stage.whenComplete((value, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(value);
                }
            });
        });
        return result;
    }

    /**
     * Gives up on the drain in progress, which is stuck on a thread inside a message: the messages
     * still queued run on another thread, and the stuck drain stops when (if ever) its message
     * returns. Only for a message the guard has abandoned.
     */
    public void abandonCurrent() {
        generation.incrementAndGet();
        state.set(IDLE);
        schedule();
    }

    /** Messages waiting, for diagnostics. */
    public int size() {
        return queue.size();
    }

    private void schedule() {
        if (state.compareAndSet(IDLE, SCHEDULED)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        int mine = generation.get();
        for (int i = 0; i < BATCH; i++) {
            Supplier<? extends CompletionStage<?>> message = queue.poll();
            if (message == null) {
                break;
            }
            CompletionStage<?> pending = run(message);
            if (generation.get() != mine) {
                return; // abandoned while in the message: another drain owns the mailbox now
            }
            if (pending != null && !pending.toCompletableFuture().isDone()) {
                // Resume only when the message's work is done: the mailbox stays SCHEDULED, so
                // posts in the meantime queue up without starting a second drain.
                pending.whenComplete((v, e) -> {
                    if (generation.get() == mine) { // else a drain took over while this waited
                        executor.execute(this::drain);
                    }
                });
                return;
            }
        }
        state.set(IDLE);
        if (!queue.isEmpty()) {
            schedule();
        }
    }

    private CompletionStage<?> run(Supplier<? extends CompletionStage<?>> message) {
        long start = System.nanoTime();
        try {
            return message.get();
        } catch (AbandonedCall e) {
            LOG.warn("{}: {}", owner, e.getMessage());
            return null;
        } catch (RuntimeException | Error e) {
            // A message must handle its own failures; one that escapes is a runtime bug. The
            // mailbox survives it so the bot keeps processing.
            LOG.error("unhandled failure in a message of {}", owner, e);
            return null;
        } finally {
            if (stats != null) {
                stats.recordEvent(System.nanoTime() - start);
            }
        }
    }
}
