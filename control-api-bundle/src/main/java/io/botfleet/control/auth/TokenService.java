package io.botfleet.control.auth;

import io.botfleet.api.store.ApiToken;
import io.botfleet.api.store.InstallationStore;
import io.botfleet.api.store.Role;
import io.botfleet.api.store.StoreConflictException;
import io.botfleet.api.store.TokenStore;
import io.botfleet.api.home.BotfleetHome;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API tokens: issuing, revoking and authenticating. Only HMAC hashes are stored (see
 * {@link TokenHasher}), under a key kept outside the database ({@link TokenHashKey}); the token itself exists in memory only while a request carries it and
 * in the one response that creates it.
 *
 * <p>Successful look-ups are cached for a short time ({@code tokenCacheMillis}, 1 s by default)
 * so a busy API does not hit the database per request; a revoke through this service clears the
 * cache at once, a revoke behind its back (another node sharing the database) takes effect
 * within the cache time. Failures are never cached.
 */
@Component(service = TokenService.class, configurationPid = TokenService.PID)
@Designate(ocd = TokenService.Config.class)
public class TokenService {

    public static final String PID = "io.botfleet.auth";
    /** Name of the token created at first start. */
    public static final String ADMIN_TOKEN_NAME = "admin";

    private static final Logger LOG = LoggerFactory.getLogger(TokenService.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String PREFIX = "bf_";
    private static final int MAX_CACHED = 10_000;

    @ObjectClassDefinition(name = "Botfleet API tokens")
    public @interface Config {
        @AttributeDefinition(description = "How long a successful token look-up is reused, in ms (0 = never)")
        long tokenCacheMillis() default 1000;
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    /** The stored hashes as last read, for {@link #isIssued}; null when stale. */
    private volatile IssuedHashes issued;
    private final Clock clock;
    private TokenStore tokens;
    private TokenHasher hasher;
    private long cacheNanos;

    /** DS constructor. */
    public TokenService() {
        this(Clock.systemUTC());
    }

    TokenService(Clock clock) {
        this.clock = clock;
    }

    @Reference
    TokenStore tokenStore;

    @Reference
    InstallationStore installationStore;

    @Activate
    void activate(BundleContext context, Config config) {
        Path home = BotfleetHome.resolve(context::getProperty);
        String key = new TokenHashKey(home.resolve("data"), installationStore, LOG)
                .load(System.getenv(TokenHashKey.ENV), random);
        start(tokenStore, key, config.tokenCacheMillis());
        new AdminTokenBootstrap(this, tokenStore, installationStore, home)
                .ensureAdminToken(System.getenv(AdminTokenBootstrap.ENV));
    }

    /** Wires the service without OSGi (tests). */
    void start(TokenStore tokenStore, String hexKey, long cacheMillis) {
        this.tokens = tokenStore;
        this.hasher = new TokenHasher(hexKey);
        this.cacheNanos = Math.max(0, cacheMillis) * 1_000_000L;
    }

    /** True when {@code name} may name a token: 1-64 characters of {@code [A-Za-z0-9._-]}. */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /**
     * True when {@code token} could be a token at all (8-256 characters of
     * {@code [A-Za-z0-9._~+/=-]}); anything else is refused without hashing. A loop rather than
     * a regex: this runs on every request.
     */
    public static boolean isWellFormed(String token) {
        if (token == null || token.length() < 8 || token.length() > 256) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '~' || c == '+' || c == '/' || c == '=' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The principal of a valid, unrevoked token, or empty. */
    public Optional<Principal> authenticate(String token) {
        if (!isWellFormed(token)) {
            return Optional.empty();
        }
        String hash = hasher.hash(token);
        long now = System.nanoTime();
        Cached cached = cache.get(hash);
        if (cached != null && now - cached.at < cacheNanos) {
            return Optional.of(cached.principal);
        }
        Optional<ApiToken> stored = tokens.findByHash(hash);
        if (stored.isEmpty() || !TokenHasher.sameHash(stored.get().hash(), hash)) {
            cache.remove(hash);
            return Optional.empty();
        }
        Principal principal = new Principal(stored.get().name(), stored.get().role());
        if (cacheNanos > 0) {
            if (cache.size() >= MAX_CACHED) {
                cache.clear(); // crude but bounded; refilled from the store on the next calls
            }
            cache.put(hash, new Cached(principal, now));
        }
        return Optional.of(principal);
    }

    /**
     * Issues a new token. The returned value is the only time it exists outside the caller's
     * hands: it is neither stored nor logged.
     *
     * @throws IllegalArgumentException when the name is invalid
     * @throws StoreConflictException   when a token with this name exists
     */
    public String create(String name, Role role) {
        String token = newToken();
        createWithValue(name, role, token);
        return token;
    }

    /** Stores {@code token} (already chosen, e.g. from the environment) under {@code name}. */
    void createWithValue(String name, Role role, String token) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("token name must be 1-64 characters of [A-Za-z0-9._-]");
        }
        tokens.create(new ApiToken(name, role, hasher.hash(token), Instant.now(clock)));
        issued = null;
    }

    /**
     * Revokes a token; it stops working immediately (the cache is cleared).
     *
     * @return false when there was no token with that name
     * @throws IllegalStateException when it is the last admin token
     */
    public boolean revoke(String name) {
        List<ApiToken> all = tokens.list();
        Optional<ApiToken> target = all.stream().filter(t -> t.name().equals(name)).findFirst();
        if (target.isEmpty()) {
            return false;
        }
        if (target.get().role() == Role.ADMIN
                && all.stream().filter(t -> t.role() == Role.ADMIN).count() == 1) {
            throw new IllegalStateException("token '" + name
                    + "' is the last admin token; create another admin token first");
        }
        boolean revoked = tokens.revoke(name);
        invalidate(name);
        return revoked;
    }

    /** Revokes without the last-admin guard (bootstrap replaces the admin token). */
    boolean revokeUnchecked(String name) {
        boolean revoked = tokens.revoke(name);
        invalidate(name);
        return revoked;
    }

    /** Every token (hashes only). */
    public List<ApiToken> list() {
        return tokens.list();
    }

    boolean exists(String token) {
        return tokens.findByHash(hasher.hash(token)).isPresent();
    }

    String newToken() {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /**
     * True when {@code token} is one of the stored tokens, answered from an in-memory copy of
     * the stored hashes that is re-read at most once per second. For deciding, without a
     * database query per request, whether a request from a throttled address carries a token
     * this server issued (then it is checked as usual) or is one more guess (then it is not).
     */
    public boolean isIssued(String token) {
        if (!isWellFormed(token)) {
            return false;
        }
        long now = System.nanoTime();
        IssuedHashes snapshot = issued;
        if (snapshot == null || now - snapshot.readAt > 1_000_000_000L) {
            snapshot = new IssuedHashes(tokens.list().stream().map(ApiToken::hash)
                    .collect(Collectors.toUnmodifiableSet()), now);
            issued = snapshot;
        }
        return snapshot.hashes.contains(hasher.hash(token));
    }

    private record IssuedHashes(Set<String> hashes, long readAt) {
    }

    private void invalidate(String name) {
        issued = null;
        cache.values().removeIf(c -> c.principal.name().equals(name));
    }

    private record Cached(Principal principal, long at) {
    }

    static Logger log() {
        return LOG;
    }
}
