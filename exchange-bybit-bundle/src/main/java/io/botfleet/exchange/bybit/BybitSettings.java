package io.botfleet.exchange.bybit;

import io.botfleet.api.exchange.ClientOrderIds;
import io.botfleet.exchange.bybit.sign.BybitSigner;
import io.botfleet.exchange.bybit.sign.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything one Bybit account adapter needs. The DS component builds it from ConfigAdmin; tests
 * and tools build it with {@link #builder(String)}.
 *
 * @param account      the account name (the {@code exchange.account} service property)
 * @param apiKey       the API key
 * @param apiSecret    the API secret (redacted in {@link #toString()})
 * @param category     linear or spot
 * @param restUrl      REST base URL, for example {@code https://api.bybit.com}
 * @param wsPublicUrl  public stream URL including the category path,
 *                     for example {@code wss://stream.bybit.com/v5/public/linear}
 * @param wsPrivateUrl private stream URL, for example {@code wss://stream.bybit.com/v5/private}
 * @param recvWindow   the {@code X-BAPI-RECV-WINDOW} in ms
 * @param tuning       timeouts, intervals and retry counts (defaults suit production)
 */
public record BybitSettings(String account, String apiKey, Secret apiSecret, Category category,
                            URI restUrl, URI wsPublicUrl, URI wsPrivateUrl, long recvWindow,
                            Tuning tuning) {

    public static final String MAINNET_REST = "https://api.bybit.com";
    public static final String TESTNET_REST = "https://api-testnet.bybit.com";
    public static final String DEMO_REST = "https://api-demo.bybit.com";
    public static final String MAINNET_WS = "wss://stream.bybit.com";
    public static final String TESTNET_WS = "wss://stream-testnet.bybit.com";
    /** Bybit's own default recv window. */
    public static final long DEFAULT_RECV_WINDOW = 5000;

    public BybitSettings {
        if (!ClientOrderIds.isValid(account)) {
            // the account name ends up in service properties, metrics and logs: keep it plain
            throw new IllegalArgumentException("account name '" + account
                    + "' must be 1-36 characters of [0-9A-Za-z_-]");
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("apiKey is required for Bybit account " + account);
        }
        Objects.requireNonNull(apiSecret, "apiSecret");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(restUrl, "restUrl");
        Objects.requireNonNull(wsPublicUrl, "wsPublicUrl");
        Objects.requireNonNull(wsPrivateUrl, "wsPrivateUrl");
        if (recvWindow <= 0 || recvWindow > 60_000) {
            throw new IllegalArgumentException("recvWindow must be 1..60000 ms, was " + recvWindow);
        }
        tuning = tuning == null ? Tuning.defaults() : tuning;
        restUrl = stripSlash(restUrl);
    }

    public static Builder builder(String account) {
        return new Builder(account);
    }

    private static URI stripSlash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : uri;
    }

    @Override
    public String toString() {
        return "BybitSettings[account=" + account + ", apiKey=" + BybitSigner.redactKey(apiKey)
                + ", category=" + category.wire() + ", restUrl=" + restUrl + ", wsPublicUrl="
                + wsPublicUrl + ", wsPrivateUrl=" + wsPrivateUrl + ", recvWindow=" + recvWindow + "]";
    }

    /**
     * Timing knobs. Production uses {@link #defaults()}; tests shorten them so that reconnects,
     * polls and backoffs happen within a test's time.
     *
     * @param requestTimeout       per HTTP request; a create that times out has an unknown outcome
     * @param pingInterval         WebSocket {@code {"op":"ping"}} period (Bybit: 20 s); a stream
     *                             with no answer within half of it after a ping is dead
     * @param reconnectMin         first reconnect delay; doubles up to {@code reconnectMax}
     * @param reconnectMax         longest reconnect delay
     * @param pollInterval         REST polling period while a stream is down (orders for the
     *                             private one, klines for the public one)
     * @param retryBackoff         first delay between retries of idempotent calls and of the
     *                             order look-ups that resolve an unknown outcome; doubles
     * @param retries              retries of an idempotent call after a transient failure
     * @param resolveAttempts      order look-ups before an unknown create is declared not found
     * @param rateWindowMargin     added to Bybit's 1 s rate window (which the limiter counts from
     *                             each request's answer, see RateLimiter) against clock granularity
     * @param unreachableAfter     how long the venue may be unreachable before the account is DOWN
     */
    public record Tuning(Duration requestTimeout, Duration pingInterval, Duration reconnectMin,
                         Duration reconnectMax, Duration pollInterval, Duration retryBackoff,
                         int retries, int resolveAttempts, Duration rateWindowMargin,
                         Duration unreachableAfter) {

        public Tuning {
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            Objects.requireNonNull(pingInterval, "pingInterval");
            Objects.requireNonNull(reconnectMin, "reconnectMin");
            Objects.requireNonNull(reconnectMax, "reconnectMax");
            Objects.requireNonNull(pollInterval, "pollInterval");
            Objects.requireNonNull(retryBackoff, "retryBackoff");
            Objects.requireNonNull(rateWindowMargin, "rateWindowMargin");
            Objects.requireNonNull(unreachableAfter, "unreachableAfter");
            if (retries < 0 || resolveAttempts < 1) {
                throw new IllegalArgumentException("retries must be >= 0 and resolveAttempts >= 1");
            }
        }

        public static Tuning defaults() {
            return new Tuning(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofMillis(500),
                    Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofMillis(250), 3, 4,
                    Duration.ofMillis(10), Duration.ofSeconds(60));
        }

        public Tuning withRequestTimeout(Duration d) {
            return new Tuning(d, pingInterval, reconnectMin, reconnectMax, pollInterval,
                    retryBackoff, retries, resolveAttempts, rateWindowMargin, unreachableAfter);
        }

        public Tuning withPingInterval(Duration d) {
            return new Tuning(requestTimeout, d, reconnectMin, reconnectMax, pollInterval,
                    retryBackoff, retries, resolveAttempts, rateWindowMargin, unreachableAfter);
        }

        public Tuning withReconnect(Duration min, Duration max) {
            return new Tuning(requestTimeout, pingInterval, min, max, pollInterval, retryBackoff,
                    retries, resolveAttempts, rateWindowMargin, unreachableAfter);
        }

        public Tuning withPollInterval(Duration d) {
            return new Tuning(requestTimeout, pingInterval, reconnectMin, reconnectMax, d,
                    retryBackoff, retries, resolveAttempts, rateWindowMargin, unreachableAfter);
        }

        public Tuning withRetryBackoff(Duration d) {
            return new Tuning(requestTimeout, pingInterval, reconnectMin, reconnectMax,
                    pollInterval, d, retries, resolveAttempts, rateWindowMargin, unreachableAfter);
        }

        public Tuning withUnreachableAfter(Duration d) {
            return new Tuning(requestTimeout, pingInterval, reconnectMin, reconnectMax,
                    pollInterval, retryBackoff, retries, resolveAttempts, rateWindowMargin, d);
        }
    }

    /** Builds settings; the URLs default to mainnet. */
    public static final class Builder {
        private final String account;
        private String apiKey;
        private Secret apiSecret;
        private Category category = Category.LINEAR;
        private String restUrl = MAINNET_REST;
        private String wsPublicUrl;
        private String wsPrivateUrl;
        private long recvWindow = DEFAULT_RECV_WINDOW;
        private Tuning tuning = Tuning.defaults();

        private Builder(String account) {
            this.account = account;
        }

        public Builder apiKey(String v) {
            this.apiKey = v;
            return this;
        }

        public Builder apiSecret(String v) {
            this.apiSecret = Secret.of(v);
            return this;
        }

        public Builder apiSecret(Secret v) {
            this.apiSecret = v;
            return this;
        }

        public Builder category(Category v) {
            this.category = v;
            return this;
        }

        public Builder restUrl(String v) {
            this.restUrl = v;
            return this;
        }

        /** The public stream URL; default: mainnet for the category. */
        public Builder wsPublicUrl(String v) {
            this.wsPublicUrl = v;
            return this;
        }

        public Builder wsPrivateUrl(String v) {
            this.wsPrivateUrl = v;
            return this;
        }

        public Builder recvWindow(long v) {
            this.recvWindow = v;
            return this;
        }

        public Builder tuning(Tuning v) {
            this.tuning = v;
            return this;
        }

        public BybitSettings build() {
            String pub = wsPublicUrl != null ? wsPublicUrl
                    : MAINNET_WS + "/v5/public/" + category.wire();
            String priv = wsPrivateUrl != null ? wsPrivateUrl : MAINNET_WS + "/v5/private";
            return new BybitSettings(account, apiKey, apiSecret, category, URI.create(restUrl),
                    URI.create(pub), URI.create(priv), recvWindow, tuning);
        }
    }
}
