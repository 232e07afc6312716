package io.botfleet.api.home;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where the installation lives ({@code etc/}, {@code data/}, {@code deploy/}), the one rule every
 * bundle follows: the framework property {@value #PROPERTY} (the launcher sets it from
 * {@code BOTFLEET_HOME}), else the system property of that name, else the environment variable
 * {@value #ENVIRONMENT}, else the working folder. Always absolute and normalised.
 */
public final class BotfleetHome {

    public static final String PROPERTY = "botfleet.home";
    public static final String ENVIRONMENT = "BOTFLEET_HOME";

    private BotfleetHome() {
    }

    /** @param frameworkProperty the framework's properties, e.g. {@code bundleContext::getProperty} */
    public static Path resolve(Function<String, String> frameworkProperty) {
        for (String candidate : new String[] {frameworkProperty.apply(PROPERTY), System.getProperty(PROPERTY),
                System.getenv(ENVIRONMENT)}) {
            if (candidate != null && !candidate.isBlank()) {
                return Path.of(candidate).toAbsolutePath().normalize();
            }
        }
        return Path.of(".").toAbsolutePath().normalize();
    }
}
