package io.botfleet.runtime.deploy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertPath;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import jdk.security.jarsigner.JarSigner;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Real keys from keytool, real signatures from the JDK's JarSigner: no stand-ins. */
public class JarSignaturesTest {

    @ClassRule
    public static final TemporaryFolder TMP = new TemporaryFolder();
    private static KeyStore trusted;
    private static KeyStore.PrivateKeyEntry trustedKey;
    private static KeyStore.PrivateKeyEntry strangerKey;

    @BeforeClass
    public static void keys() throws Exception {
        trustedKey = generate("trusted");
        strangerKey = generate("stranger");
        trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("publisher", trustedKey.getCertificate());
    }

    private static KeyStore.PrivateKeyEntry generate(String alias) throws Exception {
        Path store = TMP.getRoot().toPath().resolve(alias + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + alias,
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit",
                "-keypass", "changeit").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(output, 0, keytool.waitFor());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        return (KeyStore.PrivateKeyEntry) ks.getEntry(alias, new KeyStore.PasswordProtection("changeit".toCharArray()));
    }

    static byte[] bundleJar() throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "test.strategy;singleton:=true");
        main.putValue("Bundle-Version", "1.1.0");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            jar.putNextEntry(new JarEntry("test/Strategy.class"));
            jar.write("not really a class, but bytes to sign".getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static byte[] sign(byte[] jar, KeyStore.PrivateKeyEntry key) throws Exception {
        Path unsigned = TMP.newFile().toPath();
        Files.write(unsigned, jar);
        CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(key.getCertificateChain()));
        JarSigner signer = new JarSigner.Builder((PrivateKey) key.getPrivateKey(), path).build();
        ByteArrayOutputStream signed = new ByteArrayOutputStream();
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(unsigned.toFile())) {
            signer.sign(zip, signed);
        }
        return signed.toByteArray();
    }

    /** Rewrites one entry's bytes and keeps the signature files as they were. */
    private static byte[] tamper(byte[] jar) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                if (e.getName().endsWith(".class")) {
                    content = "evil bytes".getBytes(StandardCharsets.UTF_8);
                }
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(content);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static String refusal(byte[] jar) {
        try {
            new JarSignatures(trusted).verify(jar);
            fail("expected a refusal");
            return null;
        } catch (DeployRefusedException e) {
            return e.getMessage();
        }
    }

    @Test
    public void acceptsAJarSignedByATrustedKey() throws Exception {
        new JarSignatures(trusted).verify(sign(bundleJar(), trustedKey));
    }

    @Test
    public void refusesUnsignedTamperedAndUntrustedJars() throws Exception {
        assertTrue(refusal(bundleJar()), refusal(bundleJar()).startsWith("unsigned"));
        String tampered = refusal(tamper(sign(bundleJar(), trustedKey)));
        assertTrue(tampered, tampered.startsWith("tampered"));
        String stranger = refusal(sign(bundleJar(), strangerKey));
        assertTrue(stranger, stranger.startsWith("untrusted") && stranger.contains("CN=stranger"));
    }

    @Test
    public void inspectionReadsTheBundleIdentityAndRefusesNonBundles() throws Exception {
        JarInspection inspected = JarInspection.of(bundleJar());
        assertEquals("test.strategy", inspected.symbolicName());
        assertEquals("1.1.0", inspected.version().toString());
        assertEquals(64, inspected.sha256().length());
        for (byte[] bad : List.of(new byte[0], "plain text".getBytes(StandardCharsets.UTF_8), plainJar())) {
            try {
                JarInspection.of(bad);
                fail();
            } catch (DeployRefusedException e) {
                assertTrue(e.getMessage(), e.getMessage().startsWith("not a") || e.getMessage().startsWith("the body"));
            }
        }
    }

    private static byte[] plainJar() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new JarOutputStream(bytes, manifest).close();
        return bytes.toByteArray();
    }
}
