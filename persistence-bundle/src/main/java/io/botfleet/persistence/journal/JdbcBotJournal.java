package io.botfleet.persistence.journal;

import io.botfleet.api.bot.BotEvent;
import io.botfleet.api.bot.BotFill;
import io.botfleet.api.bot.BotOrder;
import io.botfleet.api.exchange.ClientOrderIds;
import io.botfleet.api.exchange.OrderStatus;
import io.botfleet.api.store.BotJournal;
import io.botfleet.api.store.BotProgress;
import io.botfleet.api.store.StoreException;
import io.botfleet.api.store.StrategyCheckpoint;
import io.botfleet.persistence.db.Database;
import io.botfleet.persistence.json.PlainDataJson;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The bots' write-ahead journal on JDBC. Writes are validated and rendered on the caller's thread,
 * then handed to a {@link GroupCommitWriter}; a bot always goes to the same writer, which keeps its
 * writes in order. Invalid arguments fail the returned stage with {@link IllegalArgumentException}
 * (nothing is thrown at the caller, nothing is written).
 *
 * <p>Stages complete on one completion thread shared by all bots: continuations attached without
 * an executor run there and must never block (waiting there for another journal stage would wait
 * forever); use the {@code ...Async(..., executor)} variants for real work.
 */
public final class JdbcBotJournal implements BotJournal, AutoCloseable {

    /** Writes per transaction at most: bounds a transaction's size and a failed batch's retry. */
    static final int MAX_BATCH = 1024;
    /** Writes waiting per writer before new ones are refused rather than block the bots. */
    static final int QUEUE_CAPACITY = 100_000;

    private final GroupCommitWriter[] writers;
    private final ExecutorService completions;
    private final JournalReader reader;

    public JdbcBotJournal(Database db, int writerThreads) {
        if (writerThreads < 1) {
            throw new IllegalArgumentException("writerThreads must be >= 1");
        }
        this.reader = new JournalReader(db);
        this.completions = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "botfleet-journal-completions");
            t.setDaemon(true);
            return t;
        });
        this.writers = new GroupCommitWriter[writerThreads];
        for (int i = 0; i < writerThreads; i++) {
            writers[i] = new GroupCommitWriter("botfleet-journal-writer-" + i, db, MAX_BATCH,
                    QUEUE_CAPACITY, completions);
        }
    }

    /**
     * Cluster mode: from now on every journal transaction first checks {@code fence} for the bots
     * it writes for, and fails the writes of refused bots having written nothing of them.
     */
    public void fenceWith(JournalFence fence) {
        for (GroupCommitWriter writer : writers) {
            writer.fenceWith(fence);
        }
    }

    @Override
    public CompletionStage<Void> commitCandle(BotProgress progress, List<BotOrder> intents) {
        return submit(() -> {
            Objects.requireNonNull(progress, "progress");
            List<BotOrder> orders = List.copyOf(Objects.requireNonNull(intents, "intents"));
            for (BotOrder intent : orders) {
                checkOrder(intent, progress.botId());
                if (intent.status() != OrderStatus.PENDING_SEND) {
                    throw new IllegalArgumentException("order intent " + intent.clientOrderId()
                            + " must be PENDING_SEND, was " + intent.status());
                }
            }
            return new CommitCandleWrite(ProgressRow.of(progress), orders);
        });
    }

    @Override
    public CompletionStage<Void> updateOrder(BotOrder order, BotProgress progress) {
        return submit(() -> {
            checkOrder(Objects.requireNonNull(order, "order"), order.botId());
            checkSameBot(order.botId(), progress);
            return new UpdateOrderWrite(order, ProgressRow.of(progress));
        });
    }

    @Override
    public CompletionStage<Boolean> applyFill(BotFill fill, BotOrder order, BotProgress progress) {
        return submit(() -> {
            Objects.requireNonNull(fill, "fill");
            if (fill.execId().isBlank() || fill.execId().length() > 128) {
                throw new IllegalArgumentException("fill execId must be 1-128 characters");
            }
            if (order != null) {
                checkOrder(order, fill.botId());
                if (!order.clientOrderId().equals(fill.clientOrderId())) {
                    throw new IllegalArgumentException("fill " + fill.execId() + " is for order "
                            + fill.clientOrderId() + ", not " + order.clientOrderId());
                }
            }
            checkSameBot(fill.botId(), progress);
            return new ApplyFillWrite(fill, order, ProgressRow.of(progress));
        });
    }

    @Override
    public CompletionStage<Void> checkpoint(StrategyCheckpoint checkpoint) {
        return submit(() -> new CheckpointWrite(Objects.requireNonNull(checkpoint, "checkpoint"),
                PlainDataJson.write(checkpoint.snapshot())));
    }

    @Override
    public CompletionStage<Void> appendEvent(BotEvent event) {
        return submit(() -> new AppendEventWrite(Objects.requireNonNull(event, "event")));
    }

    @Override
    public Optional<BotProgress> progress(String botId) {
        return botId == null ? Optional.empty() : reader.progress(botId);
    }

    @Override
    public Optional<StrategyCheckpoint> lastCheckpoint(String botId) {
        return botId == null ? Optional.empty() : reader.lastCheckpoint(botId);
    }

    @Override
    public Optional<StrategyCheckpoint> lastCheckpoint(String botId, String strategyId) {
        return botId == null || strategyId == null ? Optional.empty() : reader.lastCheckpoint(botId, strategyId);
    }

    @Override
    public List<BotOrder> orders(String botId, boolean openOnly, int limit) {
        return botId == null ? List.of() : reader.orders(botId, openOnly, limit);
    }

    @Override
    public List<BotOrder> unfinishedOrders(String botId) {
        return botId == null ? List.of() : reader.unfinishedOrders(botId);
    }

    @Override
    public Optional<BotOrder> order(String clientOrderId) {
        return clientOrderId == null ? Optional.empty() : reader.order(clientOrderId);
    }

    @Override
    public List<BotFill> fills(String botId, int limit) {
        return botId == null ? List.of() : reader.fills(botId, limit);
    }

    @Override
    public List<BotEvent> events(String botId, int limit) {
        return botId == null ? List.of() : reader.events(botId, limit);
    }

    /** The order's changes after its intent, oldest first (not in the SPI yet). */
    public List<OrderStatusChange> statusHistory(String clientOrderId) {
        return clientOrderId == null ? List.of() : reader.statusHistory(clientOrderId);
    }

    /** Why the journal last failed to reach the database, or null when its last commit worked. */
    public String lastFailure() {
        for (GroupCommitWriter writer : writers) {
            String failure = writer.lastFailure();
            if (failure != null) {
                return failure;
            }
        }
        return null;
    }

    /** Counters of the group commit, summed over the writers: for metrics and the benchmark. */
    public JournalStats stats() {
        JournalStats total = new JournalStats(0, 0, 0, 0);
        for (GroupCommitWriter writer : writers) {
            total = total.plus(writer.stats());
        }
        return total;
    }

    /** Commits every write already submitted, then stops; later writes fail. */
    @Override
    public void close() {
        for (GroupCommitWriter writer : writers) {
            writer.close();
        }
        completions.shutdown();
        try {
            completions.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private <T> CompletionStage<T> submit(Supplier<JournalWrite<T>> build) {
        JournalWrite<T> write;
        try {
            write = build.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            return CompletableFuture.<T>failedFuture(new IllegalArgumentException(e.getMessage(), e))
                    .minimalCompletionStage();
        } catch (RuntimeException e) {
            return CompletableFuture.<T>failedFuture(new StoreException("journal write refused: " + e, e))
                    .minimalCompletionStage();
        }
        return writers[Math.floorMod(write.botId().hashCode(), writers.length)].submit(write);
    }

    private static void checkOrder(BotOrder order, String botId) {
        if (!order.botId().equals(botId)) {
            throw new IllegalArgumentException("order " + order.clientOrderId() + " belongs to bot "
                    + order.botId() + ", not " + botId);
        }
        ClientOrderIds.require(order.clientOrderId());
    }

    private static void checkSameBot(String botId, BotProgress progress) {
        if (progress != null && !progress.botId().equals(botId)) {
            throw new IllegalArgumentException("progress of bot " + progress.botId() + " given for bot " + botId);
        }
    }
}
