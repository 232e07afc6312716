package io.botfleet.runtime.deploy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.CodeSigner;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;

/**
 * Standard jar signing, checked before install: every entry (but the signature files themselves)
 * must be signed, its digest must match (a tampered entry fails while it is read), and one of its
 * signers' certificate chains must contain a certificate of the trust store, or be issued by one.
 */
public final class JarSignatures {

    private final List<X509Certificate> trusted;

    public JarSignatures(KeyStore trustStore) {
        this.trusted = trustedCertificates(trustStore);
    }

    /** @throws DeployRefusedException naming the first unsigned, tampered or untrusted entry */
    public void verify(byte[] jar) {
        int signedEntries = 0;
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar), true)) {
            if (in.getManifest() == null) {
                throw new DeployRefusedException("unsigned: the jar has no manifest");
            }
            for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                if (entry.isDirectory() || isSignatureFile(entry.getName())) {
                    continue;
                }
                drain(in); // signers are known, and digests checked, only once the entry is read
                CodeSigner[] signers = entry.getCodeSigners();
                if (signers == null || signers.length == 0) {
                    throw new DeployRefusedException("unsigned: entry " + entry.getName() + " is not signed");
                }
                if (!anyTrusted(signers)) {
                    throw new DeployRefusedException("untrusted: entry " + entry.getName()
                            + " is signed by " + signers[0].getSignerCertPath().getCertificates().get(0)
                            .toString().lines().filter(l -> l.contains("Subject:")).findFirst().orElse("an unknown signer").trim()
                            + ", which the trust store does not trust");
                }
                signedEntries++;
            }
        } catch (SecurityException e) {
            throw new DeployRefusedException("tampered: " + e.getMessage());
        } catch (IOException e) {
            throw new DeployRefusedException("not a jar: " + e.getMessage());
        }
        if (signedEntries == 0) {
            throw new DeployRefusedException("unsigned: the jar has no signed entries");
        }
    }

    private boolean anyTrusted(CodeSigner[] signers) {
        for (CodeSigner signer : signers) {
            for (Certificate cert : signer.getSignerCertPath().getCertificates()) {
                if (cert instanceof X509Certificate x509 && isTrusted(x509)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean isTrusted(X509Certificate cert) {
        for (X509Certificate anchor : trusted) {
            if (anchor.equals(cert)) {
                return true;
            }
            if (anchor.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
                try {
                    cert.verify(anchor.getPublicKey());
                    return true;
                } catch (java.security.GeneralSecurityException notIssuedByIt) {
                    // try the next anchor
                }
            }
        }
        return false;
    }

    private static boolean isSignatureFile(String name) {
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        return upper.startsWith("META-INF/") && !upper.substring(9).contains("/")
                && (upper.endsWith(".SF") || upper.endsWith(".RSA") || upper.endsWith(".DSA")
                || upper.endsWith(".EC") || upper.startsWith("META-INF/SIG-"));
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        while (in.read(buffer) >= 0) {
            // read to the end so the entry's digest is verified
        }
    }

    private static List<X509Certificate> trustedCertificates(KeyStore store) {
        List<X509Certificate> certs = new ArrayList<>();
        try {
            for (String alias : Collections.list(store.aliases())) {
                Certificate cert = store.getCertificate(alias);
                if (cert instanceof X509Certificate x509) {
                    certs.add(x509);
                }
            }
        } catch (KeyStoreException e) {
            throw new IllegalArgumentException("the trust store cannot be read: " + e.getMessage(), e);
        }
        if (certs.isEmpty()) {
            throw new IllegalArgumentException("the trust store holds no certificate");
        }
        return List.copyOf(certs);
    }
}
