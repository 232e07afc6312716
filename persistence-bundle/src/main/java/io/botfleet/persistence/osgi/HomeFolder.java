package io.botfleet.persistence.osgi;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where {@code botfleet.home} is: the framework property, else the system property, else the
 * {@code BOTFLEET_HOME} environment variable (which {@code bin/botfleet} sets), else the working
 * folder.
 */
final class HomeFolder {

    static final String PROPERTY = "botfleet.home";

    private HomeFolder() {
    }

    static Path resolve(Function<String, String> frameworkProperty) {
        for (String candidate : new String[] {frameworkProperty.apply(PROPERTY), System.getProperty(PROPERTY),
                System.getenv("BOTFLEET_HOME")}) {
            if (candidate != null && !candidate.isBlank()) {
                return Path.of(candidate);
            }
        }
        return Path.of(".");
    }
}
