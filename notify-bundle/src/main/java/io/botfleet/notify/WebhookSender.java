package io.botfleet.notify;

import io.botfleet.api.bot.ExchangeRef;
import io.botfleet.api.notify.TargetStatus;
import io.botfleet.api.retry.Backoff;
import io.botfleet.api.store.DeliveryCursor;
import io.botfleet.api.store.NotificationOutbox;
import io.botfleet.api.store.OutboxCount;
import io.botfleet.api.store.OutboxMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one target's messages from the outbox, in outbox order, on a thread of its own: a slow
 * or dead receiver holds back only this target, never a bot, the journal or another target.
 *
 * <p>Each message is tried until the receiver accepts it, refuses it for good (a 4xx that retrying
 * cannot change) or its delivery window ({@code retryForMillis} after the event) ends; then the
 * cursor in the database moves past it. Between attempts the sender waits by the platform's
 * {@link Backoff}, or longer when the receiver asks ({@code Retry-After}). The cursor is stored
 * after every delivery, so a restart resends at most the message that was in flight (its delivery
 * id lets the receiver drop it).
 *
 * <p>Sequence numbers are taken when a row is inserted, not when it commits: a row may become
 * visible after a later one (two transactions), and a rolled-back one leaves a hole forever. A
 * hole before the next visible message is therefore waited for, up to {@link #GAP_WAIT_MILLIS}.
 */
final class WebhookSender implements Runnable {

    static final long IDLE_POLL_MILLIS = 100;
    static final long GAP_WAIT_MILLIS = 2_000;
    static final long STORE_RETRY_MILLIS = 1_000;
    static final int BATCH = 500;
    private static final int FAILING_AFTER_ATTEMPTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

    private final TargetSettings target;
    private final NotificationOutbox outbox;
    private final BotAccounts accounts;
    private final HttpDelivery http;
    private final Backoff backoff;
    private final Clock clock;
    private final Semaphore wake = new Semaphore(0);
    private final AtomicLong backlog = new AtomicLong();
    private final Object lock = new Object();
    private volatile boolean running = true;
    private volatile Thread thread;

    // guarded by lock: what status() shows
    private DeliveryCursor cursor;
    private TargetStatus.State state = TargetStatus.State.OK;
    private String lastError;
    private long lastSentAtNanos;
    private long gapSeq = -1;
    private long gapSeenAt;

    WebhookSender(TargetSettings target, NotificationOutbox outbox, BotAccounts accounts, Backoff backoff, Clock clock) {
        this.target = target;
        this.outbox = outbox;
        this.accounts = accounts;
        this.backoff = backoff;
        this.clock = clock;
        this.http = new HttpDelivery(target, clock);
    }

    void start() {
        Thread t = new Thread(this, "botfleet-notify-" + target.name());
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Stops and waits for the thread: a message in flight is cut; it goes again after the restart. */
    void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Something new is in the outbox: look now rather than at the next poll. */
    void wake() {
        wake.release();
    }

    TargetSettings settings() {
        return target;
    }

    HttpDelivery http() {
        return http;
    }

    /**
     * The target's state now. The backlog is counted in the database (not by this sender's thread,
     * which may be stuck on a receiver that does not answer); 0 while the database is away.
     */
    TargetStatus status() {
        DeliveryCursor seen;
        synchronized (lock) {
            seen = cursor;
        }
        long pending = 0;
        if (seen != null) {
            try {
                pending = outbox.countAfter(seen.lastSeq()).stream()
                        .filter(n -> target.wants(n.type(), n.botId())).mapToLong(OutboxCount::count).sum();
            } catch (RuntimeException databaseAway) {
                pending = backlog.get();
            }
        }
        synchronized (lock) {
            DeliveryCursor c = cursor;
            return new TargetStatus(target.name(), target.format().code(), List.copyOf(target.events()),
                    target.bots().text(), state, pending, c == null ? 0 : c.delivered(),
                    c == null ? 0 : c.failed(), c == null ? null : c.lastDeliveredAt(),
                    lastError != null ? lastError : c == null ? null : c.lastError(), target.warnings());
        }
    }

    @Override
    public void run() {
        while (running) {
            try {
                if (cursor == null) {
                    DeliveryCursor loaded = outbox.cursor(target.name()).orElse(null);
                    if (loaded == null) {
                        // a new target starts with what happens from now on, not the outbox's past
                        loaded = new DeliveryCursor(target.name(), outbox.lastSeq(), 0, 0, null, null);
                        outbox.saveCursor(loaded);
                    }
                    synchronized (lock) {
                        cursor = loaded;
                    }
                }
                if (!deliverBatch()) {
                    wake.tryAcquire(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the database is away (or refuses writes): nothing is lost, the outbox waits
                noteError("outbox: " + e.getMessage(), TargetStatus.State.RETRYING);
                LOG.warn("notification target {}: {}", target.name(), e.toString());
                if (!pause(STORE_RETRY_MILLIS)) {
                    return;
                }
            }
        }
    }

    /** @return true when it got on (delivered or skipped something), false when there was nothing to do */
    private boolean deliverBatch() throws InterruptedException {
        DeliveryCursor c = cursor;
        List<OutboxMessage> batch = outbox.after(c.lastSeq(), BATCH);
        backlog.set(batch.stream().filter(m -> target.wants(m.type(), m.botId())).count());
        if (batch.isEmpty()) {
            return false;
        }
        long expected = c.lastSeq() + 1;
        long skippedTo = -1;
        for (OutboxMessage m : batch) {
            if (m.seq() != expected && !gapWaitedFor(expected)) {
                break;
            }
            if (!running) {
                return true;
            }
            if (target.wants(m.type(), m.botId())) {
                if (skippedTo >= 0) {
                    advance(skippedTo, null);
                    skippedTo = -1;
                }
                deliver(m);
                backlog.decrementAndGet();
            } else {
                skippedTo = m.seq();
            }
            expected = m.seq() + 1;
        }
        if (skippedTo >= 0) {
            advance(skippedTo, null);
        }
        return cursor.lastSeq() != c.lastSeq();
    }

    /** True once a hole at {@code seq} has stayed open for {@link #GAP_WAIT_MILLIS}: it is a rollback. */
    private boolean gapWaitedFor(long seq) {
        long now = System.nanoTime();
        if (gapSeq != seq) {
            gapSeq = seq;
            gapSeenAt = now;
            return false;
        }
        return now - gapSeenAt >= TimeUnit.MILLISECONDS.toNanos(GAP_WAIT_MILLIS);
    }

    private void deliver(OutboxMessage m) throws InterruptedException {
        ExchangeRef account = m.botId() == null ? null : accounts.of(m.botId());
        String exchange = account != null ? account.id() : Payloads.dataText(m.data(), "exchange");
        String accountName = account != null ? account.account() : Payloads.dataText(m.data(), "account");
        byte[] body = Payloads.body(target, m, exchange, accountName);
        Instant deadline = m.writtenAt().plusMillis(target.retryForMillis());
        int attempt = 0;
        while (running) {
            pace();
            Attempt a = http.post(m.deliveryId(), body);
            lastSentAtNanos = System.nanoTime();
            attempt++;
            if (a.delivered()) {
                synchronized (lock) {
                    cursor = new DeliveryCursor(target.name(), m.seq(), cursor.delivered() + 1, cursor.failed(),
                            clock.instant(), cursor.lastError());
                    state = TargetStatus.State.OK;
                }
                outbox.saveCursor(cursor);
                return;
            }
            String error = "message " + m.deliveryId() + " (" + m.type() + "): " + a.describe();
            boolean expired = !clock.instant().isBefore(deadline);
            if (a.permanent() || expired) {
                String why = a.permanent() ? "refused" : "given up after " + attempt + " attempts";
                LOG.warn("notification target {}: {} {}", target.name(), why, error);
                noteError(why + ": " + error, TargetStatus.State.FAILING);
                advance(m.seq(), why + ": " + error);
                return;
            }
            noteError(error, attempt >= FAILING_AFTER_ATTEMPTS ? TargetStatus.State.FAILING : TargetStatus.State.RETRYING);
            long wait = Math.max(backoff.delayMillis(attempt), a.retryAfterMillis());
            wait = Math.min(wait, Math.max(1, deadline.toEpochMilli() - clock.millis()));
            if (!pause(wait)) {
                return;
            }
        }
    }

    /** Moves the cursor past {@code seq}: skipped (not for this target) or given up on ({@code failure}). */
    private void advance(long seq, String failure) {
        synchronized (lock) {
            cursor = new DeliveryCursor(target.name(), seq, cursor.delivered(),
                    cursor.failed() + (failure == null ? 0 : 1), cursor.lastDeliveredAt(),
                    failure == null ? cursor.lastError() : failure);
        }
        outbox.saveCursor(cursor);
    }

    private void noteError(String error, TargetStatus.State newState) {
        synchronized (lock) {
            lastError = target.redact(error);
            state = newState;
        }
    }

    /** Keeps {@code minIntervalMillis} between two requests (Telegram allows about one a second per chat). */
    private void pace() throws InterruptedException {
        long min = target.minIntervalMillis();
        if (min > 0 && lastSentAtNanos != 0) {
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastSentAtNanos);
            if (waited < min) {
                Thread.sleep(min - waited);
            }
        }
    }

    /** @return false when stopped meanwhile */
    private boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return running;
        } catch (InterruptedException e) {
            return false;
        }
    }
}
