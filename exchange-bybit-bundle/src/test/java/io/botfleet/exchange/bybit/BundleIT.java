package io.botfleet.exchange.bybit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.botfleet.exchange.bybit.fake.FakeBybit;
import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * The built bundle in a real Felix with SCR and ConfigAdmin: it resolves with its declared
 * imports only, a factory configuration {@code io.botfleet.exchange.bybit~<name>} registers one
 * {@code ExchangeAdapter} with {@code exchange.id=bybit} and {@code exchange.account=<name>},
 * and deleting the configuration unregisters it. The adapter is pointed at the fake server and
 * must answer a signed call through the service.
 */
public class BundleIT {

    private static final String ADAPTER = "io.botfleet.api.exchange.ExchangeAdapter";
    private Framework framework;
    private FakeBybit fake;

    @Before
    public void start() throws Exception {
        fake = FakeBybit.start();
        Map<String, String> cfg = new HashMap<>();
        cfg.put(Constants.FRAMEWORK_STORAGE, Files.createTempDirectory("bybit-it").toString());
        cfg.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(cfg);
        framework.start();
    }

    @After
    public void stop() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
        fake.close();
    }

    private static String jarOf(String className) throws Exception {
        return new File(Class.forName(className).getProtectionDomain().getCodeSource().getLocation()
                .toURI()).toURI().toString();
    }

    @Test
    public void factoryConfigurationRegistersOneAdapterPerAccount() throws Exception {
        String bundle = System.getProperty("bybit.bundle");
        assertNotNull("run by failsafe after package", bundle);
        try (JarFile jar = new JarFile(bundle)) {
            String imports = jar.getManifest().getMainAttributes().getValue("Import-Package");
            assertTrue(imports, !imports.contains("com.fasterxml"));
            assertNull(jar.getManifest().getMainAttributes().getValue("Export-Package"));
        }
        BundleContext ctx = framework.getBundleContext();
        List<Bundle> bundles = new ArrayList<>();
        for (String location : new String[] {
                jarOf("org.osgi.util.function.Function"), jarOf("org.osgi.util.promise.Promise"),
                jarOf("org.osgi.service.component.ComponentContext"),
                jarOf("org.apache.felix.scr.impl.Activator"),
                jarOf("org.apache.felix.cm.impl.ConfigurationAdminImpl"),
                jarOf("io.botfleet.api.exchange.ExchangeAdapter"),
                new File(bundle).toURI().toString()}) {
            bundles.add(ctx.installBundle(location));
        }
        for (Bundle b : bundles) {
            b.start();
        }
        for (Bundle b : bundles) {
            assertEquals(b.getSymbolicName(), Bundle.ACTIVE, b.getState());
        }

        ServiceReference<?> caRef = null;
        for (int i = 0; i < 100 && caRef == null; i++) {
            // "All": the test class path has its own copy of the cm API, which the plain look-up
            // would treat as incompatible with the bundle's
            ServiceReference<?>[] refs = ctx.getAllServiceReferences(
                    "org.osgi.service.cm.ConfigurationAdmin", null);
            caRef = refs == null ? null : refs[0];
            Thread.sleep(caRef == null ? 50 : 0);
        }
        assertNotNull("ConfigurationAdmin", caRef);
        Object configAdmin = ctx.getService(caRef);
        // reflection: the ConfigurationAdmin API classes live in the framework, not on our path
        Object conf = configAdmin.getClass().getMethod("getFactoryConfiguration", String.class,
                String.class, String.class).invoke(configAdmin, "io.botfleet.exchange.bybit", "main", null);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("apiKey", FakeBybit.KEY);
        props.put("apiSecret", FakeBybit.SECRET);
        props.put("category", "spot");
        props.put("restUrl", fake.restUrl());
        props.put("wsPublicUrl", fake.wsPublicUrl("spot"));
        props.put("wsPrivateUrl", fake.wsPrivateUrl());
        conf.getClass().getMethod("update", Dictionary.class).invoke(conf, props);

        ServiceReference<?> ref = null;
        for (int i = 0; i < 100 && ref == null; i++) {
            ServiceReference<?>[] refs = ctx.getAllServiceReferences(ADAPTER, null);
            ref = refs == null ? null : refs[0];
            Thread.sleep(50);
        }
        assertNotNull("adapter registered", ref);
        assertEquals("bybit", ref.getProperty("exchange.id"));
        assertEquals("main", ref.getProperty("exchange.account"));
        Object adapter = ctx.getService(ref);
        Method balances = adapter.getClass().getMethod("balances");
        Object list = ((java.util.concurrent.CompletionStage<?>) balances.invoke(adapter))
                .toCompletableFuture().get();
        assertTrue(list.toString(), list.toString().contains("USDT"));

        conf.getClass().getMethod("delete").invoke(conf);
        for (int i = 0; i < 100 && ctx.getAllServiceReferences(ADAPTER, null) != null; i++) {
            Thread.sleep(50);
        }
        assertNull("unregistered with its configuration", ctx.getAllServiceReferences(ADAPTER, null));
    }
}
