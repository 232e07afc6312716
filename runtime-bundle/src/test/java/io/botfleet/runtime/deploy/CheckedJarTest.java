package io.botfleet.runtime.deploy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.Test;

/** Jars built the way a forger or a zip bomb builds them, checked as a deployment checks an upload. */
public class CheckedJarTest {

    private static final long MIB = JarLimits.MIB;

    /** A bundle manifest and, per entry, that many MiB of zeros (deflated: about a thousand times smaller). */
    private static byte[] jarOfZeros(String manifestPadding, long... mebibytes) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "test.bomb");
        main.putValue("Bundle-Version", "1.0.0");
        if (manifestPadding != null) {
            main.putValue("X-Padding", manifestPadding);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] zeros = new byte[(int) MIB];
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            for (int i = 0; i < mebibytes.length; i++) {
                jar.putNextEntry(new JarEntry("data/zeros-" + i + ".bin"));
                for (long m = 0; m < mebibytes[i]; m++) {
                    jar.write(zeros);
                }
                jar.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String refusal(byte[] jar, JarLimits limits) {
        long before = System.nanoTime();
        try (CheckedJar checked = CheckedJar.open(jar, limits)) {
            fail("accepted a jar of " + jar.length + " bytes");
            return null;
        } catch (DeployRefusedException e) {
            assertTrue("refused as it inflates, not after", System.nanoTime() - before < 20_000_000_000L);
            return e.getMessage();
        }
    }

    @Test
    public void aZipBombIsRefusedForItsCompressionRatio() throws Exception {
        byte[] bomb = jarOfZeros(null, 200);
        assertTrue("the bomb is small: " + bomb.length, bomb.length < MIB);
        String refusal = refusal(bomb, JarLimits.DEFAULT);
        assertTrue(refusal, refusal.startsWith("zip bomb: the entry data/zeros-0.bin inflates more than 100 times"));
    }

    @Test
    public void anEntryBeyondTheInflatedEntryLimitIsRefused() throws Exception {
        JarLimits noRatio = new JarLimits(20 * MIB, 4 * MIB, 128 * MIB, Integer.MAX_VALUE);
        String refusal = refusal(jarOfZeros(null, 5), noRatio);
        assertEquals("zip bomb: the entry data/zeros-0.bin inflates to more than 4194304 bytes (maxEntryBytes)", refusal);
        // the manifest is an entry like any other: capped before it is parsed
        String manifest = refusal(jarOfZeros("x".repeat(70) + "\n ".repeat(1)), new JarLimits(20 * MIB, 64, 128 * MIB, 100));
        assertTrue(manifest, manifest.contains("META-INF/MANIFEST.MF inflates to more than 64 bytes"));
    }

    @Test
    public void entriesBeyondTheInflatedJarLimitAreRefused() throws Exception {
        JarLimits small = new JarLimits(20 * MIB, 4 * MIB, 10 * MIB, Integer.MAX_VALUE);
        String refusal = refusal(jarOfZeros(null, 3, 3, 3, 3), small);
        assertEquals("zip bomb: the entries inflate to more than 10485760 bytes in all (maxInflatedBytes)", refusal);
    }

    @Test
    public void aJarLargerThanTheLimitIsRefusedUnread() throws Exception {
        byte[] jar = jarOfZeros(null, 1);
        String refusal = refusal(jar, new JarLimits(jar.length - 1, MIB, MIB, 100_000));
        assertEquals("too large: the jar is " + jar.length + " bytes, at most " + (jar.length - 1)
                + " are accepted (maxJarBytes)", refusal);
    }

    @Test
    public void anOrdinaryBundleIsAcceptedAndReadFromItsCentralDirectory() throws Exception {
        try (CheckedJar checked = CheckedJar.open(jarOfZeros(null, 0, 0), JarLimits.DEFAULT)) {
            assertEquals("test.bomb", JarInspection.of(checked).symbolicName());
            assertTrue(checked.file().toFile().isFile());
        }
    }

    /** A second manifest after the first: a stream takes the first, the framework's zip reader may take either. */
    @Test
    public void aSecondManifestIsRefused() throws Exception {
        byte[] jar = ZipSurgery.withEntry(jarOfZeros(null, 0), "META-INF/MANIFEST.MX",
                "Manifest-Version: 1.0\nBundle-ManifestVersion: 2\nBundle-SymbolicName: other\n\n"
                        .getBytes(StandardCharsets.UTF_8));
        String refusal = refusal(ZipSurgery.rename(jar, "META-INF/MANIFEST.MX", "META-INF/MANIFEST.MF"), JarLimits.DEFAULT);
        assertEquals("malformed jar: the entry META-INF/MANIFEST.MF appears twice in its central directory", refusal);
        String cased = refusal(ZipSurgery.rename(jar, "META-INF/MANIFEST.MX", "META-INF/manifest.mf"), JarLimits.DEFAULT);
        assertTrue(cased, cased.contains("differs only in case"));
    }

    @Test
    public void anEntryHiddenFromTheStreamIsRefused() throws Exception {
        byte[] jar = ZipSurgery.hideFromStream(ZipSurgery.withEntry(jarOfZeros(null, 0), "OSGI-INF/hidden.xml",
                "<x/>".getBytes(StandardCharsets.UTF_8)), "OSGI-INF/hidden.xml");
        String refusal = refusal(jar, JarLimits.DEFAULT);
        assertEquals("malformed jar: the central directory lists OSGI-INF/hidden.xml, which reading the jar"
                + " from the front never reaches", refusal);
    }
}
