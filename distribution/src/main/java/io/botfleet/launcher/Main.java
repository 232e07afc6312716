package io.botfleet.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;

/**
 * Starts Botfleet's Felix framework in the foreground and exits when it stops.
 *
 * <p>Why not Felix's own {@code org.apache.felix.main.Main}: on SIGTERM it stops the framework
 * from a shutdown hook and the JVM then exits with 143, which a supervisor reads as a crash. Here
 * TERM and INT stop the framework cleanly and the process exits 0; a framework that does not stop
 * within {@code botfleet.stop.timeout} (default 10 s) is abandoned with exit status 1.
 *
 * <p>Exit status: 0 after a clean stop (signal, or {@code stop 0} in the shell); 1 when the
 * framework stopped on an error, failed to start, or did not stop in time, and when the start is
 * refused: the home is used by another server ({@link HomeLock}), the HTTP port is taken, or a
 * bundle refused it (the database is owned by another server: {@link StartupRefusal}).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run());
        } catch (LaunchException e) {
            Console.error("cannot start: " + e.getMessage());
            System.exit(1);
        } catch (Exception | LinkageError e) {
            Console.error("cannot start: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static int run() throws Exception {
        // First, so that a stop asked for while starting is a clean stop as well.
        GracefulStop stop = new GracefulStop();
        stop.onSignals("TERM", "INT");
        stop.onJvmShutdown();

        Path install = Installation.folder();
        Path home = HomeSetup.resolve(install);
        HomeSetup.prepare(home, install);

        HomeLock.acquire(home); // before the framework, whose start cleans data/felix-cache
        Map<String, String> config = FrameworkConfig.load(install, home);
        String host = config.get(HttpEndpoints.HOST);
        PortCheck.requireFree(host, config.get(FrameworkConfig.HTTP_PORT), "HTTP", FrameworkConfig.HTTP_PORT_ENVIRONMENT);
        if (config.containsKey(HttpEndpoints.HTTPS_PORT)) {
            PortCheck.requireFree(host, config.get(HttpEndpoints.HTTPS_PORT), "HTTPS", "BOTFLEET_HTTPS_PORT");
        }
        stop.timeout(Duration.ofMillis(Long.parseLong(config.getOrDefault("botfleet.stop.timeout", "10000"))));

        if (stop.requested()) {
            return 0;
        }
        Framework framework = new FrameworkFactory().newFramework(config);
        framework.init();
        StartupRefusal refusal = new StartupRefusal();
        refusal.offer(framework);
        if (!stop.attach(framework)) {
            return 0;
        }
        try {
            BundleFolderInstaller.from(config).deploy(framework.getBundleContext(), install.resolve("bundle"));
            framework.start();
        } catch (Exception e) {
            if (!stop.requested()) {
                throw e;
            }
            // the stop pulled the framework from under the start: that is the stop asked for
        }
        if (!stop.requested()) {
            Console.info("started; home " + home + ", HTTP " + host + ":" + config.get(FrameworkConfig.HTTP_PORT)
                    + (config.containsKey(HttpEndpoints.HTTPS_PORT)
                            ? ", HTTPS " + host + ":" + config.get(HttpEndpoints.HTTPS_PORT) : ""));
        }

        FrameworkEvent event = framework.waitForStop(0);
        if (refusal.reason() != null && !stop.requested()) {
            throw new LaunchException(refusal.reason());
        }
        if (event.getType() == FrameworkEvent.ERROR) {
            Console.error("framework stopped on an error: " + event.getThrowable());
            return 1;
        }
        Console.info("stopped");
        return 0;
    }
}
