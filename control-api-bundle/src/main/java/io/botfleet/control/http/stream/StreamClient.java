package io.botfleet.control.http.stream;

import io.botfleet.control.auth.Principal;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One connected stream, written with non-blocking servlet I/O: a write happens only when the
 * container says the connection can take it ({@link ServletOutputStream#isReady()}), so no
 * thread ever waits for a client that stopped reading, and no lock is held across I/O.
 *
 * <p>The client keeps no copy of the events: it holds the id of the last event it sent and
 * reads the next ones from the shared {@link EventLog}, so a replay after {@code Last-Event-ID}
 * and a slow reader cost a few bytes each, not a queue of events. A client that falls behind
 * by more than the log holds is closed (it reconnects with {@code Last-Event-ID}); so is one
 * that could not be written to for {@code stallNanos}. Besides events there are at most
 * {@link #MAX_CONTROL_FRAMES} small control frames (the retry hint, keep-alives) waiting.
 */
final class StreamClient implements WriteListener {

    static final int MAX_CONTROL_FRAMES = 4;

    private final AsyncContext async;
    private final Principal principal;
    private final EventLog log;
    private final Executor writers;
    private final ServletOutputStream out;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** Guards the output: only one thread writes at a time, and only while it is ready. */
    private final Object writeLock = new Object();
    /** Control frames (guarded by itself), written before the next event. */
    private final Queue<byte[]> control = new ArrayDeque<>();
    /** Id of the last event written (guarded by writeLock). */
    private long sentId;
    private boolean unflushed;
    /** When the connection last refused more data and has not taken it since, or 0. */
    private volatile long blockedSinceNanos;
    private volatile Runnable onClose = () -> { };
    /** Set once the write listener is registered: writes wait for it. */
    private volatile boolean started;

    StreamClient(AsyncContext async, Principal principal, EventLog log, long resumeAfterId,
            Executor writers) throws IOException {
        this.async = async;
        this.principal = principal;
        this.log = log;
        this.sentId = resumeAfterId;
        this.writers = writers;
        this.out = async.getResponse().getOutputStream();
        // the container ends the exchange on I/O errors (client gone): forget the client then
        async.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                closed();
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                close();
            }

            @Override
            public void onError(AsyncEvent event) {
                close();
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        });
    }

    /**
     * Switches the response to non-blocking writes; call once, on the request's thread. Nothing
     * is written before: a write in blocking mode would make the container refuse the listener.
     */
    void start() {
        out.setWriteListener(this);
        started = true;
        wake();
    }

    Principal principal() {
        return principal;
    }

    void onClose(Runnable action) {
        this.onClose = action;
        if (closed.get()) {
            action.run();
        }
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Queues a control frame (a comment or the retry hint); dropped when enough are waiting. */
    void offerControl(byte[] frame) {
        synchronized (control) {
            if (control.size() >= MAX_CONTROL_FRAMES) {
                return; // keep-alives pile up only for a client that reads nothing anyway
            }
            control.add(frame);
        }
        wake();
    }

    /** New events are in the log (or control frames queued): write them when the client can take them. */
    void wake() {
        if (!started || closed.get() || !scheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            writers.execute(this::drain);
        } catch (RuntimeException rejected) {
            close();
        }
    }

    /** How long the connection has refused data, in ns (0 while it takes what it is given). */
    long blockedNanos(long now) {
        long since = blockedSinceNanos;
        return since == 0 ? 0 : now - since;
    }

    /** Bytes this client holds besides the shared log (control frames only). */
    int heldBytes() {
        synchronized (control) {
            int bytes = 0;
            for (byte[] frame : control) {
                bytes += frame.length;
            }
            return bytes;
        }
    }

    @Override
    public void onWritePossible() {
        drain();
    }

    @Override
    public void onError(Throwable t) {
        close();
    }

    private void drain() {
        scheduled.set(false);
        synchronized (writeLock) {
            try {
                while (!closed.get()) {
                    if (!out.isReady()) {
                        // the container calls onWritePossible once the client has read enough
                        if (blockedSinceNanos == 0) {
                            blockedSinceNanos = System.nanoTime();
                        }
                        return;
                    }
                    blockedSinceNanos = 0;
                    byte[] next = nextFrame();
                    if (next == null) {
                        if (!unflushed) {
                            return;
                        }
                        unflushed = false;
                        out.flush();
                        continue;
                    }
                    out.write(next);
                    unflushed = true;
                }
            } catch (IOException | RuntimeException gone) {
                close();
            }
        }
    }

    /** The next control frame, else the next event after the last one sent, else null. */
    private byte[] nextFrame() {
        synchronized (control) {
            byte[] frame = control.poll();
            if (frame != null) {
                return frame;
            }
        }
        StreamEvent event = log.get(sentId + 1);
        if (event == null) {
            return null;
        }
        if (event == EventLog.GONE) {
            close(); // fell behind what the log holds; it reconnects with Last-Event-ID
            return null;
        }
        sentId = event.id();
        return event.encode();
    }

    /** The exchange is over (completed by us or by the container). */
    private void closed() {
        if (closed.compareAndSet(false, true)) {
            onClose.run();
        }
    }

    void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                async.complete();
            } catch (RuntimeException alreadyDone) {
                // the container already ended it (client went away)
            }
            onClose.run();
        }
    }
}
