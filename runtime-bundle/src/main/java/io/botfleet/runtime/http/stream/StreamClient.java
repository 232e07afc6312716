package io.botfleet.runtime.http.stream;

import io.botfleet.runtime.auth.Principal;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One connected stream: a bounded queue of encoded events written by a shared writer pool, one
 * drain at a time per client. A client more than {@link #MAX_QUEUED} events behind is closed
 * rather than buffered without bound; it reconnects with Last-Event-ID.
 */
final class StreamClient {

    static final int MAX_QUEUED = 5_000;

    private final AsyncContext async;
    private final Principal principal;
    private final Executor writers;
    private final Queue<byte[]> queue = new ArrayDeque<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private boolean draining;
    private volatile Runnable onClose = () -> { };

    StreamClient(AsyncContext async, Principal principal, Executor writers) {
        this.async = async;
        this.principal = principal;
        this.writers = writers;
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

    /** The exchange is over (completed by us or by the container). */
    private void closed() {
        if (closed.compareAndSet(false, true)) {
            onClose.run();
        }
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

    void offer(byte[] event) {
        if (closed.get()) {
            return;
        }
        boolean schedule;
        synchronized (this) {
            if (queue.size() >= MAX_QUEUED) {
                schedule = false;
            } else {
                queue.add(event);
                schedule = !draining;
                draining = true;
            }
        }
        if (!schedule && queueFull()) {
            close();
            return;
        }
        if (schedule) {
            try {
                writers.execute(this::drain);
            } catch (RuntimeException rejected) {
                close();
            }
        }
    }

    private synchronized boolean queueFull() {
        return queue.size() >= MAX_QUEUED;
    }

    private void drain() {
        try {
            ServletOutputStream out = async.getResponse().getOutputStream();
            while (true) {
                byte[] next;
                synchronized (this) {
                    next = queue.poll();
                    if (next == null) {
                        draining = false;
                        break;
                    }
                }
                out.write(next);
                synchronized (this) {
                    if (queue.isEmpty()) {
                        out.flush();
                    }
                }
            }
        } catch (IOException | RuntimeException gone) {
            close();
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
