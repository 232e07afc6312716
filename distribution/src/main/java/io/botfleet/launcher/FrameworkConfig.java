package io.botfleet.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The framework properties: {@code conf/config.properties} of the distribution, with
 * {@code ${name}} replaced by the launcher's values ({@code botfleet.home},
 * {@code botfleet.install}, the HTTP port and host) or by system properties; HTTPS settings
 * from the environment ({@link HttpEndpoints}) are added last. A system property whose
 * name is also a key of the file overrides the file, so {@code -Dfelix.fileinstall.poll=500} in
 * BOTFLEET_JAVA_OPTS works without editing the file.
 */
final class FrameworkConfig {

    static final String HTTP_PORT = "org.osgi.service.http.port";
    static final String HTTP_PORT_ENVIRONMENT = "BOTFLEET_HTTP_PORT";
    private static final String DEFAULT_HTTP_PORT = "8080";
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");

    private FrameworkConfig() {
    }

    static Map<String, String> load(Path install, Path home) throws IOException {
        Map<String, String> variables = new HashMap<>();
        variables.put(Installation.PROPERTY, install.toString());
        variables.put(HomeSetup.PROPERTY, home.toString());
        variables.put(HTTP_PORT, httpPort());
        variables.put(HttpEndpoints.HOST, HttpEndpoints.host(System.getenv()));
        variables.put("gosh.args", shellArguments());

        Properties file = new Properties();
        try (Reader reader = Files.newBufferedReader(install.resolve("conf/config.properties"),
                StandardCharsets.UTF_8)) {
            file.load(reader);
        }
        Map<String, String> config = new HashMap<>(variables);
        for (String key : file.stringPropertyNames()) {
            String value = System.getProperty(key, file.getProperty(key));
            config.put(key, substitute(key, value, variables));
        }
        config.putAll(HttpEndpoints.https(System.getenv(), home)); // the environment's HTTPS wins
        return config;
    }

    /** The system property, else BOTFLEET_HTTP_PORT, else 8080; refuses what is not a port. */
    static String httpPort() {
        String port = System.getProperty(HTTP_PORT);
        if (port == null || port.isBlank()) {
            port = System.getenv(HTTP_PORT_ENVIRONMENT);
        }
        if (port == null || port.isBlank()) {
            return DEFAULT_HTTP_PORT;
        }
        return port(port, HTTP_PORT_ENVIRONMENT);
    }

    /** {@code port} as a TCP port number; refuses anything else, naming {@code source}. */
    static String port(String port, String source) {
        try {
            int number = Integer.parseInt(port.trim());
            if (number >= 0 && number <= 65535) {
                return Integer.toString(number);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new LaunchException(source + " is not a TCP port: '" + port + "'");
    }

    /**
     * Gogo's shell reads stdin; when stdin is not a terminal (a service, a test, CI) the shell
     * would read end-of-file and stop the whole framework. bin/botfleet decides with
     * {@code [ -t 0 ]}; launched another way, no console means no interactive shell.
     */
    private static String shellArguments() {
        String explicit = System.getProperty("gosh.args");
        if (explicit != null) {
            return explicit;
        }
        return System.console() == null ? "--nointeractive" : "";
    }

    private static String substitute(String key, String value, Map<String, String> variables) {
        Matcher matcher = VARIABLE.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String replacement = variables.containsKey(name) ? variables.get(name) : System.getProperty(name);
            if (replacement == null) {
                throw new LaunchException("conf/config.properties: " + key + " uses ${" + name
                        + "}, which is not defined");
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(result);
        return result.toString();
    }
}
