package io.botfleet.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the server listens, from the environment, as Felix HTTP framework properties.
 *
 * <ul>
 *   <li>{@code BOTFLEET_HTTP_HOST}: the address HTTP (and HTTPS) bind to; {@code 127.0.0.1}
 *       unless set, so a fresh install is not reachable from the network until the operator
 *       says so ({@code 0.0.0.0} for every interface).</li>
 *   <li>{@code BOTFLEET_HTTPS_PORT}: turns HTTPS on, on this port, with the key and
 *       certificate of {@code BOTFLEET_HTTPS_KEYSTORE} (a path, relative to BOTFLEET_HOME;
 *       {@code BOTFLEET_HTTPS_KEYSTORE_TYPE}, PKCS12 by default) whose password is
 *       {@code BOTFLEET_HTTPS_KEYSTORE_PASSWORD} or the first line of the file
 *       {@code BOTFLEET_HTTPS_KEYSTORE_PASSWORD_FILE}. The keystore is opened here once, so a
 *       wrong path or password stops the start with one line instead of a server without
 *       HTTPS.</li>
 * </ul>
 */
final class HttpEndpoints {

    static final String HOST = "org.apache.felix.http.host";
    static final String HOST_ENVIRONMENT = "BOTFLEET_HTTP_HOST";
    static final String DEFAULT_HOST = "127.0.0.1";
    static final String HTTPS_PORT = "org.osgi.service.http.port.secure";
    static final String HTTPS_ENABLE = "org.apache.felix.https.enable";

    private HttpEndpoints() {
    }

    /** The system property, else BOTFLEET_HTTP_HOST, else 127.0.0.1. */
    static String host(Map<String, String> environment) {
        String host = System.getProperty(HOST);
        if (host == null || host.isBlank()) {
            host = environment.get(HOST_ENVIRONMENT);
        }
        return host == null || host.isBlank() ? DEFAULT_HOST : host.trim();
    }

    /** The HTTPS properties, or none when BOTFLEET_HTTPS_PORT is not set. */
    static Map<String, String> https(Map<String, String> environment, Path home) {
        Map<String, String> out = new LinkedHashMap<>();
        String port = environment.get("BOTFLEET_HTTPS_PORT");
        if (port == null || port.isBlank()) {
            return out;
        }
        String keystorePath = required(environment, "BOTFLEET_HTTPS_KEYSTORE");
        Path keystore = home.resolve(keystorePath).toAbsolutePath().normalize();
        String type = environment.getOrDefault("BOTFLEET_HTTPS_KEYSTORE_TYPE", "PKCS12");
        String password = password(environment);
        open(keystore, type, password);
        out.put(HTTPS_ENABLE, "true");
        out.put(HTTPS_PORT, FrameworkConfig.port(port, "BOTFLEET_HTTPS_PORT"));
        out.put("org.apache.felix.https.keystore", keystore.toString());
        out.put("org.apache.felix.https.keystore.type", type);
        out.put("org.apache.felix.https.keystore.password", password);
        out.put("org.apache.felix.https.keystore.key.password", password);
        return out;
    }

    private static String password(Map<String, String> environment) {
        String inline = environment.get("BOTFLEET_HTTPS_KEYSTORE_PASSWORD");
        if (inline != null && !inline.isEmpty()) {
            return inline;
        }
        String file = environment.get("BOTFLEET_HTTPS_KEYSTORE_PASSWORD_FILE");
        if (file == null || file.isBlank()) {
            throw new LaunchException("BOTFLEET_HTTPS_PORT is set: set BOTFLEET_HTTPS_KEYSTORE_PASSWORD"
                    + " or BOTFLEET_HTTPS_KEYSTORE_PASSWORD_FILE too");
        }
        try {
            String text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            int newline = text.indexOf('\n');
            return (newline < 0 ? text : text.substring(0, newline)).strip();
        } catch (IOException e) {
            throw new LaunchException("cannot read BOTFLEET_HTTPS_KEYSTORE_PASSWORD_FILE " + file + ": " + e);
        }
    }

    private static void open(Path keystore, String type, String password) {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password.toCharArray());
            if (store.size() == 0) {
                throw new LaunchException("BOTFLEET_HTTPS_KEYSTORE " + keystore + " holds no key");
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new LaunchException("cannot open BOTFLEET_HTTPS_KEYSTORE " + keystore + " (" + type + "): "
                    + e.getMessage());
        }
    }

    private static String required(Map<String, String> environment, String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            throw new LaunchException("BOTFLEET_HTTPS_PORT is set: set " + name + " too");
        }
        return value;
    }
}
