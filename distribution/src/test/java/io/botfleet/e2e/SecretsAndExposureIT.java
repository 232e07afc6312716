package io.botfleet.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import io.botfleet.distribution.DistributionProcess;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * What a server exposes, on a real process: HTTPS by configuration (a keystore made with
 * {@code keytool}, its password from a file), HTTP bound to loopback only by default, the stream
 * cookie {@code Secure} over HTTPS and behind a trusted proxy that says the client used HTTPS,
 * the generated admin token in an owner-only file that the log points to without printing it,
 * and {@code data/} (database, token hash key) owner-only.
 */
public class SecretsAndExposureIT {

    private static final String STORE_PASSWORD = "changeit-" + System.nanoTime();

    private static DistributionProcess server;
    private static Path keystore;
    private static int httpsPort;
    private static HttpClient https;
    private static String admin;

    @BeforeClass
    public static void start() throws Exception {
        Path work = Files.createDirectories(Path.of(System.getProperty("botfleet.test.output", "target/e2e"))
                .toAbsolutePath().resolve("tls-" + System.nanoTime()));
        keystore = work.resolve("https.p12");
        keytool("-genkeypair", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD,
                "-alias", "botfleet", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost");
        Path passwordFile = Files.writeString(work.resolve("https.password"), STORE_PASSWORD + "\n");
        httpsPort = DistributionProcess.freePort();
        server = DistributionProcess.builder("exposure")
                .env("BOTFLEET_ADMIN_TOKEN", null) // the first start generates one
                .env("BOTFLEET_HTTPS_PORT", Integer.toString(httpsPort))
                .env("BOTFLEET_HTTPS_KEYSTORE", keystore.toString())
                .env("BOTFLEET_HTTPS_KEYSTORE_PASSWORD_FILE", passwordFile.toString())
                .etcFile("io.botfleet.http.cfg", "trustedProxies=127.0.0.1\n")
                .start();
        server.awaitLive(Duration.ofSeconds(60));
        // the connect timeout covers the TLS handshake; the server's first one, on a busy
        // machine, takes seconds (measured 7.6 s on a loaded CI box): ten like every request
        https = HttpClient.newBuilder().sslContext(trusting(keystore)).connectTimeout(Duration.ofSeconds(10)).build();
        awaitHttps(Duration.ofSeconds(60));
        Path tokenFile = server.home().resolve("data/admin.token");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.isRegularFile(tokenFile) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        admin = Files.readString(tokenFile).trim(); // moved into place whole: never seen half-written
        assertTrue("a generated token in " + tokenFile, admin.startsWith("bf_"));
        new Api(server).await("/api/v1/bots", admin, b -> true, Duration.ofSeconds(60), "the API");
    }

    @AfterClass
    public static void stop() {
        if (server != null) {
            server.terminate();
            server.awaitExit(Duration.ofSeconds(30));
            server.close();
        }
    }

    @Test
    public void httpsServesTheApiAndTheStreamCookieIsSecureThere() throws Exception {
        HttpResponse<String> live = https.send(HttpRequest.newBuilder(httpsUri("/health/live")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, live.statusCode());
        HttpResponse<String> login = https.send(HttpRequest.newBuilder(httpsUri("/api/v1/session"))
                .header("Authorization", "Bearer " + admin).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(login.body(), 200, login.statusCode());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie, cookie.contains("; Secure"));
    }

    @Test
    public void behindATrustedProxyThatSaysHttpsTheCookieIsSecureToo() throws Exception {
        HttpResponse<String> proxied = server.send(HttpRequest.newBuilder(server.uri("/api/v1/session"))
                .header("Authorization", "Bearer " + admin).header("X-Forwarded-Proto", "https")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(proxied.body(), 200, proxied.statusCode());
        assertTrue(proxied.headers().firstValue("Set-Cookie").orElseThrow().contains("; Secure"));
        HttpResponse<String> plain = server.send(HttpRequest.newBuilder(server.uri("/api/v1/session"))
                .header("Authorization", "Bearer " + admin).POST(HttpRequest.BodyPublishers.noBody()));
        assertFalse(plain.headers().firstValue("Set-Cookie").orElseThrow().contains("Secure"));
    }

    @Test
    public void httpListensOnLoopbackOnly() throws Exception {
        InetAddress external = null;
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    external = address;
                }
            }
        }
        assumeTrue("this machine has an address besides loopback", external != null);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(external, server.port()), 2000);
            throw new AssertionError("HTTP answered on " + external + ":" + server.port());
        } catch (IOException refused) {
            // nothing listens there
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
        }
    }

    @Test
    public void theAdminTokenIsInAnOwnerOnlyFileAndTheLogSaysWhereNotWhat() throws Exception {
        Path tokenFile = server.home().resolve("data/admin.token");
        assertEquals("rw-------", permissions(tokenFile));
        String log = server.logText();
        assertFalse("the log never shows the token", log.contains(admin));
        assertTrue(server.logTail(40), log.contains(tokenFile.toString()));
    }

    @Test
    public void dataTheDatabaseAndTheTokenHashKeyAreOwnerOnly() throws Exception {
        Path data = server.home().resolve("data");
        assertEquals("rwx------", permissions(data));
        Path key = data.resolve("token-hash.key");
        assertTrue(Files.isRegularFile(key));
        assertEquals("rw-------", permissions(key));
        try (var files = Files.list(data)) {
            Path database = files.filter(f -> f.getFileName().toString().endsWith(".mv.db")).findFirst().orElse(null);
            assertNotNull("an H2 database in data/", database);
            assertEquals("rw-------", permissions(database));
        }
    }

    /** Like awaitLive, over HTTPS: the connector is up once it answers. */
    private static void awaitHttps(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> live = https.send(HttpRequest.newBuilder(httpsUri("/health/live"))
                        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (live.statusCode() == 200) {
                    return;
                }
                last = live.statusCode() + " " + live.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("HTTPS not answering within " + timeout + ": " + last + "\n" + server.logTail(40));
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static URI httpsUri(String path) {
        return URI.create("https://127.0.0.1:" + httpsPort + path);
    }

    /** An SSL context that trusts exactly the certificate of {@code keystore}. */
    private static SSLContext trusting(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, STORE_PASSWORD.toCharArray());
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("botfleet", store.getCertificate("botfleet"));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static void keytool(String... args) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "keytool");
        String[] command = new String[args.length + 1];
        command[0] = java.toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals("keytool: " + output, 0, process.waitFor());
    }
}
