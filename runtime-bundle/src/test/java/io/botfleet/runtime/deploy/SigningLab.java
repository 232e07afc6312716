package io.botfleet.runtime.deploy;

import static org.junit.Assert.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.zip.ZipFile;
import jdk.security.jarsigner.JarSigner;

/**
 * Keys and certificates made with the JDK's own {@code keytool}, jars signed with its
 * {@code jarsigner} (as an operator or an attacker would), all keys in one PKCS#12 key store.
 */
final class SigningLab {

    static final String PASSWORD = "changeit";
    /** The tools are short-lived JVMs: start them cheaply. */
    private static final List<String> FAST_START = List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC",
            "-J-Xshare:auto");
    private final Path folder;
    private final Path store;

    SigningLab(Path folder) {
        this.folder = folder;
        this.store = folder.resolve("lab.p12");
    }

    /** A new key pair with a self-signed certificate; {@code options} such as {@code -ext bc:c}. */
    SigningLab key(String alias, String dname, String... options) {
        genkeypair(alias, dname, List.of(), options);
        return this;
    }

    /** A new key pair whose certificate {@code issuer} signs; {@code options} such as {@code -startdate -20d}. */
    SigningLab issue(String issuer, String alias, String dname, String... options) {
        genkeypair(alias, dname, List.of("-signer", issuer, "-signerkeypass", PASSWORD), options);
        return this;
    }

    /** Certificates as PEM, signer first: what {@code jarsigner -certchain} puts in the signature block. */
    Path chain(String name, String... aliases) {
        StringBuilder pem = new StringBuilder();
        Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        try {
            for (String alias : aliases) {
                pem.append("-----BEGIN CERTIFICATE-----\n")
                        .append(base64.encodeToString(certificate(alias).getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            }
            Path chain = folder.resolve(name + ".chain.pem");
            Files.writeString(chain, pem.toString());
            return chain;
        } catch (IOException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs with the {@code jarsigner} tool and {@code alias}'s key, carrying {@code chain} in the signature block. */
    byte[] jarsigner(byte[] jar, String alias, Path chain) {
        try {
            Path in = Files.createTempFile(folder, "unsigned", ".jar");
            Path out = folder.resolve(in.getFileName() + ".signed.jar");
            Files.write(in, jar);
            List<String> args = new ArrayList<>(FAST_START);
            args.addAll(List.of("-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD,
                    "-certchain", chain.toString(), "-signedjar", out.toString(), in.toString(), alias));
            run("jarsigner", args);
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs in-process with the JDK's signing engine (the one behind {@code jarsigner}). */
    byte[] sign(byte[] jar, String alias, String... chain) {
        try {
            Path in = Files.createTempFile(folder, "unsigned", ".jar");
            Files.write(in, jar);
            List<Certificate> certs = new ArrayList<>();
            for (String c : chain) {
                certs.add(certificate(c));
            }
            PrivateKey key = (PrivateKey) load().getKey(alias, PASSWORD.toCharArray());
            JarSigner signer = new JarSigner.Builder(key,
                    CertificateFactory.getInstance("X.509").generateCertPath(certs)).build();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipFile zip = new ZipFile(in.toFile())) {
                signer.sign(zip, out);
            }
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key's own certificate. */
    Certificate certificate(String alias) {
        try {
            return load().getCertificate(alias);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A trust store holding these keys' certificates. */
    KeyStore trustStore(String... aliases) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (String alias : aliases) {
                trust.setCertificateEntry(alias, certificate(alias));
            }
            return trust;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private KeyStore load() throws Exception {
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASSWORD.toCharArray());
            return ks;
        }
    }

    private void genkeypair(String alias, String dname, List<String> signer, String... options) {
        List<String> args = new ArrayList<>(FAST_START);
        args.addAll(List.of("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", dname, "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD));
        args.addAll(signer);
        List<String> extra = Arrays.asList(options);
        if (!extra.contains("-validity")) {
            args.addAll(List.of("-validity", "30"));
        }
        args.addAll(extra);
        run("keytool", args);
    }

    private static void run(String tool, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", tool).toString());
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(String.join(" ", command) + "\n" + output, 0, process.waitFor());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
