package io.botfleet.persistence.journal;

import io.botfleet.api.store.StoreException;
import io.botfleet.persistence.db.Database;
import io.botfleet.persistence.db.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.HashSet;
import java.util.Set;

/**
 * Group commit: one thread drains a queue of writes from many bots and commits them in one
 * transaction, then completes each write's stage. A durable commit costs about the same for one
 * row as for hundreds, so this is how the journal is both durable and fast.
 *
 * <ul>
 *   <li>Order: writes run in queue order on one thread, so each bot's writes apply in the order
 *       it submitted them, and their stages complete in that order.</li>
 *   <li>Isolation: when a batch fails (a constraint, a value too long) it is rolled back and its
 *       writes are retried one transaction each, so only the bad write fails.</li>
 *   <li>Outages: when the database cannot be reached every write of the batch fails with
 *       {@link StoreException} at once (no per-write retry that would wait for a connection
 *       hundreds of times); the thread carries on and works again when the database is back.</li>
 *   <li>Stages complete on a separate thread, so a caller's continuation never runs on (and
 *       never slows) the writer.</li>
 * </ul>
 */
final class GroupCommitWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);

    private final Database db;
    private final int maxBatch;
    private final BlockingQueue<Pending<?>> queue;
    private final ExecutorService completions;
    private final Thread thread;
    private final ReadWriteLock closing = new ReentrantReadWriteLock();
    private volatile boolean closed;
    /** Held by the writer thread only. */
    private Connection connection;
    /** Prepared on {@link #connection}; writer thread only. */
    private JournalStatements statements;
    private volatile String lastFailure;
    /** Cluster mode: the lease check of every batch; null outside cluster mode. */
    private volatile JournalFence fence;
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong committedWrites = new AtomicLong();
    private final AtomicLong retriedBatches = new AtomicLong();

    GroupCommitWriter(String name, Database db, int maxBatch, int queueCapacity,
                      ExecutorService completions) {
        this.db = db;
        this.maxBatch = maxBatch;
        this.queue = new LinkedBlockingQueue<>(queueCapacity);
        this.completions = completions;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues a write; the stage completes after its commit, or fails having written nothing. */
    <T> CompletionStage<T> submit(JournalWrite<T> write) {
        CompletableFuture<T> result = new CompletableFuture<>();
        closing.readLock().lock();
        try {
            if (closed) {
                result.completeExceptionally(new StoreException(write.describe() + ": the journal is closed"));
            } else if (!queue.offer(new Pending<>(write, result))) {
                // Refusing is better than blocking a bot's thread; the bot treats it like an outage.
                result.completeExceptionally(new StoreException(write.describe()
                        + ": the journal is overloaded (" + queue.size() + " writes waiting)"));
            }
        } finally {
            closing.readLock().unlock();
        }
        return result.minimalCompletionStage();
    }

    /** From now on every batch checks {@code fence} in its own transaction first (cluster mode). */
    void fenceWith(JournalFence fence) {
        this.fence = fence;
    }

    /** The reason the last batch failed to reach the database, or null once a batch succeeded. */
    String lastFailure() {
        return lastFailure;
    }

    JournalStats stats() {
        return new JournalStats(commits.get(), committedWrites.get(), retriedBatches.get(), queue.size());
    }

    /** Commits what is queued, then stops. Writes submitted afterwards fail. */
    @Override
    public void close() {
        closing.writeLock().lock();
        try {
            closed = true;
        } finally {
            closing.writeLock().unlock();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Pending<?>> left = new ArrayList<>();
        queue.drainTo(left);
        for (Pending<?> pending : left) {
            fail(pending, new StoreException(pending.write.describe() + ": the journal closed before it was written"));
        }
    }

    private void run() {
        List<Pending<?>> batch = new ArrayList<>(maxBatch);
        while (!closed || !queue.isEmpty()) {
            try {
                Pending<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                process(batch);
            } catch (InterruptedException e) {
                if (closed) {
                    break;
                }
            } catch (Throwable unexpected) {
                // The writer must survive anything: fail what it held and carry on.
                LOG.error("journal writer failed unexpectedly; failing {} writes", batch.size(), unexpected);
                for (Pending<?> pending : batch) {
                    fail(pending, new StoreException(pending.write.describe() + " failed: " + unexpected, unexpected));
                }
                releaseConnection(unexpected);
            } finally {
                batch.clear();
            }
        }
        releaseConnection(null);
    }

    private void process(List<Pending<?>> batch) {
        Attempt attempt = commitTogether(batch);
        if (attempt == Attempt.STALE_CONNECTION) {
            // The held connection died while idle (a database restart): nothing of this batch was
            // sent to a live server, so it is safe to try once more on a fresh connection.
            attempt = commitTogether(batch);
        }
        if (attempt != Attempt.RETRY_ONE_BY_ONE) {
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            if (!commitAlone(batch.get(i))) {
                failAll(batch.subList(i + 1, batch.size()), new SQLException("connection lost", "08006"));
                return;
            }
        }
    }

    private enum Attempt { SETTLED, RETRY_ONE_BY_ONE, STALE_CONNECTION }

    /** Commits the batch in one transaction, or says what to do about its failure. */
    private Attempt commitTogether(List<Pending<?>> batch) {
        String refused = db.writeRefusal();
        if (refused != null) {
            // checked before every batch: nothing is written once the server lost the database
            for (Pending<?> pending : List.copyOf(batch)) {
                fail(pending, new StoreException(pending.write.describe() + " refused: " + refused));
            }
            return Attempt.SETTLED;
        }
        if (!holdConnection(batch)) {
            return Attempt.SETTLED;
        }
        Map<String, StoreException> refusedBots;
        try {
            refusedBots = refusedByFence(batch);
        } catch (SQLException | RuntimeException e) {
            Database.rollbackQuietly(connection);
            boolean connectionFailed = SqlErrors.isConnectionFailure(e) || !isAlive(connection);
            if (connectionFailed) {
                releaseConnection(e);
                if (batch.get(0).attempts++ == 0) {
                    return Attempt.STALE_CONNECTION;
                }
            }
            failAll(batch, e); // no write may commit unchecked
            return Attempt.SETTLED;
        }
        if (!refusedBots.isEmpty()) {
            // the bots whose lease this node lost write nothing; the others' writes go on, still
            // under the rows the fence holds FOR SHARE
            List<Pending<?>> allowed = new ArrayList<>(batch.size());
            for (Pending<?> pending : List.copyOf(batch)) {
                StoreException refusal = refusedBots.get(pending.write.botId());
                if (refusal != null) {
                    fail(pending, refusal);
                } else {
                    allowed.add(pending);
                }
            }
            batch.clear();
            batch.addAll(allowed);
            if (batch.isEmpty()) {
                Database.rollbackQuietly(connection);
                return Attempt.SETTLED;
            }
        }
        Object[] results = new Object[batch.size()];
        boolean[] superseded = supersededProgress(batch);
        boolean committing = false;
        try {
            for (int i = 0; i < batch.size(); i++) {
                JournalWrite<?> write = batch.get(i).write;
                results[i] = superseded[i]
                        ? ((CommitCandleWrite) write).executeWithoutProgress(statements)
                        : write.execute(statements);
            }
            db.beforeCommit(connection);
            committing = true;
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            Database.rollbackQuietly(connection);
            if (db.writeRefusal() != null) {
                failAll(batch, e); // this server lost the database: no write of the batch may commit
                return Attempt.SETTLED;
            }
            boolean connectionFailed = SqlErrors.isConnectionFailure(e) || !isAlive(connection);
            if (connectionFailed) {
                releaseConnection(e);
                if (!committing && batch.get(0).attempts++ == 0) {
                    return Attempt.STALE_CONNECTION;
                }
            }
            if (batch.size() == 1 || connectionFailed) {
                failAll(batch, e);
                return Attempt.SETTLED;
            }
            LOG.debug("journal batch of {} failed ({}); committing its writes one by one", batch.size(), e.toString());
            retriedBatches.incrementAndGet();
            return Attempt.RETRY_ONE_BY_ONE;
        }
        lastFailure = null;
        commits.incrementAndGet();
        committedWrites.addAndGet(batch.size());
        List<Pending<?>> committed = List.copyOf(batch); // the writer reuses its batch list at once
        deliver(() -> {
            for (int i = 0; i < committed.size(); i++) {
                complete(committed.get(i), results[i]);
            }
        });
        return Attempt.SETTLED;
    }

    /** The fence's refusals for the bots of {@code batch}, taken in the batch's transaction. */
    private Map<String, StoreException> refusedByFence(List<Pending<?>> batch) throws SQLException {
        JournalFence current = fence;
        if (current == null) {
            return Map.of();
        }
        Set<String> botIds = new HashSet<>();
        for (Pending<?> pending : batch) {
            botIds.add(pending.write.botId());
        }
        return current.refused(connection, botIds);
    }

    /**
     * Candle commits whose progress row a later candle commit of the same bot in the same batch
     * overwrites. Progress is a whole snapshot, not a delta, and the batch is one transaction, so
     * writing only the last one leaves exactly the same committed state; a bot replaying fast
     * then costs one progress row per batch instead of one per candle. Intents are always written.
     */
    private static boolean[] supersededProgress(List<Pending<?>> batch) {
        boolean[] superseded = new boolean[batch.size()];
        Set<String> laterProgress = new HashSet<>();
        for (int i = batch.size() - 1; i >= 0; i--) {
            if (batch.get(i).write instanceof CommitCandleWrite candle) {
                superseded[i] = !laterProgress.add(candle.botId());
            }
        }
        return superseded;
    }

    /** Commits one write alone; false when the connection died and the rest cannot be tried. */
    private boolean commitAlone(Pending<?> pending) {
        Object result;
        try {
            StoreException refusal = refusedByFence(List.of(pending)).get(pending.write.botId());
            if (refusal != null) {
                Database.rollbackQuietly(connection);
                fail(pending, refusal);
                return true;
            }
            result = pending.write.execute(statements);
            db.beforeCommit(connection);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            Database.rollbackQuietly(connection);
            fail(pending, translate(pending, e));
            if (SqlErrors.isConnectionFailure(e) || !isAlive(connection)) {
                releaseConnection(e);
                return false;
            }
            return true;
        }
        commits.incrementAndGet();
        committedWrites.incrementAndGet();
        deliver(() -> complete(pending, result));
        return true;
    }

    /**
     * Makes sure the writer holds a connection. The writer keeps one connection (and its prepared
     * statements) across batches: preparing a dozen statements per batch would cost more than a
     * small batch's writes.
     */
    private boolean holdConnection(List<Pending<?>> batch) {
        if (connection != null) {
            return true;
        }
        Connection c = null;
        try {
            c = db.connection();
            c.setAutoCommit(false);
            connection = c;
            statements = new JournalStatements(c);
            return true;
        } catch (SQLException e) {
            if (c != null) {
                db.discardIfBroken(c, e);
                closeQuietly(c);
            }
            failAll(batch, e);
            return false;
        }
    }

    /** Gives the held connection back (or out of the pool when {@code failure} says it is dead). */
    private void releaseConnection(Throwable failure) {
        if (connection == null) {
            return;
        }
        statements.close();
        if (failure != null) {
            db.discardIfBroken(connection, failure);
        }
        closeQuietly(connection);
        connection = null;
        statements = null;
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("closing a journal connection failed", e);
        }
    }

    private void failAll(List<Pending<?>> batch, Exception e) {
        if (SqlErrors.isConnectionFailure(e)) {
            lastFailure = SqlErrors.translate("journal write", e).getMessage();
        }
        List<Pending<?>> copy = List.copyOf(batch);
        for (Pending<?> pending : copy) {
            fail(pending, translate(pending, e));
        }
    }

    private static StoreException translate(Pending<?> pending, Exception e) {
        if (e instanceof IllegalArgumentException bad) {
            return new StoreException(pending.write.describe() + " refused: " + bad.getMessage(), bad);
        }
        return SqlErrors.translate(pending.write.describe(), e);
    }

    private static boolean isAlive(Connection c) {
        try {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Pending<T> pending, Object result) {
        pending.result.complete((T) result);
    }

    private void fail(Pending<?> pending, StoreException e) {
        deliver(() -> pending.result.completeExceptionally(e));
    }

    /** Settles stages on the completion thread, or here once that has been shut down. */
    private void deliver(Runnable settle) {
        try {
            completions.execute(settle);
        } catch (RejectedExecutionException shutDown) {
            settle.run();
        }
    }

    private static final class Pending<T> {

        final JournalWrite<T> write;
        final CompletableFuture<T> result;
        /** How often the writer tried the batch this write leads; touched by the writer only. */
        int attempts;

        Pending(JournalWrite<T> write, CompletableFuture<T> result) {
            this.write = write;
            this.result = result;
        }
    }
}
