package io.botfleet.runtime.home;

import java.nio.file.Path;
import org.osgi.framework.BundleContext;

/**
 * Where the installation lives ({@code etc/}, {@code data/}, {@code deploy/}): the framework
 * property {@code botfleet.home} the launcher sets from {@code BOTFLEET_HOME}, else that
 * environment variable, else the working folder.
 */
public final class BotfleetHome {

    public static final String PROPERTY = "botfleet.home";

    private BotfleetHome() {
    }

    public static Path of(BundleContext context) {
        String home = context == null ? null : context.getProperty(PROPERTY);
        if (home == null || home.isBlank()) {
            home = System.getenv("BOTFLEET_HOME");
        }
        if (home == null || home.isBlank()) {
            home = ".";
        }
        return Path.of(home).toAbsolutePath().normalize();
    }
}
