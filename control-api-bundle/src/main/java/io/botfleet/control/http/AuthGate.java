package io.botfleet.control.http;

import io.botfleet.control.auth.AuthFailureLimiter;
import io.botfleet.control.auth.Principal;
import io.botfleet.control.auth.TokenService;
import io.botfleet.control.metrics.HttpStats;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token checks with failed-authentication throttling, one for every context that takes tokens
 * ({@code /api}, and {@code /metrics} when it requires one), so a guesser gets the same number
 * of tries whichever door it knocks on.
 *
 * <p>Failures are counted per client address ({@link ClientOrigin}: the peer, or the client a
 * trusted proxy names). A throttled address gets 429 for anything that is one more guess, but a
 * request carrying a token this server issued is still checked as usual: a valid token is never
 * locked out by someone else's failures from the same address (a shared proxy or NAT). That
 * holds for tokens of at least {@link #UNGUESSABLE_LENGTH} characters (every generated token):
 * letting a throttled address test a short, operator-chosen token at full speed would turn the
 * throttle into an oracle for it.
 */
@Component(service = AuthGate.class, configurationPid = HttpConfig.PID)
public class AuthGate {

    /** A token this long cannot be guessed (the generated ones are 46 characters, 256 bits). */
    static final int UNGUESSABLE_LENGTH = 32;

    private static final Logger LOG = LoggerFactory.getLogger(AuthGate.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile HttpStats stats;

    private AuthFailureLimiter limiter;
    private ClientOrigin origin;

    /** DS constructor. */
    public AuthGate() {
    }

    /** A gate without OSGi (tests). */
    public AuthGate(HttpConfig config, LongSupplier nanoClock) {
        configure(config, nanoClock);
    }

    @Activate
    void activate(HttpConfig config) {
        configure(config, System::nanoTime);
    }

    private void configure(HttpConfig config, LongSupplier nanoClock) {
        limiter = new AuthFailureLimiter(config.authFailureLimit(),
                TimeUnit.SECONDS.toNanos(config.authFailureWindowSeconds()), nanoClock);
        origin = new ClientOrigin(config.trustedProxies());
    }

    public ClientOrigin origin() {
        return origin;
    }

    /**
     * The principal of {@code token}.
     *
     * @throws ApiException 429 when the client is throttled and the token is not one this server
     *                      issued, 401 when the token is invalid or revoked
     */
    public Principal authenticate(HttpServletRequest request, TokenService service, String token) {
        String client = origin.clientKey(request);
        long wait = limiter.retryAfterSeconds(client);
        if (wait > 0 && !(token.length() >= UNGUESSABLE_LENGTH && service.isIssued(token))) {
            HttpStats s = stats;
            if (s != null) {
                s.recordThrottled();
            }
            throw ApiException.tooManyRequests(wait, "too many failed authentications from this address;"
                    + " retry after " + wait + " s");
        }
        Optional<Principal> principal = service.authenticate(token);
        if (principal.isEmpty()) {
            limiter.recordFailure(client);
            HttpStats s = stats;
            if (s != null) {
                s.recordBadToken();
            }
            LOG.debug("Rejected an invalid or revoked token from {}", client); // never the token
            throw ApiException.unauthorized("the token is invalid or revoked");
        }
        return principal.get();
    }

    /** Clients whose failures are being counted (bounded). */
    int trackedClients() {
        return limiter.trackedClients();
    }
}
