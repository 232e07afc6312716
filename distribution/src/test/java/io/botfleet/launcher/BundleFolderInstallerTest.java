package io.botfleet.launcher;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;

/** The bundle folder in a real Felix: every bundle resolved before the framework starts any. */
public class BundleFolderInstallerTest {

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();
    private Framework framework;

    @After
    public void stop() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    @Test
    public void everyBundleIsResolvedBeforeAnyStarts() throws Exception {
        Path folder = tmp.newFolder("bundle").toPath();
        jar(folder.resolve("a-user.jar"), "test.user", Map.of(Constants.IMPORT_PACKAGE, "test.api"));
        jar(folder.resolve("b-api.jar"), "test.api", Map.of(Constants.EXPORT_PACKAGE, "test.api"));
        jar(folder.resolve("c-orphan.jar"), "test.orphan", Map.of(Constants.IMPORT_PACKAGE, "test.missing"));
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, tmp.newFolder("cache").getAbsolutePath());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        framework = new FrameworkFactory().newFramework(config);
        framework.init();

        BundleFolderInstaller.from(Map.of("felix.startlevel.bundle", "2")).deploy(framework.getBundleContext(), folder);

        assertEquals(Bundle.RESOLVED, bundle("test.user").getState());
        assertEquals(Bundle.RESOLVED, bundle("test.api").getState());
        assertEquals("a bundle that cannot resolve is left for its start to report", Bundle.INSTALLED,
                bundle("test.orphan").getState());
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : framework.getBundleContext().getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("not installed: " + symbolicName);
    }

    private static void jar(Path file, String symbolicName, Map<String, String> headers) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        main.putValue(Constants.BUNDLE_SYMBOLICNAME, symbolicName);
        main.putValue(Constants.BUNDLE_VERSION, "1.0.0");
        headers.forEach(main::putValue);
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
    }
}
