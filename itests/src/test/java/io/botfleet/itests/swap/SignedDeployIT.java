package io.botfleet.itests.swap;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import io.botfleet.itests.BotfleetTestSupport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import jdk.security.jarsigner.JarSigner;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * Only trusted code runs: with {@code requireSignedBundles=true} a strategy bundle is accepted
 * only when every entry is signed by a certificate of the configured trust store. The keys
 * (keytool), the trust store and the signed, tampered and foreign-signed jars are made for real
 * before the framework starts; the framework only sees the files.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SignedDeployIT extends BotfleetTestSupport {

    private static final String SIGNED = "deploy-tests/signed.jar";
    private static final String TAMPERED = "deploy-tests/tampered.jar";
    private static final String FOREIGN = "deploy-tests/foreign.jar";
    private static final String UNSIGNED = "deploy-tests/unsigned.jar";
    private static final String BOMB = "deploy-tests/bomb.jar";
    private static final String DROPPED_BOMB = "deploy/bomb.jar";
    private static final String DROPPED_HUGE = "deploy/huge.jar";

    @Configuration
    public Option[] config() throws Exception {
        Option base = baseOptions();
        Path keys = Files.createTempDirectory("botfleet-keys-");
        KeyStore.PrivateKeyEntry publisher = generate(keys, "publisher");
        KeyStore.PrivateKeyEntry stranger = generate(keys, "stranger");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("publisher", publisher.getCertificate());
        ByteArrayOutputStream trustBytes = new ByteArrayOutputStream();
        trust.store(trustBytes, "trustpass".toCharArray());

        byte[] unsigned = TestBundles.strategyBundle("io.botfleet.itests.signed", "1.0.0", RecordingStrategy.class, "signed-recording");
        byte[] signed = sign(unsigned, publisher);
        return options(base,
                homeFile("etc/trust.p12", trustBytes.toByteArray()),
                homeFile(SIGNED, signed),
                homeFile(TAMPERED, tamper(signed)),
                homeFile(FOREIGN, sign(unsigned, stranger)),
                homeFile(UNSIGNED, unsigned),
                homeFile(BOMB, bomb(signed)),
                homeFile(DROPPED_BOMB, bomb(signed)),
                homeFile(DROPPED_HUGE, huge()),
                etcFile("io.botfleet.deploy.cfg",
                "requireSignedBundles=true\ntrustStore=etc/trust.p12\ntrustStorePassword=trustpass\ntrustStoreType=PKCS12\n"));
    }

    private static KeyStore.PrivateKeyEntry generate(Path folder, String alias) throws Exception {
        Path store = folder.resolve(alias + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + alias,
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit",
                "-keypass", "changeit").redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException("keytool failed");
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        return (KeyStore.PrivateKeyEntry) ks.getEntry(alias, new KeyStore.PasswordProtection("changeit".toCharArray()));
    }

    private static byte[] sign(byte[] jar, KeyStore.PrivateKeyEntry key) throws Exception {
        Path unsigned = Files.createTempFile("unsigned", ".jar");
        Files.write(unsigned, jar);
        JarSigner signer = new JarSigner.Builder((PrivateKey) key.getPrivateKey(),
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(key.getCertificateChain()))).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(unsigned.toFile())) {
            signer.sign(zip, out);
        }
        return out.toByteArray();
    }

    private static byte[] tamper(byte[] jar) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar)); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                if (e.getName().endsWith("strategy.xml")) {
                    content = new String(content).replace("signed-recording", "evil-recording").getBytes();
                }
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(content);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** A signed bundle plus an entry of 64 MiB of zeros, deflated to about 64 KiB: a zip bomb. */
    private static byte[] bomb(byte[] jar) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar)); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(content);
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry("data/zeros.bin"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    /** 21 MiB that is not even a jar: the deploy folder must refuse it for its size without reading it. */
    private static byte[] huge() {
        byte[] bytes = new byte[21 << 20];
        new Random(1).nextBytes(bytes);
        return bytes;
    }

    /** With the shipped jar and extra bytes: no longer what was shipped, and signed by nobody. */
    private static byte[] withExtraEntry(byte[] jar) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar)); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(content);
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry("extra.txt"));
            zip.write("not shipped".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    // ------------------------------------------------------------------ container side

    private HttpResponse<String> post(String relative) throws Exception {
        return post(Files.readAllBytes(botfleetHome().resolve(relative)));
    }

    private HttpResponse<String> post(byte[] jar) throws Exception {
        awaitHttp("/health/live", 200, Duration.ofSeconds(60));
        String token = adminToken();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort() + "/api/v1/bundles"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/java-archive")
                .POST(HttpRequest.BodyPublishers.ofByteArray(jar)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    public void onlyJarsSignedByATrustedKeyAreAccepted() throws Exception {
        HttpResponse<String> unsigned = post(UNSIGNED);
        assertEquals(unsigned.body(), 422, unsigned.statusCode());
        assertTrue(unsigned.body(), unsigned.body().contains("unsigned"));

        HttpResponse<String> tampered = post(TAMPERED);
        assertEquals(tampered.body(), 422, tampered.statusCode());
        assertTrue(tampered.body(), tampered.body().contains("tampered"));

        HttpResponse<String> foreign = post(FOREIGN);
        assertEquals(foreign.body(), 422, foreign.statusCode());
        assertTrue(foreign.body(), foreign.body().contains("untrusted"));

        HttpResponse<String> signed = post(SIGNED);
        assertEquals(signed.body(), 201, signed.statusCode());
        assertTrue(signed.body(), signed.body().contains("signed-recording"));
    }

    @Test
    public void aZipBombIsRefusedWithTheReasonUploadedOrDropped() throws Exception {
        HttpResponse<String> bomb = post(BOMB);
        assertEquals(bomb.body(), 422, bomb.statusCode());
        assertTrue(bomb.body(), bomb.body().contains("zip bomb: the entry data/zeros.bin inflates more than 100 times"));

        Path bombError = botfleetHome().resolve(DROPPED_BOMB + ".error");
        Path hugeError = botfleetHome().resolve(DROPPED_HUGE + ".error");
        await("the deploy folder's refusals", Duration.ofSeconds(60),
                () -> Files.exists(bombError) && Files.exists(hugeError), () -> "no .error files yet");
        assertTrue(Files.readString(bombError).contains("zip bomb"));
        assertTrue(Files.readString(hugeError), Files.readString(hugeError).startsWith("too large"));
    }

    /**
     * Decided: a jar byte-identical to a strategy jar the distribution ships in {@code bundle/} is
     * trusted without a signature, so a shipped version can be reinstalled after an uninstall
     * (a rollback to it) when signatures are required. A changed copy is not.
     */
    @Test
    public void theShippedUnsignedStrategyCanBeReinstalledButNotAChangedCopy() throws Exception {
        awaitHttp("/health/ready", 200, Duration.ofSeconds(90));
        Bundle sma = installedBundle("io.botfleet.strategy.sma");
        byte[] shipped;
        try (InputStream in = new URL(sma.getLocation()).openStream()) {
            shipped = in.readAllBytes();
        }
        String path = "/api/v1/bundles/io.botfleet.strategy.sma/" + sma.getVersion();
        HttpResponse<String> removed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort() + path + "?force=true"))
                .header("Authorization", "Bearer " + adminToken()).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(removed.body(), 204, removed.statusCode());

        HttpResponse<String> changed = post(withExtraEntry(shipped));
        assertEquals(changed.body(), 422, changed.statusCode());
        assertTrue(changed.body(), changed.body().contains("unsigned"));

        HttpResponse<String> reinstalled = post(shipped);
        assertEquals(reinstalled.body(), 201, reinstalled.statusCode());
        assertTrue(reinstalled.body(), reinstalled.body().contains("sma-crossover"));
    }
}
