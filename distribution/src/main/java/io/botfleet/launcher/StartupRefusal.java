package io.botfleet.launcher;

import java.util.Hashtable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.osgi.framework.BundleException;
import org.osgi.framework.launch.Framework;

/**
 * Lets a bundle refuse the start, as the launcher refuses a taken HTTP port: a
 * {@code Consumer<String>} service with {@value #PROPERTY}{@code =true} (a JDK type, so bundles need
 * nothing of the launcher). The persistence bundle hands it the reason when another server owns
 * the database; the framework is then stopped and the launcher exits 1 with that one line.
 */
final class StartupRefusal {

    static final String PROPERTY = "botfleet.startup.refusal";

    private final AtomicReference<String> reason = new AtomicReference<>();

    /** Registers the service in {@code framework} (initialised, not yet started). */
    void offer(Framework framework) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(PROPERTY, "true");
        Consumer<String> refuse = why -> {
            if (reason.compareAndSet(null, why)) {
                try {
                    framework.stop(); // asynchronous: returns at once, the main thread sees it stop
                } catch (BundleException e) {
                    Console.error("cannot stop the framework: " + e.getMessage());
                }
            }
        };
        framework.getBundleContext().registerService(Consumer.class, refuse, properties);
    }

    /** The reason a bundle refused the start, or null. */
    String reason() {
        return reason.get();
    }
}
