package io.botfleet.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class HttpEndpointsTest {

    @Rule
    public TemporaryFolder folders = new TemporaryFolder();

    @Test
    public void httpBindsToLoopbackUnlessTheOperatorSaysOtherwise() {
        assertEquals("127.0.0.1", HttpEndpoints.host(Map.of()));
        assertEquals("0.0.0.0", HttpEndpoints.host(Map.of("BOTFLEET_HTTP_HOST", "0.0.0.0")));
    }

    @Test
    public void withoutAnHttpsPortThereIsNoHttps() {
        assertTrue(HttpEndpoints.https(Map.of(), folders.getRoot().toPath()).isEmpty());
    }

    @Test
    public void httpsNeedsAKeystoreThatOpensWithItsPassword() throws Exception {
        Path home = folders.getRoot().toPath();
        Path keystore = home.resolve("etc/https.p12");
        Files.createDirectories(keystore.getParent());
        KeyStore empty = KeyStore.getInstance("PKCS12");
        empty.load(null, null);
        try (OutputStream out = Files.newOutputStream(keystore)) {
            empty.store(out, "secret".toCharArray());
        }
        LaunchException noPassword = assertThrows(LaunchException.class, () -> HttpEndpoints.https(
                Map.of("BOTFLEET_HTTPS_PORT", "8443", "BOTFLEET_HTTPS_KEYSTORE", "etc/https.p12"), home));
        assertTrue(noPassword.getMessage(), noPassword.getMessage().contains("BOTFLEET_HTTPS_KEYSTORE_PASSWORD"));
        LaunchException wrong = assertThrows(LaunchException.class, () -> HttpEndpoints.https(
                Map.of("BOTFLEET_HTTPS_PORT", "8443", "BOTFLEET_HTTPS_KEYSTORE", "etc/https.p12",
                        "BOTFLEET_HTTPS_KEYSTORE_PASSWORD", "wrong"), home));
        assertTrue(wrong.getMessage(), wrong.getMessage().contains("cannot open"));
        Path passwordFile = Files.writeString(home.resolve("pw"), "secret\n");
        LaunchException noKey = assertThrows(LaunchException.class, () -> HttpEndpoints.https(
                Map.of("BOTFLEET_HTTPS_PORT", "8443", "BOTFLEET_HTTPS_KEYSTORE", "etc/https.p12",
                        "BOTFLEET_HTTPS_KEYSTORE_PASSWORD_FILE", passwordFile.toString()), home));
        assertTrue(noKey.getMessage(), noKey.getMessage().contains("holds no key"));
    }
}
