package io.botfleet.exchange.bybit.health;

import io.botfleet.api.exchange.AccountHealth;
import io.botfleet.api.exchange.AccountStatus;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Folds what the REST client and the streams observe into one {@link AccountHealth}.
 *
 * <ul>
 *   <li>DOWN: the credentials were refused (10003/10004/10005/10007 or HTTP 401) and no private
 *       call has succeeded since, or the venue has been unreachable for longer than
 *       {@code unreachableAfter}.</li>
 *   <li>DEGRADED: the private stream is down (REST polling is standing in), or the last
 *       {@value #DEGRADED_AFTER} calls failed transiently, or the IP is rate-limited.</li>
 *   <li>UP otherwise.</li>
 * </ul>
 * Details are composed only from codes and fixed words, never from a secret or a server text.
 */
public final class HealthTracker {

    static final int DEGRADED_AFTER = 3;

    private final LongSupplier millis;
    private final long unreachableAfterMs;
    private String authFailure;            // null when credentials are fine
    private int consecutiveTransient;
    private String lastTransient = "";
    private long unreachableSince = -1;    // -1 while reachable
    private boolean privateStreamWanted;
    private boolean privateStreamUp;
    private boolean publicStreamWanted;
    private boolean publicStreamUp;

    public HealthTracker(Duration unreachableAfter) {
        this(unreachableAfter, System::currentTimeMillis);
    }

    public HealthTracker(Duration unreachableAfter, LongSupplier millis) {
        this.unreachableAfterMs = unreachableAfter.toMillis();
        this.millis = millis;
    }

    /** A call got an answer from Bybit that was not an error of ours or theirs. */
    public synchronized void success(boolean authenticated) {
        consecutiveTransient = 0;
        unreachableSince = -1;
        if (authenticated) {
            authFailure = null;
        }
    }

    /** Bybit answered, but with a business error: the venue is reachable. */
    public synchronized void reachable() {
        unreachableSince = -1;
    }

    public synchronized void authFailed(String code) {
        authFailure = "credentials refused by Bybit (code " + code + ")";
        unreachableSince = -1;
    }

    /** A transient failure: a 5xx, a timeout, 10016, an IP rate limit. */
    public synchronized void transientFailure(String what) {
        consecutiveTransient++;
        lastTransient = what;
    }

    /** The venue could not be reached at all (connect refused, DNS, timeout). */
    public synchronized void unreachable(String what) {
        transientFailure(what);
        if (unreachableSince < 0) {
            unreachableSince = millis.getAsLong();
        }
    }

    public synchronized void privateStream(boolean wanted, boolean up) {
        privateStreamWanted = wanted;
        privateStreamUp = up;
    }

    public synchronized void publicStream(boolean wanted, boolean up) {
        publicStreamWanted = wanted;
        publicStreamUp = up;
    }

    public synchronized AccountHealth health() {
        if (authFailure != null) {
            return new AccountHealth(AccountStatus.DOWN, authFailure);
        }
        if (unreachableSince >= 0 && millis.getAsLong() - unreachableSince >= unreachableAfterMs) {
            return new AccountHealth(AccountStatus.DOWN, "Bybit unreachable for "
                    + (millis.getAsLong() - unreachableSince) / 1000 + " s (" + lastTransient + ")");
        }
        StringBuilder degraded = new StringBuilder();
        if (privateStreamWanted && !privateStreamUp) {
            degraded.append("private stream down, polling REST");
        }
        if (publicStreamWanted && !publicStreamUp) {
            append(degraded, "public stream down, polling REST");
        }
        if (consecutiveTransient >= DEGRADED_AFTER) {
            append(degraded, consecutiveTransient + " transient errors in a row (" + lastTransient
                    + ")");
        }
        return degraded.length() == 0 ? AccountHealth.up()
                : new AccountHealth(AccountStatus.DEGRADED, degraded.toString());
    }

    private static void append(StringBuilder sb, String s) {
        if (sb.length() > 0) {
            sb.append("; ");
        }
        sb.append(s);
    }
}
