package io.botfleet.itests;

import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.streamBundle;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOption;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.tinybundles.TinyBundles;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Base class of Botfleet's Pax Exam tests: a forked Felix with the distribution's bundles and
 * framework properties, a throw-away BOTFLEET_HOME and a free HTTP port.
 *
 * <pre>{@code
 * @RunWith(PaxExam.class)
 * @ExamReactorStrategy(PerClass.class)
 * public class MyIT extends BotfleetTestSupport {
 *     @Configuration
 *     public Option[] config() throws IOException {
 *         return options(baseOptions(), etcFile("io.botfleet.x.cfg", "key=value\n"));
 *     }
 *
 *     @Test
 *     public void works() throws Exception {
 *         awaitHttp("/health/ready", 200, Duration.ofSeconds(30));
 *     }
 * }
 * }</pre>
 *
 * <p>Driver side ({@code @Configuration}, in the Maven JVM): {@link #baseOptions()},
 * {@link #etcFile}. Container side (the tests, in the forked framework): everything else. The
 * bundles come from {@code bundle/} of the distribution this reactor built (unpacked into
 * {@code target/distribution}), so a test never runs a stale copy from the local repository.
 */
public abstract class BotfleetTestSupport {

    /** BSNs started at level 1, before everything else: logging, ConfigAdmin, SCR. */
    private static final Set<String> BOOT_BUNDLES = Set.of("org.ops4j.pax.logging.pax-logging-api",
            "org.apache.felix.configadmin", "org.apache.felix.scr");
    /** Framework properties of conf/config.properties that Pax Exam manages itself. */
    private static final Set<String> MANAGED_BY_PAX_EXAM = Set.of("org.osgi.framework.storage",
            "org.osgi.framework.storage.clean", "org.osgi.framework.startlevel.beginning", "felix.startlevel.bundle");
    private static final int BOOT_LEVEL = 1;
    /** {@link ResolveBeforeStart}: after the boot bundles, before all others. */
    private static final int RESOLVE_LEVEL = 2;
    private static final int BUNDLE_LEVEL = 5;

    @Inject
    protected BundleContext context;

    /** Driver side: this test class's home, created by the first {@link #baseOptions()}. */
    private Path driverHome;

    // ---------------------------------------------------------------- driver side (configuration)

    /**
     * Everything a Botfleet test needs: JUnit, every bundle of the distribution, its framework
     * properties ({@code conf/config.properties}) with {@code botfleet.home} a fresh copy of its
     * {@code etc/} and a free HTTP port.
     */
    protected Option baseOptions() throws IOException {
        Path dist = distribution();
        Path home = home();
        int port = freePort();
        List<Option> options = new ArrayList<>();
        options.add(junitBundles());
        options.add(vmOption("-Xmx384m"));
        options.add(systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"));
        for (var property : frameworkProperties(dist, home, port).entrySet()) {
            options.add(frameworkProperty(property.getKey().toString()).value(property.getValue().toString()));
        }
        for (Path jar : jars(dist.resolve("bundle"))) {
            options.add(bundleOption(jar));
        }
        options.add(streamBundle(TinyBundles.bundle().symbolicName("io.botfleet.itests.resolve")
                .activator(ResolveBeforeStart.class)
                .setHeader(Constants.IMPORT_PACKAGE, "org.osgi.framework,org.osgi.framework.wiring")
                .build(TinyBundles.rawBuilder()))
                .startLevel(RESOLVE_LEVEL));
        return composite(options.toArray(Option[]::new));
    }

    /**
     * Driver side: writes {@code etc/<file>} of this test's home before the framework starts
     * (FileInstall turns {@code <pid>.cfg} and {@code <factoryPid>-<name>.cfg} into ConfigAdmin
     * configurations; {@code <factoryPid>~<name>.cfg} is written as the latter, see
     * {@link #factoryFileName}). Returns an empty option so it reads well inside
     * {@code options(...)}.
     */
    protected Option etcFile(String file, String content) throws IOException {
        Path target = home().resolve("etc").resolve(factoryFileName(file));
        Files.createDirectories(target.getParent());
        Files.writeString(target, content, StandardCharsets.UTF_8);
        return composite();
    }

    /**
     * Driver side: deletes {@code etc/<file>} of this test's home before the framework starts,
     * for a test that wants less than the distribution's defaults (say,
     * {@code bots/demo-sma.json}: no demo bot seeded). Returns an empty option.
     */
    protected Option withoutEtcFile(String file) throws IOException {
        Files.deleteIfExists(home().resolve("etc").resolve(file));
        return composite();
    }

    /**
     * FileInstall 3.7.4 turns {@code <factoryPid>-<name>.cfg} into the named factory configuration
     * {@code <factoryPid>~<name>}, but reads a file named {@code <factoryPid>~<name>.cfg} as a plain
     * configuration that no factory component sees. Tests may use either spelling: the
     * configuration they mean is the factory one.
     */
    static String factoryFileName(String file) {
        int slash = file.lastIndexOf('/');
        String folder = file.substring(0, slash + 1);
        String name = file.substring(slash + 1);
        int tilde = name.indexOf('~');
        boolean configuration = name.endsWith(".cfg") || name.endsWith(".config");
        // FileInstall splits at the first '-': only a factory PID without one can be renamed
        boolean renamable = tilde > 0 && name.lastIndexOf('-', tilde) < 0;
        return configuration && renamable ? folder + name.substring(0, tilde) + "-" + name.substring(tilde + 1) : file;
    }

    /**
     * Driver side: writes any file of this test's home (a trust store, a jar to deploy) before the
     * framework starts. Returns an empty option so it reads well inside {@code options(...)}.
     */
    protected Option homeFile(String relativePath, byte[] content) throws IOException {
        Path target = home().resolve(relativePath);
        Files.createDirectories(target.getParent());
        Files.write(target, content);
        return composite();
    }

    /** The distribution folder the bundles and properties come from (system property botfleet.dist). */
    protected static Path distribution() {
        String folder = System.getProperty("botfleet.dist");
        if (folder == null) {
            throw new IllegalStateException("system property botfleet.dist is not set: run through failsafe (mvn verify)");
        }
        return Path.of(folder).toAbsolutePath();
    }

    private Path home() throws IOException {
        if (driverHome == null) {
            Path output = Path.of(System.getProperty("botfleet.test.output", "target/itest-homes")).toAbsolutePath();
            Files.createDirectories(output);
            driverHome = Files.createTempDirectory(output, getClass().getSimpleName() + "-");
            copyTree(distribution().resolve("etc"), driverHome.resolve("etc"));
            Files.createDirectories(driverHome.resolve("data"));
            Files.createDirectories(driverHome.resolve("deploy"));
        }
        return driverHome;
    }

    private static Properties frameworkProperties(Path dist, Path home, int port) throws IOException {
        Properties file = new Properties();
        try (Reader reader = Files.newBufferedReader(dist.resolve("conf/config.properties"), StandardCharsets.UTF_8)) {
            file.load(reader);
        }
        Properties result = new Properties();
        for (String key : file.stringPropertyNames()) {
            if (!MANAGED_BY_PAX_EXAM.contains(key)) {
                result.setProperty(key, file.getProperty(key)
                        .replace("${botfleet.home}", home.toString())
                        .replace("${botfleet.install}", dist.toString())
                        .replace("${org.osgi.service.http.port}", Integer.toString(port))
                        .replace("${org.apache.felix.http.host}", "127.0.0.1")
                        // the forked framework has no terminal: the shell must not read stdin
                        .replace("${gosh.args}", "--nointeractive"));
            }
        }
        result.setProperty("botfleet.home", home.toString());
        result.setProperty("botfleet.install", dist.toString());
        return result;
    }

    private static Option bundleOption(Path jar) throws IOException {
        String symbolicName;
        boolean fragment;
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String header = manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
            symbolicName = header == null ? "" : header.split(";")[0].trim();
            fragment = manifest.getMainAttributes().getValue(Constants.FRAGMENT_HOST) != null;
        }
        int level = BOOT_BUNDLES.contains(symbolicName) ? BOOT_LEVEL : BUNDLE_LEVEL;
        return CoreOptions.bundle(jar.toUri().toString()).startLevel(level).start(!fragment);
    }

    private static List<Path> jars(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    // ---------------------------------------------------------------- container side (tests)

    /** BOTFLEET_HOME of this framework. */
    protected Path botfleetHome() {
        return Path.of(context.getProperty("botfleet.home"));
    }

    /**
     * The first-start admin token from {@code data/admin.token}, waiting for the token service to
     * write it (it may start after Jetty answers).
     */
    protected String adminToken() throws InterruptedException, IOException {
        Path file = botfleetHome().resolve("data/admin.token");
        await("the admin token file", Duration.ofSeconds(60), () -> Files.isReadable(file), file::toString);
        return Files.readString(file, StandardCharsets.UTF_8).trim();
    }

    /** The HTTP port Jetty listens on. */
    protected int httpPort() {
        return Integer.parseInt(context.getProperty("org.osgi.service.http.port"));
    }

    /** The installed bundle with this symbolic name (the highest version if several), or fails. */
    protected Bundle installedBundle(String symbolicName) {
        return Arrays.stream(context.getBundles())
                .filter(bundle -> symbolicName.equals(bundle.getSymbolicName()))
                .max((a, b) -> a.getVersion().compareTo(b.getVersion()))
                .orElseThrow(() -> new AssertionError("no bundle " + symbolicName + " installed"));
    }

    /** Waits for a service of {@code type} (matching {@code filter}, may be null) and returns it. */
    protected <T> T awaitService(Class<T> type, String filter, Duration timeout) throws InterruptedException {
        String expression = "(" + Constants.OBJECTCLASS + "=" + type.getName() + ")";
        if (filter != null) {
            expression = "(&" + expression + filter + ")";
        }
        Filter osgiFilter;
        try {
            osgiFilter = FrameworkUtil.createFilter(expression);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        ServiceTracker<T, ServiceReference<T>> tracker = new ServiceTracker<>(context, osgiFilter, null) {
            @Override
            public ServiceReference<T> addingService(ServiceReference<T> reference) {
                return reference; // the service itself is asked for below, where a null can be waited out
            }
        };
        tracker.open();
        try {
            ServiceReference<T> reference = tracker.waitForService(timeout.toMillis());
            // a component that another thread is still activating answers null (SCR gives up waiting
            // for its lock after ds.lock.timeout.milliseconds, 5 s, which a loaded machine can exceed):
            // a tracker would drop that service for good, so it is asked again until the deadline
            T service = reference == null ? null : context.getService(reference);
            while (reference != null && service == null && System.nanoTime() < deadline) {
                Thread.sleep(50);
                service = context.getService(reference);
            }
            if (service == null) {
                throw new AssertionError("no " + expression + " within " + timeout.toMillis() + " ms");
            }
            return service;
        } finally {
            tracker.close();
        }
    }

    /**
     * Every enabled DS component of every bundle that is neither satisfied nor active, with why;
     * components waiting for a configuration nobody gave (a factory without instances) excluded.
     */
    protected List<String> unsatisfiedComponents() throws InterruptedException {
        ServiceComponentRuntime scr = awaitService(ServiceComponentRuntime.class, null, Duration.ofSeconds(30));
        List<String> problems = new ArrayList<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (!scr.isComponentEnabled(description)) {
                continue;
            }
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                String state = switch (configuration.state) {
                    case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "waiting for configuration";
                    case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "missing "
                            + Arrays.stream(configuration.unsatisfiedReferences)
                                    .map(reference -> reference.name + (reference.target == null ? "" : " " + reference.target))
                                    .toList();
                    case ComponentConfigurationDTO.FAILED_ACTIVATION -> "failed: " + configuration.failure;
                    default -> null;
                };
                if (state != null) {
                    problems.add(description.name + " (" + description.bundle.symbolicName + "): " + state);
                }
            }
        }
        return problems;
    }

    /** {@code GET http://127.0.0.1:<port><path>}: status and body. */
    protected HttpAnswer httpGet(String path) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL("http://127.0.0.1:" + httpPort() + path)
                .openConnection();
        connection.setConnectTimeout(2000);
        connection.setReadTimeout(10000);
        try {
            int status = connection.getResponseCode();
            InputStream stream = status < 400 ? connection.getInputStream() : connection.getErrorStream();
            String body = stream == null ? "" : new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            return new HttpAnswer(status, body);
        } finally {
            connection.disconnect();
        }
    }

    /** Polls {@code GET path} until it answers {@code status}; fails with the last answer. */
    protected HttpAnswer awaitHttp(String path, int status, Duration timeout) throws InterruptedException {
        String last = "no answer";
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpAnswer answer = httpGet(path);
                if (answer.status() == status) {
                    return answer;
                }
                last = answer.toString();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("GET " + path + " did not answer " + status + " within " + timeout.toMillis()
                + " ms; last: " + last);
    }

    /** Polls {@code condition} until it is true; fails with {@code description}'s text. */
    protected static void await(String what, Duration timeout, Supplier<Boolean> condition,
                                Supplier<String> description) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " not reached within " + timeout.toMillis() + " ms: " + description.get());
            }
            Thread.sleep(100);
        }
    }

    /** A status code and body. */
    public record HttpAnswer(int status, String body) {
    }
}
