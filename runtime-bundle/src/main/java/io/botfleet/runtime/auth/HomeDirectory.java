package io.botfleet.runtime.auth;

import java.nio.file.Path;
import org.osgi.framework.BundleContext;

/** Where the installation lives: {@code botfleet.home} (framework property), else the working folder. */
final class HomeDirectory {

    static final String PROPERTY = "botfleet.home";

    private HomeDirectory() {
    }

    static Path of(BundleContext context) {
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
