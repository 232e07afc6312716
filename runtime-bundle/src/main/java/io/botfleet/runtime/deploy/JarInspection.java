package io.botfleet.runtime.deploy;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import org.osgi.framework.Version;

/**
 * What a jar claims to be, read before anything is installed: its bundle identity and digest.
 *
 * @param symbolicName Bundle-SymbolicName without directives
 * @param version      Bundle-Version
 * @param sha256       lowercase hex SHA-256 of the bytes
 */
public record JarInspection(String symbolicName, Version version, String sha256) {

    /** @throws DeployRefusedException naming what is missing or malformed */
    public static JarInspection of(CheckedJar jar) {
        // the central directory's manifest: the one the framework will read
        Manifest manifest = jar.manifest().orElseThrow(() ->
                new DeployRefusedException("not a bundle: the jar has no META-INF/MANIFEST.MF"));
        Attributes main = manifest.getMainAttributes();
        if (!"2".equals(trim(main.getValue("Bundle-ManifestVersion")))) {
            throw new DeployRefusedException("not an OSGi R4+ bundle: Bundle-ManifestVersion must be 2");
        }
        String bsn = trim(main.getValue("Bundle-SymbolicName"));
        if (bsn == null || bsn.isEmpty()) {
            throw new DeployRefusedException("not a bundle: the manifest has no Bundle-SymbolicName");
        }
        bsn = bsn.split(";")[0].trim();
        Version version;
        try {
            String declared = trim(main.getValue("Bundle-Version"));
            version = declared == null ? Version.emptyVersion : Version.parseVersion(declared);
        } catch (IllegalArgumentException e) {
            throw new DeployRefusedException("Bundle-Version is not an OSGi version: " + e.getMessage());
        }
        return new JarInspection(bsn, version, sha256(jar.bytes()));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }
}
