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
import java.util.Locale;
import java.util.zip.ZipFile;
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
        try (ZipFile zip = new ZipFile(unsigned.toFile())) {
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
        JarInspection inspected = inspect(bundleJar());
        assertEquals("test.strategy", inspected.symbolicName());
        assertEquals("1.1.0", inspected.version().toString());
        assertEquals(64, inspected.sha256().length());
        for (byte[] bad : List.of(new byte[0], "plain text".getBytes(StandardCharsets.UTF_8), plainJar())) {
            try {
                inspect(bad);
                fail();
            } catch (DeployRefusedException e) {
                assertTrue(e.getMessage(), e.getMessage().startsWith("not a") || e.getMessage().startsWith("the body"));
            }
        }
    }

    static JarInspection inspect(byte[] jar) {
        try (CheckedJar checked = CheckedJar.open(jar, JarLimits.DEFAULT)) {
            return JarInspection.of(checked);
        }
    }

    private static byte[] plainJar() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new JarOutputStream(bytes, manifest).close();
        return bytes.toByteArray();
    }

    // ------------------------------------------------------------------ certificate chains, keytool and jarsigner

    private static SigningLab lab;
    private static KeyStore trustsCa;

    /**
     * The operator's CA ("CN=Botfleet Test CA", the trust store's only certificate) and what an
     * attacker can make without its private key: keys of their own, and a CA of their own that
     * bears the very same name.
     */
    @BeforeClass
    public static void certificateAuthorities() {
        lab = new SigningLab(TMP.getRoot().toPath());
        lab.key("ca", "CN=Botfleet Test CA", "-ext", "bc:c");
        lab.key("fakeca", "CN=Botfleet Test CA", "-ext", "bc:c");
        trustsCa = lab.trustStore("ca");
    }

    private static String refusal(KeyStore trust, byte[] jar) {
        try {
            new JarSignatures(trust).verify(jar);
            fail("expected a refusal");
            return null;
        } catch (DeployRefusedException e) {
            return e.getMessage();
        }
    }

    @Test
    public void acceptsALeafIssuedByTheTrustedCaDirectlyOrThroughItsIntermediate() throws Exception {
        lab.issue("ca", "publisher", "CN=publisher", "-ext", "ku:c=digitalSignature", "-ext", "eku=codeSigning");
        new JarSignatures(trustsCa).verify(lab.sign(bundleJar(), "publisher", "publisher", "ca"));
        // the chain without the CA's own certificate validates just as well
        new JarSignatures(trustsCa).verify(lab.sign(bundleJar(), "publisher", "publisher"));

        lab.issue("ca", "intermediate", "CN=Botfleet Test Intermediate", "-ext", "bc:c");
        lab.issue("intermediate", "team", "CN=team");
        new JarSignatures(trustsCa).verify(lab.sign(bundleJar(), "team", "team", "intermediate", "ca"));
        // a pinned intermediate: the trust store holds it, not the CA
        new JarSignatures(lab.trustStore("intermediate")).verify(lab.sign(bundleJar(), "team", "team", "intermediate", "ca"));
    }

    /**
     * The forgery: the attacker's certificate names the trusted CA as its issuer (signed by the
     * attacker's own CA of the same name) and the signature block carries the real CA's public
     * certificate. A check that matches names, or looks for a trusted certificate anywhere in the
     * chain, accepts it.
     */
    @Test
    public void refusesACertificateThatOnlyNamesTheTrustedCaAsIssuer() throws Exception {
        lab.issue("fakeca", "forger", "CN=forger", "-ext", "ku:c=digitalSignature", "-ext", "eku=codeSigning");
        byte[] jar = lab.jarsigner(bundleJar(), "forger", lab.chain("forger", "forger", "ca"));
        String refusal = refusal(trustsCa, jar);
        assertTrue(refusal, refusal.startsWith("untrusted") && refusal.contains("CN=forger")
                && refusal.contains("does not validate"));
        // and without the CA's certificate in the block, the issuer's name alone proves nothing either
        String nameOnly = refusal(trustsCa, lab.jarsigner(bundleJar(), "forger", lab.chain("forger-alone", "forger")));
        assertTrue(nameOnly, nameOnly.startsWith("untrusted"));
    }

    @Test
    public void refusesAnExpiredCertificateIssuedByTheTrustedCa() throws Exception {
        lab.issue("ca", "expired", "CN=expired", "-startdate", "-20d", "-validity", "2");
        String refusal = refusal(trustsCa, lab.jarsigner(bundleJar(), "expired", lab.chain("expired", "expired", "ca")));
        assertTrue(refusal, refusal.startsWith("untrusted") && refusal.contains("CN=expired"));
        assertTrue(refusal, refusal.toLowerCase(Locale.ROOT).contains("expired") || refusal.contains("validity"));
    }

    /** An intermediate the trusted CA never signed (the attacker's, under the CA's name) issued the signer's certificate. */
    @Test
    public void refusesACertificateSignedByAnUntrustedIntermediate() throws Exception {
        lab.issue("fakeca", "rogue-intermediate", "CN=Botfleet Test Intermediate", "-ext", "bc:c");
        lab.issue("rogue-intermediate", "insider", "CN=insider");
        String refusal = refusal(trustsCa, lab.jarsigner(bundleJar(), "insider",
                lab.chain("insider", "insider", "rogue-intermediate", "ca")));
        assertTrue(refusal, refusal.startsWith("untrusted") && refusal.contains("CN=insider"));
    }

    /** A TLS server's certificate from the same CA is no code-signing certificate. */
    @Test
    public void refusesACertificateTheCaIssuedForSomethingElseThanCodeSigning() throws Exception {
        lab.issue("ca", "webserver", "CN=webserver", "-ext", "eku=serverAuth");
        String refusal = refusal(trustsCa, lab.sign(bundleJar(), "webserver", "webserver", "ca"));
        assertTrue(refusal, refusal.startsWith("unsigned") || refusal.contains("does not include code signing"));
    }

    // ------------------------------------------------------------------ what the framework loads

    /**
     * A correctly signed jar plus an entry only the central directory lists (the framework loads
     * it; a stream reading from the front never reaches it).
     */
    @Test
    public void refusesAnEntryTheCentralDirectoryListsButAStreamNeverReaches() throws Exception {
        byte[] signed = sign(bundleJar(), trustedKey);
        new JarSignatures(trusted).verify(signed);
        byte[] withEvil = ZipSurgery.withEntry(signed, "test/Evil.class",
                "unsigned code".getBytes(StandardCharsets.UTF_8));
        byte[] hidden = ZipSurgery.hideFromStream(withEvil, "test/Evil.class");
        try (ZipFile zip = new ZipFile(write(hidden).toFile())) {
            assertTrue("the framework would load it", zip.getEntry("test/Evil.class") != null);
        }
        String refusal = refusal(hidden);
        assertTrue(refusal, refusal.contains("test/Evil.class"));
    }

    /** A second entry of the same name: which one the framework loads is up to the zip reader. */
    @Test
    public void refusesDuplicateEntries() throws Exception {
        byte[] signed = sign(bundleJar(), trustedKey);
        byte[] twice = ZipSurgery.rename(ZipSurgery.withEntry(signed, "test/Strategy.clasz",
                "evil bytes".getBytes(StandardCharsets.UTF_8)), "test/Strategy.clasz", "test/Strategy.class");
        String refusal = refusal(twice);
        assertTrue(refusal, refusal.contains("test/Strategy.class"));
    }

    private static Path write(byte[] jar) throws IOException {
        Path file = TMP.newFile().toPath();
        Files.write(file, jar);
        return file;
    }

}
