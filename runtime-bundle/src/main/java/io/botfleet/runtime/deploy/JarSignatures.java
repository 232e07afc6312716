package io.botfleet.runtime.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.CodeSigner;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Standard jar signing, checked before install on the jar exactly as the framework will load it
 * (its central directory, see {@link CheckedJar}): every entry but the signature files must be
 * signed, its digest must match (a tampered entry fails while it is read), and one of its signers
 * must be trusted.
 *
 * <p>A signer is trusted when its certificate chain validates cryptographically (PKIX: every
 * signature, validity now, CA basic constraints and key usage of the issuers) up to a
 * certificate of the trust store, and its own certificate may sign code (key usage, when present,
 * allows digital signatures; extended key usage, when present, includes code signing). The chain
 * a jar carries is only a hint: a certificate that merely names a trusted CA as its issuer, or a
 * copy of the CA's certificate placed in the signature block, proves nothing. A certificate of the
 * trust store that is itself the signer's (or an intermediate's) is pinned: the chain is cut there
 * and validated up to it.
 */
public final class JarSignatures {

    private static final String CODE_SIGNING = "1.3.6.1.5.5.7.3.3";
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";
    private static final int DIGITAL_SIGNATURE = 0;

    private final List<X509Certificate> trusted;

    public JarSignatures(KeyStore trustStore) {
        this.trusted = trustedCertificates(trustStore);
    }

    /** Checks a jar given as bytes (opened and checked with the default limits first). */
    public void verify(byte[] jar) {
        try (CheckedJar checked = CheckedJar.open(jar, JarLimits.DEFAULT)) {
            verify(checked);
        }
    }

    /** @throws DeployRefusedException naming the first unsigned, tampered or untrusted entry */
    public void verify(CheckedJar jar) {
        if (jar.manifest().isEmpty()) {
            throw new DeployRefusedException("unsigned: the jar has no manifest");
        }
        Map<CertPath, String> verdicts = new HashMap<>(); // one validation per signer, not per entry
        int signedEntries = 0;
        try (JarFile file = new JarFile(jar.file().toFile(), true)) {
            for (JarEntry entry : Collections.list(file.entries())) {
                if (entry.isDirectory() || isSignatureFile(entry.getName())
                        || entry.getName().equalsIgnoreCase(CheckedJar.MANIFEST)) {
                    continue;
                }
                try (InputStream in = file.getInputStream(entry)) {
                    in.transferTo(OutputStream.nullOutputStream()); // signers are known, and digests checked, once read
                }
                CodeSigner[] signers = entry.getCodeSigners();
                if (signers == null || signers.length == 0) {
                    throw new DeployRefusedException("unsigned: entry " + entry.getName() + " is not signed");
                }
                String refusal = null;
                for (CodeSigner signer : signers) {
                    refusal = verdicts.computeIfAbsent(signer.getSignerCertPath(), this::whyUntrusted);
                    if (refusal == null) {
                        break;
                    }
                }
                if (refusal != null) {
                    throw new DeployRefusedException("untrusted: entry " + entry.getName() + " is signed by "
                            + subject(signers[0]) + ", which the trust store does not trust: " + refusal);
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

    /** @return null when the chain is trusted, else why not */
    private String whyUntrusted(CertPath path) {
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate cert : path.getCertificates()) {
            if (!(cert instanceof X509Certificate x509)) {
                return "its chain holds a certificate that is not X.509";
            }
            chain.add(x509);
        }
        if (chain.isEmpty()) {
            return "its chain is empty";
        }
        String usage = codeSigningRefusal(chain.get(0));
        if (usage != null) {
            return usage;
        }
        for (int i = 0; i < chain.size(); i++) {
            if (trusted.contains(chain.get(i))) {
                return validate(chain.subList(0, i), Set.of(new TrustAnchor(chain.get(i), null)), chain.get(i));
            }
        }
        Set<TrustAnchor> anchors = new HashSet<>();
        trusted.forEach(t -> anchors.add(new TrustAnchor(t, null)));
        return validate(chain, anchors, null);
    }

    /**
     * @param path   the certificates below the anchor, signer first (empty: the signer is pinned)
     * @param pinned the trusted certificate the chain was cut at, or null
     */
    private static String validate(List<X509Certificate> path, Set<TrustAnchor> anchors, X509Certificate pinned) {
        try {
            if (pinned != null) {
                pinned.checkValidity(); // a trust anchor's own validity is not part of PKIX
            }
            if (path.isEmpty()) {
                return null;
            }
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false); // no CRL or OCSP endpoint is reachable for a private CA
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
            return null;
        } catch (CertPathValidatorException e) {
            return "its certificate chain does not validate (" + reason(e) + ")";
        } catch (GeneralSecurityException e) {
            return "its certificate is not valid now (" + reason(e) + ")";
        }
    }

    private static String codeSigningRefusal(X509Certificate signer) {
        boolean[] keyUsage = signer.getKeyUsage();
        if (keyUsage != null && (keyUsage.length <= DIGITAL_SIGNATURE || !keyUsage[DIGITAL_SIGNATURE])) {
            return "its certificate's key usage does not allow digital signatures";
        }
        try {
            List<String> extended = signer.getExtendedKeyUsage();
            if (extended != null && !extended.contains(CODE_SIGNING) && !extended.contains(ANY_EXTENDED_KEY_USAGE)) {
                return "its certificate's extended key usage does not include code signing";
            }
        } catch (CertificateParsingException e) {
            return "its certificate's extended key usage cannot be read";
        }
        return null;
    }

    private static String reason(Exception e) {
        String reason = e.getMessage();
        if (e.getCause() != null && e.getCause().getMessage() != null) {
            reason = reason + ": " + e.getCause().getMessage();
        }
        return reason;
    }

    private static String subject(CodeSigner signer) {
        List<? extends Certificate> certs = signer.getSignerCertPath().getCertificates();
        if (!certs.isEmpty() && certs.get(0) instanceof X509Certificate x509) {
            return x509.getSubjectX500Principal().getName();
        }
        return "an unknown signer";
    }

    private static boolean isSignatureFile(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return upper.startsWith("META-INF/") && !upper.substring(9).contains("/")
                && (upper.endsWith(".SF") || upper.endsWith(".RSA") || upper.endsWith(".DSA")
                || upper.endsWith(".EC") || upper.startsWith("META-INF/SIG-"));
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
