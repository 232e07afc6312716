package io.botfleet.runtime.deploy;

import io.botfleet.api.admin.BundleDeployment;
import io.botfleet.api.home.BotfleetHome;
import io.botfleet.api.strategy.Strategy;
import io.botfleet.api.store.Artifact;
import io.botfleet.api.store.ArtifactStore;
import io.botfleet.api.store.InstallationStore;
import io.botfleet.api.store.StoreConflictException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.botfleet.api.bot.BotNotFoundException;
import io.botfleet.runtime.strategy.StrategyOverview;
import org.osgi.service.metatype.annotations.AttributeType;

/**
 * Deploys strategy and adapter bundles: validates a jar completely before it changes anything
 * (a bundle, signed by a trusted key when required, providing a strategy or an exchange adapter,
 * not clashing with an installed one, resolvable), keeps every accepted jar in the artifact store,
 * installs and starts it. A refusal leaves the framework exactly as it was.
 *
 * <p>Also uninstalls (refreshing only that bundle: strategy and adapter bundles export nothing),
 * and reinstalls a strategy version from the artifact store for a rollback. One deployment at a
 * time: the framework's state is checked and changed under one lock.
 */
@Component(service = {BundleDeployer.class, BundleDeployment.class}, configurationPid = "io.botfleet.deploy")
@Designate(ocd = BundleDeployer.Config.class)
public class BundleDeployer implements BundleDeployment {

    private static final Logger LOG = LoggerFactory.getLogger(BundleDeployer.class);
    private static final String LOCATION = "botfleet:artifact:";

    @ObjectClassDefinition(name = "Botfleet bundle deployment")
    public @interface Config {
        @AttributeDefinition(description = "Accept only jars whose every entry is signed by a trusted certificate")
        boolean requireSignedBundles() default false;

        @AttributeDefinition(description = "Trust store path (relative to BOTFLEET_HOME) holding the trusted certificates")
        String trustStore() default "";

        @AttributeDefinition(description = "Trust store password", type = AttributeType.PASSWORD)
        String trustStorePassword() default "";

        @AttributeDefinition(description = "Trust store type")
        String trustStoreType() default "PKCS12";

        @AttributeDefinition(description = "Largest jar accepted, in bytes (uploads and the deploy folder)")
        long maxJarBytes() default 20L * 1024 * 1024;

        @AttributeDefinition(description = "Largest inflated size of one jar entry, in bytes")
        long maxEntryBytes() default 32L * 1024 * 1024;

        @AttributeDefinition(description = "Largest inflated size of all entries of a jar together, in bytes")
        long maxInflatedBytes() default 128L * 1024 * 1024;

        @AttributeDefinition(description = "Largest inflated / compressed size of an entry above 1 MiB")
        int maxCompressionRatio() default 100;
    }

    @Reference
    ArtifactStore artifacts;
    @Reference
    InstallationStore installation;

    private BundleContext context;
    private JarSignatures signatures;
    private JarLimits limits;
    private Set<String> shippedSha256;
    private final BundleDescriptions descriptions = new BundleDescriptions(this::sha256);
    private final WiredImports imports = new WiredImports(FrameworkUtil.getBundle(Strategy.class).getSymbolicName());

    @Activate
    void activate(BundleContext context, Config config) {
        this.context = context;
        this.limits = new JarLimits(config.maxJarBytes(), config.maxEntryBytes(), config.maxInflatedBytes(),
                config.maxCompressionRatio());
        this.signatures = config.requireSignedBundles() ? new JarSignatures(trustStore(context, config)) : null;
        this.shippedSha256 = config.requireSignedBundles() ? shippedStrategyAndAdapterJars() : Set.of();
        new Thread(this::recordShippedBundles, "botfleet-artifacts").start();
    }

    /** What a jar may cost before it is refused. */
    public JarLimits limits() {
        return limits;
    }

    /** @throws DeployRefusedException with the reason; nothing changed */
    @Override
    public synchronized Deployed deploy(byte[] jar) {
        try (CheckedJar checked = CheckedJar.open(jar, limits)) {
            return deploy(checked);
        }
    }

    private Deployed deploy(CheckedJar checked) {
        byte[] jar = checked.bytes();
        JarInspection inspected = JarInspection.of(checked);
        if (signatures != null) {
            verifySignatures(checked, inspected);
        }
        ProvidedServices provided = ProvidedServices.of(checked);
        if (!provided.providesAnything()) {
            throw new DeployRefusedException("bundle " + inspected.symbolicName() + " " + inspected.version()
                    + " provides no strategy or exchange adapter (no Declarative Services component offers "
                    + "io.botfleet.api.strategy.Strategy or io.botfleet.api.exchange.ExchangeAdapter)");
        }
        Optional<Bundle> installed = find(inspected.symbolicName(), inspected.version());
        Optional<Artifact> stored = artifacts.find(inspected.symbolicName(), inspected.version().toString());
        if (stored.isPresent() && !stored.get().sha256().equals(inspected.sha256())) {
            throw new DeployRefusedException("bundle " + inspected.symbolicName() + " " + inspected.version()
                    + " was deployed before with other content (sha256 " + stored.get().sha256()
                    + "); give the new build a new version");
        }
        if (installed.isPresent()) {
            return new Deployed(describe(installed.get(), inspected.sha256(), provided), false);
        }
        Bundle bundle = installResolved(inspected, jar);
        try {
            artifacts.put(inspected.symbolicName(), inspected.version().toString(), jar);
            remember(inspected, provided);
            bundle.start();
        } catch (BundleException | RuntimeException e) {
            uninstallQuietly(bundle);
            throw new DeployRefusedException("bundle " + inspected.symbolicName() + " " + inspected.version()
                    + " failed to start: " + e.getMessage());
        }
        LOG.info("deployed {} {} (sha256 {})", inspected.symbolicName(), inspected.version(), inspected.sha256());
        return new Deployed(describe(bundle, inspected.sha256(), provided), true);
    }

    /** Uninstalls a bundle and refreshes only it; its jar stays in the artifact store. */
    @Override
    public synchronized void uninstall(String symbolicName, String version) {
        Bundle bundle = find(symbolicName, parse(version)).orElseThrow(() ->
                new BotNotFoundException("no bundle " + symbolicName + " " + version + " is installed"));
        try {
            bundle.uninstall();
        } catch (BundleException e) {
            throw new IllegalStateException("uninstalling " + symbolicName + " " + version + " failed: " + e.getMessage(), e);
        }
        refresh(bundle);
        LOG.info("uninstalled {} {}", symbolicName, version);
    }

    /**
     * Makes sure the bundle that provided {@code strategyId} at {@code version} is installed,
     * reinstalling it from the artifact store when it was removed. Returns once it is started.
     *
     * @return false when no stored artifact is known to provide that version
     */
    public boolean ensureStrategyInstalled(String strategyId, String version) {
        Optional<String> coordinates = installation.get(mappingKey(strategyId, version));
        if (coordinates.isEmpty()) {
            return false;
        }
        String[] bsnAndVersion = coordinates.get().split("/", 2);
        Optional<Artifact> artifact = artifacts.find(bsnAndVersion[0], bsnAndVersion[1]);
        if (artifact.isEmpty()) {
            return false;
        }
        synchronized (this) {
            Optional<Bundle> present = find(bsnAndVersion[0], parse(bsnAndVersion[1]));
            if (present.isPresent()) {
                startQuietly(present.get());
                return true;
            }
        }
        byte[] jar = artifacts.content(artifact.get().sha256()).orElseThrow(() ->
                new IllegalStateException("artifact " + coordinates.get() + " is listed but its content is missing"));
        deploy(jar);
        LOG.info("reinstalled {} from the artifact store for strategy {} {}", coordinates.get(), strategyId, version);
        return true;
    }

    /** Every installed bundle that provides a strategy or an exchange adapter (computed once per bundle revision). */
    @Override
    public List<InstalledBundle> list() {
        List<InstalledBundle> result = new ArrayList<>();
        Set<Long> present = new HashSet<>();
        for (Bundle bundle : context.getBundles()) {
            present.add(bundle.getBundleId());
            descriptions.describe(bundle).ifPresent(d -> result.add(describe(bundle, d.sha256(), d.provided())));
        }
        descriptions.retainOnly(present);
        return result;
    }

    // ------------------------------------------------------------------ internals

    /**
     * Signatures are required. A jar byte-identical to a strategy or adapter jar this distribution
     * ships in {@code bundle/} is accepted unsigned: it was trusted by being shipped, and it runs
     * at every start anyway, so reinstalling it after an uninstall (a rollback, a recovery) must
     * not be refused. Any other unsigned or untrusted jar is refused.
     */
    private void verifySignatures(CheckedJar checked, JarInspection inspected) {
        try {
            signatures.verify(checked);
        } catch (DeployRefusedException refused) {
            if (!shippedSha256.contains(inspected.sha256())) {
                throw refused;
            }
            LOG.info("{} {} is not signed by a trusted key but is the jar shipped in bundle/ (sha256 {}): accepted",
                    inspected.symbolicName(), inspected.version(), inspected.sha256());
        }
    }

    /** The digests of the strategy and adapter jars the framework was started with from {@code bundle/}. */
    private Set<String> shippedStrategyAndAdapterJars() {
        Set<String> digests = new HashSet<>();
        for (Bundle bundle : context.getBundles()) {
            if (!bundle.getLocation().startsWith(LOCATION)
                    && bundle.getHeaders("").get(ProvidedServices.SERVICE_COMPONENT) != null) {
                descriptions.describe(bundle).ifPresent(d -> digests.add(d.sha256()));
            }
        }
        return Set.copyOf(digests);
    }

    /** A bundle's jar digest: recorded in the artifact store for ours, read from its file for the rest. */
    private Optional<String> sha256(Bundle bundle) {
        if (bundle.getLocation().startsWith(LOCATION)) {
            Optional<Artifact> stored = artifacts.find(bundle.getSymbolicName(), bundle.getVersion().toString());
            if (stored.isPresent()) {
                return Optional.of(stored.get().sha256());
            }
        }
        return Optional.ofNullable(readJar(bundle)).map(JarInspection::sha256);
    }

    private Bundle installResolved(JarInspection inspected, byte[] jar) {
        Bundle bundle;
        try {
            bundle = context.installBundle(LOCATION + inspected.symbolicName() + "/" + inspected.version(),
                    new ByteArrayInputStream(jar));
        } catch (BundleException e) {
            throw new DeployRefusedException("the framework refused the bundle: " + e.getMessage());
        }
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        if (!wiring.resolveBundles(Set.of(bundle))) {
            String reason = unresolvedReason(bundle);
            uninstallQuietly(bundle);
            throw new DeployRefusedException("unresolved requirement: " + reason);
        }
        Optional<String> refusal = imports.refusal(bundle);
        if (refusal.isPresent()) {
            uninstallQuietly(bundle);
            throw new DeployRefusedException("bundle " + inspected.symbolicName() + " " + inspected.version()
                    + " is refused: " + refusal.get());
        }
        return bundle;
    }

    /** Felix explains an unresolvable bundle only when asked to start it. */
    private static String unresolvedReason(Bundle bundle) {
        try {
            bundle.start(Bundle.START_TRANSIENT);
            bundle.stop();
            return "unknown (it resolved when started)";
        } catch (BundleException e) {
            return e.getMessage();
        }
    }

    private void uninstallQuietly(Bundle bundle) {
        try {
            bundle.uninstall();
        } catch (BundleException | IllegalStateException e) {
            LOG.warn("could not uninstall refused bundle {}", bundle.getLocation(), e);
        }
        refresh(bundle);
    }

    private static void startQuietly(Bundle bundle) {
        try {
            bundle.start();
        } catch (BundleException e) {
            LOG.warn("could not start {}", bundle.getSymbolicName(), e);
        }
    }

    /** Refreshes only {@code bundle} and waits for it: strategy bundles export nothing, so nothing cascades. */
    private void refresh(Bundle bundle) {
        CountDownLatch done = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(Set.of(bundle), event -> done.countDown());
        try {
            done.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Optional<Bundle> find(String symbolicName, Version version) {
        return Arrays.stream(context.getBundles())
                .filter(b -> symbolicName.equals(b.getSymbolicName()) && b.getVersion().equals(version)
                        && b.getState() != Bundle.UNINSTALLED)
                .findFirst();
    }

    private void remember(JarInspection inspected, ProvidedServices provided) {
        for (ProvidedServices.StrategyDeclaration s : provided.strategies()) {
            String version = s.version() != null ? s.version() : inspected.version().toString();
            installation.getOrCreate(mappingKey(s.id(), version), inspected.symbolicName() + "/" + inspected.version());
        }
    }

    /** At first start (and every start, idempotently): the shipped strategy and adapter jars go to the store. */
    private void recordShippedBundles() {
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getHeaders("").get(ProvidedServices.SERVICE_COMPONENT) == null) {
                continue; // provides no component, so no strategy or adapter: its jar need not be read
            }
            byte[] jar = readJar(bundle);
            if (jar == null) {
                continue;
            }
            try (CheckedJar checked = CheckedJar.open(jar, limits)) {
                ProvidedServices provided = ProvidedServices.of(checked);
                if (provided.providesAnything()) {
                    JarInspection inspected = JarInspection.of(checked);
                    artifacts.put(inspected.symbolicName(), inspected.version().toString(), jar);
                    remember(inspected, provided);
                }
            } catch (DeployRefusedException | StoreConflictException e) {
                LOG.debug("bundle {} not recorded: {}", bundle.getSymbolicName(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("bundle {} not recorded in the artifact store", bundle.getSymbolicName(), e);
            }
        }
    }

    /** The jar behind a bundle: from the artifact store for ours, from its file location for the rest. */
    private byte[] readJar(Bundle bundle) {
        String location = bundle.getLocation();
        try {
            if (location.startsWith(LOCATION)) {
                return artifacts.find(bundle.getSymbolicName(), bundle.getVersion().toString())
                        .flatMap(a -> artifacts.content(a.sha256())).orElse(null);
            }
            String url = location.startsWith("reference:") ? location.substring("reference:".length()) : location;
            if (!url.startsWith("file:") || !url.endsWith(".jar")) {
                return null;
            }
            try (InputStream in = new URL(url).openStream()) {
                return in.readAllBytes();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private InstalledBundle describe(Bundle bundle, String sha256, ProvidedServices provided) {
        List<StrategyDeclaration> strategies = provided.strategies().stream()
                .map(s -> new StrategyDeclaration(s.id(),
                        s.version() != null ? s.version() : bundle.getVersion().toString()))
                .toList();
        return new InstalledBundle(bundle.getSymbolicName(), bundle.getVersion().toString(), bundle.getBundleId(),
                StrategyOverview.stateName(bundle.getState()), sha256, strategies);
    }

    private static String mappingKey(String strategyId, String version) {
        return "strategy-bundle:" + strategyId + "@" + version;
    }

    private static Version parse(String version) {
        try {
            return Version.parseVersion(version);
        } catch (IllegalArgumentException e) {
            throw new BotNotFoundException("'" + version + "' is not an OSGi version");
        }
    }

    private static KeyStore trustStore(BundleContext context, Config config) {
        if (config.trustStore().isBlank()) {
            throw new IllegalArgumentException("requireSignedBundles=true needs trustStore (io.botfleet.deploy)");
        }
        Path path = BotfleetHome.resolve(context::getProperty).resolve(config.trustStore());
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance(config.trustStoreType());
            store.load(in, config.trustStorePassword().toCharArray());
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("trust store " + path + " cannot be read: " + e.getMessage(), e);
        }
    }
}
