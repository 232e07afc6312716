package io.botfleet.runtime.deploy;

import io.botfleet.api.home.BotfleetHome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hot-deploy folder {@code $BOTFLEET_HOME/deploy}: a jar dropped there is deployed exactly as
 * an upload is, validation included. A refused jar gets a {@code <jar>.error} file beside it with
 * the reason. A jar larger than the upload limit ({@link JarLimits#maxJarBytes()}) is refused
 * without being read. A jar is taken once its size and time stopped changing for one poll, so a copy in
 * progress is never read half-written. Removing a jar changes nothing: uninstall through the API
 * (the artifact store keeps every version for rollback).
 */
@Component(service = DeployFolder.class, immediate = true, configurationPid = "io.botfleet.deploy.folder")
@Designate(ocd = DeployFolder.Config.class)
public class DeployFolder {

    private static final Logger LOG = LoggerFactory.getLogger(DeployFolder.class);

    @ObjectClassDefinition(name = "Botfleet deploy folder")
    public @interface Config {
        @AttributeDefinition(description = "Milliseconds between scans of the deploy folder")
        long pollMillis() default 1000;
    }

    private record Seen(long size, long modified, boolean handled) {
    }

    @Reference
    BundleDeployer deployer;

    private final Map<Path, Seen> seen = new HashMap<>();
    private ScheduledExecutorService scanner;
    private Path folder;

    @Activate
    void activate(BundleContext context, Config config) {
        folder = BotfleetHome.resolve(context::getProperty).resolve("deploy");
        scanner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "botfleet-deploy-folder");
            t.setDaemon(true);
            return t;
        });
        scanner.scheduleWithFixedDelay(this::scan, 0, Math.max(100, config.pollMillis()), TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() {
        scanner.shutdownNow();
    }

    void scan() {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(folder, "*.jar")) {
            for (Path jar : jars) {
                consider(jar);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("scanning {} failed: {}", folder, e.toString());
        }
    }

    private void consider(Path jar) throws IOException {
        long size = Files.size(jar);
        long modified = Files.getLastModifiedTime(jar).toMillis();
        Seen before = seen.get(jar);
        if (before == null || before.size() != size || before.modified() != modified) {
            seen.put(jar, new Seen(size, modified, false)); // changed: wait one poll for it to settle
            return;
        }
        if (before.handled()) {
            return;
        }
        seen.put(jar, new Seen(size, modified, true));
        Path error = jar.resolveSibling(jar.getFileName() + ".error");
        try {
            BundleDeployer.InstalledBundle deployed = deployer.deploy(readBounded(jar, deployer.limits().maxJarBytes()))
                    .bundle();
            Files.deleteIfExists(error);
            LOG.info("deploy folder: {} -> {} {}", jar.getFileName(), deployed.symbolicName(), deployed.version());
        } catch (DeployRefusedException e) {
            LOG.error("deploy folder: {} refused: {}", jar.getFileName(), e.getMessage());
            Files.writeString(error, e.getMessage() + System.lineSeparator(), StandardCharsets.UTF_8);
        }
    }

    /** Reads the jar only when it is within the limit, the same one an upload has. */
    private static byte[] readBounded(Path jar, long maxBytes) throws IOException {
        try (InputStream in = Files.newInputStream(jar)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new DeployRefusedException("too large: the jar is more than " + maxBytes
                        + " bytes (maxJarBytes)");
            }
            return bytes;
        }
    }
}
