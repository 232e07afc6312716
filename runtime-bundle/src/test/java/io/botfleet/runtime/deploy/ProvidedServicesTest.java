package io.botfleet.runtime.deploy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Test;

/** Reads the real SMA bundle the build produced, the way a deployment reads an upload. */
public class ProvidedServicesTest {

    private static byte[] smaJar() throws Exception {
        // the strategy bundle is a test dependency: its jar is on the test class path
        String cp = System.getProperty("java.class.path");
        for (String entry : cp.split(File.pathSeparator)) {
            if (entry.contains("strategy-sma-bundle") && entry.endsWith(".jar")) {
                return Files.readAllBytes(Path.of(entry));
            }
        }
        throw new AssertionError("strategy-sma-bundle jar not on the test class path: " + cp);
    }

    @Test
    public void findsTheSmaStrategyInTheShippedBundle() throws Exception {
        byte[] jar = smaJar();
        ProvidedServices provided = provided(jar);
        assertEquals(1, provided.strategies().size());
        assertEquals("sma-crossover", provided.strategies().get(0).id());
        assertFalse(provided.exchangeAdapter());
        assertTrue(provided.providesAnything());
        assertEquals("io.botfleet.strategy.sma", JarSignaturesTest.inspect(jar).symbolicName());
        assertEquals("1.0.0", JarSignaturesTest.inspect(jar).version().toString());
    }

    @Test
    public void aBundleWithoutComponentsProvidesNothing() throws Exception {
        assertFalse(provided(JarSignaturesTest.bundleJar()).providesAnything());
    }

    private static ProvidedServices provided(byte[] jar) {
        try (CheckedJar checked = CheckedJar.open(jar, JarLimits.DEFAULT)) {
            return ProvidedServices.of(checked);
        }
    }
}
