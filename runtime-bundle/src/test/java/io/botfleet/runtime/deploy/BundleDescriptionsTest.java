package io.botfleet.runtime.deploy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.apache.felix.framework.Felix;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;

/**
 * Listing the bundles reads each jar once per bundle revision, not at every call: a real Felix
 * framework with real bundles; the digest function counts how often a jar is read.
 */
public class BundleDescriptionsTest {

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();
    private Felix felix;
    private final Map<Long, AtomicInteger> jarReads = new ConcurrentHashMap<>();
    private BundleDescriptions descriptions;

    @Before
    public void startFramework() throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, tmp.newFolder("cache").getAbsolutePath());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        felix = new Felix(config);
        felix.start();
        descriptions = new BundleDescriptions(bundle -> {
            int reads = jarReads.computeIfAbsent(bundle.getBundleId(), id -> new AtomicInteger()).incrementAndGet();
            return Optional.of("sha-" + bundle.getBundleId() + "-" + reads);
        });
    }

    @After
    public void stopFramework() throws Exception {
        felix.stop();
        felix.waitForStop(10_000);
    }

    private static byte[] bundle(String name, String version, String strategyId) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", name);
        main.putValue("Bundle-Version", version);
        if (strategyId != null) {
            main.putValue("Service-Component", "OSGI-INF/strategy.xml");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            if (strategyId != null) {
                jar.putNextEntry(new JarEntry("OSGI-INF/strategy.xml"));
                jar.write(("<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" name=\"s\">"
                        + "<property name=\"strategy.id\" value=\"" + strategyId + "\"/>"
                        + "<service><provide interface=\"io.botfleet.api.strategy.Strategy\"/></service>"
                        + "</scr:component>").getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private Bundle install(String name, byte[] jar) throws Exception {
        return felix.getBundleContext().installBundle("test:" + name, new ByteArrayInputStream(jar));
    }

    @Test
    public void readsEachJarOncePerRevision() throws Exception {
        Bundle strategy = install("strategy", bundle("test.strategy", "1.0.0", "alpha"));
        Bundle plain = install("plain", bundle("test.plain", "1.0.0", null));

        for (int call = 0; call < 5; call++) {
            Optional<BundleDescriptions.Description> described = descriptions.describe(strategy);
            assertTrue(described.isPresent());
            assertEquals("alpha", described.get().provided().strategies().get(0).id());
            assertEquals("sha-" + strategy.getBundleId() + "-1", described.get().sha256());
            assertFalse(descriptions.describe(plain).isPresent());
        }
        assertEquals("the strategy jar is read once", 1, jarReads.get(strategy.getBundleId()).get());
        assertFalse("a bundle without components is never read", jarReads.containsKey(plain.getBundleId()));

        strategy.update(new ByteArrayInputStream(bundle("test.strategy", "1.0.0", "beta")));
        BundleDescriptions.Description updated = descriptions.describe(strategy).orElseThrow();
        assertEquals("a new revision is described anew", "beta", updated.provided().strategies().get(0).id());
        assertEquals(2, jarReads.get(strategy.getBundleId()).get());

        strategy.uninstall();
        assertFalse(descriptions.describe(strategy).isPresent());
        descriptions.retainOnly(Set.of(plain.getBundleId()));
    }

    @Test
    public void aDigestNotKnownYetIsAskedForAgain() throws Exception {
        // a deployment installs the bundle before its jar is in the artifact store: a listing in
        // between finds no digest, and must not remember the bundle as providing nothing
        Set<Long> stored = ConcurrentHashMap.newKeySet();
        BundleDescriptions racing = new BundleDescriptions(bundle -> stored.contains(bundle.getBundleId())
                ? Optional.of("sha-stored") : Optional.empty());
        Bundle strategy = install("deploying", bundle("test.deploying", "1.0.0", "gamma"));
        assertFalse("no digest yet", racing.describe(strategy).isPresent());
        stored.add(strategy.getBundleId());
        assertEquals("sha-stored", racing.describe(strategy).orElseThrow().sha256());
    }
}
