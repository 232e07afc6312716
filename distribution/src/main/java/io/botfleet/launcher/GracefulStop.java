package io.botfleet.launcher;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import sun.misc.Signal;

/**
 * Stops the framework when the process is asked to stop, waiting a bounded time for it.
 *
 * <p>TERM and INT are handled with {@code sun.misc.Signal} rather than a shutdown hook: a hook
 * cannot change the JVM's exit status (143 after TERM), and supervisors read that as a failure.
 * With the handler the main thread sees the framework stop and exits 0. A second INT (an
 * impatient Ctrl-C) halts at once. Other ways the JVM is shut down (HUP, System.exit) still stop
 * the framework through a shutdown hook.
 *
 * <p>The handlers are installed before the framework exists, so a signal during start-up is a
 * clean stop too: before {@link #attach} it only marks the stop as requested, and the launcher
 * does not start the framework; after, it stops the framework, also one still starting.
 */
final class GracefulStop {

    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile Framework framework;
    private volatile Duration timeout = Duration.ofSeconds(10);

    void onSignals(String... names) {
        for (String name : names) {
            Signal.handle(new Signal(name), signal -> stop("SIG" + signal.getName()));
        }
    }

    void onJvmShutdown() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Framework running = framework;
            if (running != null && (running.getState() & (Bundle.STARTING | Bundle.ACTIVE)) != 0) {
                stop("JVM shutdown");
            }
        }, "botfleet-shutdown"));
    }

    /** How long a stop waits for the framework (botfleet.stop.timeout). */
    void timeout(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * From now on a stop stops this framework. Returns false when a stop was requested before:
     * the caller then does not start it.
     */
    boolean attach(Framework framework) {
        this.framework = framework;
        return !requested.get();
    }

    /** Whether a signal (or a JVM shutdown) asked the server to stop. */
    boolean requested() {
        return requested.get();
    }

    private void stop(String reason) {
        if (!requested.compareAndSet(false, true)) {
            if (reason.equals("SIGINT")) {
                Console.error("second SIGINT: halting without waiting for the framework");
                Runtime.getRuntime().halt(130);
            }
            return;
        }
        Framework running = framework;
        if (running == null) {
            Console.info(reason + ": stopping before the framework was created");
            return;
        }
        Console.info(reason + ": stopping the framework (waiting up to " + timeout.toMillis() + " ms)");
        try {
            running.stop();
            FrameworkEvent event = running.waitForStop(timeout.toMillis());
            if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                Console.error("the framework did not stop within " + timeout.toMillis() + " ms; halting."
                        + " Where each thread was:");
                ThreadDump.print(System.err);
                Runtime.getRuntime().halt(1);
            }
        } catch (BundleException e) {
            Console.error("stopping the framework failed: " + e);
            Runtime.getRuntime().halt(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
