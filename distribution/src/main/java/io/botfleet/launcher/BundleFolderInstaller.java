package io.botfleet.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Installs every jar of {@code bundle/} into a framework that is initialised but not started,
 * and marks each (fragments excepted) to start when the framework reaches its start level.
 *
 * <p>Bundles named in {@code botfleet.boot.bundles} get start level 1 and all others
 * {@code felix.startlevel.bundle}: logging, ConfigAdmin and SCR are then running before any
 * bundle that logs, reads configuration or declares components starts. The bundle cache is
 * cleaned on every start ({@code storage.clean=onFirstInit}), so what runs is exactly what is in
 * {@code bundle/}. Bundles are installed by reference: {@code bundle/} belongs to the installation
 * and does not change under a running server.
 *
 * <p>All of them are resolved together, once, before any starts. Left to resolve one by one as
 * the start-level thread starts them, a bundle could be resolving while another thread held
 * Felix's global resolver lock (a dynamic import, such as HikariCP's {@code DynamicImport-Package: *}
 * while the database opens in the background) and needed that bundle's lock: Felix then breaks the
 * deadlock by interrupting the start-level thread, and the bundle stays RESOLVED, not started
 * ("Unable to acquire global lock for resolve"). Resolved up front, starting a bundle takes no
 * resolver lock at all, and one resolver pass replaces fifty.
 */
final class BundleFolderInstaller {

    static final String BOOT_BUNDLES = "botfleet.boot.bundles";
    private static final int BOOT_LEVEL = 1;

    private final Set<String> bootBundles;
    private final int defaultLevel;

    private BundleFolderInstaller(Set<String> bootBundles, int defaultLevel) {
        this.bootBundles = bootBundles;
        this.defaultLevel = defaultLevel;
    }

    static BundleFolderInstaller from(Map<String, String> config) {
        Set<String> boot = Arrays.stream(config.getOrDefault(BOOT_BUNDLES, "").split(","))
                .map(String::trim).filter(name -> !name.isEmpty()).collect(Collectors.toSet());
        int level = Integer.parseInt(config.getOrDefault("felix.startlevel.bundle", "1"));
        return new BundleFolderInstaller(boot, level);
    }

    void deploy(BundleContext context, Path folder) throws IOException, BundleException {
        List<Bundle> installed = new ArrayList<>();
        for (Path jar : jars(folder)) {
            // reference: Felix reads the jar where it is instead of copying it into the cache,
            // which is wiped at every start: 17 MB less to copy, and a faster start
            installed.add(context.installBundle("reference:" + jar.toUri()));
        }
        // a bundle that cannot resolve stays INSTALLED: its start then fails with its own reason
        context.getBundle(Constants.SYSTEM_BUNDLE_ID).adapt(FrameworkWiring.class).resolveBundles(installed);
        for (Bundle bundle : installed) {
            boolean boot = bootBundles.contains(bundle.getSymbolicName());
            bundle.adapt(BundleStartLevel.class).setStartLevel(boot ? BOOT_LEVEL : defaultLevel);
            if (bundle.getHeaders("").get(Constants.FRAGMENT_HOST) == null) {
                bundle.start();
            }
        }
    }

    private static List<Path> jars(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }
}
