package io.botfleet.runtime.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleRevision;

/**
 * What each installed bundle provides Botfleet and its jar's SHA-256, computed once per bundle
 * revision (an update gives the bundle a new {@link BundleRevision}; an id is never reused), so listing the bundles does not re-read and inflate every installed jar. A bundle without a
 * {@code Service-Component} header is known to provide nothing from its headers alone; the
 * descriptors are read from the installed bundle itself, the jar only for its digest.
 */
final class BundleDescriptions {

    /** A bundle that provides a strategy or an exchange adapter. */
    record Description(ProvidedServices provided, String sha256) {
    }

    private record Cached(BundleRevision revision, Optional<Description> description) {
    }

    /**
     * What a look at a bundle found; {@code settled} is false while it provides something but
     * its digest is not known yet (a deployment installs the bundle before storing its jar): a
     * listing in between must not remember it as providing nothing, or every later listing would
     * leave it out.
     */
    private record Found(Optional<Description> description, boolean settled) {
        static final Found NOTHING = new Found(Optional.empty(), true);
    }

    /** DS descriptors are small; an installed bundle's are read up to this size. */
    private static final int MAX_DESCRIPTOR_BYTES = 1 << 20;

    private final Function<Bundle, Optional<String>> sha256;
    private final Map<Long, Cached> cache = new ConcurrentHashMap<>();

    /** @param sha256 the digest of a bundle's jar, empty when its jar cannot be read */
    BundleDescriptions(Function<Bundle, Optional<String>> sha256) {
        this.sha256 = sha256;
    }

    /** @return empty when the bundle provides no strategy or adapter (or is gone) */
    Optional<Description> describe(Bundle bundle) {
        Cached cached = cache.get(bundle.getBundleId());
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null) {
            return Optional.empty(); // uninstalled
        }
        if (cached != null && cached.revision() == revision) {
            return cached.description();
        }
        Found found = compute(bundle);
        if (found.settled()) {
            cache.put(bundle.getBundleId(), new Cached(revision, found.description()));
        }
        return found.description();
    }

    /** Forgets the bundles no longer installed. */
    void retainOnly(Set<Long> bundleIds) {
        cache.keySet().retainAll(bundleIds);
    }

    private Found compute(Bundle bundle) {
        String header = bundle.getHeaders("").get(ProvidedServices.SERVICE_COMPONENT);
        if (header == null || bundle.getState() == Bundle.UNINSTALLED) {
            return Found.NOTHING;
        }
        ProvidedServices provided;
        try {
            provided = ProvidedServices.of(header, path -> read(bundle, path));
        } catch (DeployRefusedException | IllegalStateException notOurs) {
            return Found.NOTHING;
        }
        if (!provided.providesAnything()) {
            return Found.NOTHING;
        }
        Optional<String> digest = sha256.apply(bundle);
        return new Found(digest.map(d -> new Description(provided, d)), digest.isPresent());
    }

    private static Optional<byte[]> read(Bundle bundle, String path) {
        URL entry = bundle.getEntry(path);
        if (entry == null) {
            return Optional.empty();
        }
        try (InputStream in = entry.openStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                if (out.size() > MAX_DESCRIPTOR_BYTES) {
                    throw new DeployRefusedException("descriptor " + path + " is larger than " + MAX_DESCRIPTOR_BYTES);
                }
            }
            return Optional.of(out.toByteArray());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
