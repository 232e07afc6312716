package io.botfleet.exchange.bybit.config;

import io.botfleet.exchange.bybit.BybitSettings;
import io.botfleet.exchange.bybit.Category;
import io.botfleet.exchange.bybit.sign.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.time.Duration;

/**
 * Turns configuration properties (the keys of {@link BybitConfiguration}) into
 * {@link BybitSettings}. The same code serves ConfigAdmin and plain-Java callers, so a
 * {@code .cfg} file and a test {@code Map} mean exactly the same thing.
 *
 * <p>The secret comes from the first of {@code apiSecret}, {@code apiSecretEnv} (the name of an
 * environment variable), {@code apiSecretFile} (a path). Error messages name where a secret was
 * looked for, never its value.
 */
public final class SettingsFactory {

    public static final String PID = "io.botfleet.exchange.bybit";
    static final String DEMO_WS_PRIVATE = "wss://stream-demo.bybit.com/v5/private";

    private SettingsFactory() {
    }

    public static BybitSettings fromMap(Map<String, ?> props) {
        return fromMap(props, System::getenv);
    }

    /**
     * @param env looks environment variables up (tests pass their own)
     * @throws IllegalArgumentException naming the offending key
     */
    public static BybitSettings fromMap(Map<String, ?> props, Function<String, String> env) {
        String account = string(props, "account");
        if (account.isEmpty()) {
            account = nameAfterTilde(string(props, "service.pid"));
        }
        if (account.isEmpty()) {
            String file = string(props, "felix.fileinstall.filename");
            account = nameAfterTilde(file.replaceAll("\\.(cfg|config)$", ""));
        }
        if (account.isEmpty()) {
            throw new IllegalArgumentException("Bybit configuration has no 'account' and its name "
                    + "has no '~<account>' part");
        }
        Category category = Category.parse(string(props, "category"));
        String environment = string(props, "environment").toLowerCase(Locale.ROOT);
        String rest;
        String ws;
        String wsPrivate;
        switch (environment) {
            case "", "mainnet" -> {
                rest = BybitSettings.MAINNET_REST;
                ws = BybitSettings.MAINNET_WS;
                wsPrivate = ws + "/v5/private";
            }
            case "testnet" -> {
                rest = BybitSettings.TESTNET_REST;
                ws = BybitSettings.TESTNET_WS;
                wsPrivate = ws + "/v5/private";
            }
            case "demo" -> {
                // demo trading uses mainnet market data and its own private stream
                rest = BybitSettings.DEMO_REST;
                ws = BybitSettings.MAINNET_WS;
                wsPrivate = DEMO_WS_PRIVATE;
            }
            default -> throw new IllegalArgumentException("Bybit account " + account
                    + ": environment must be mainnet, testnet or demo, was '" + environment + "'");
        }
        String restUrl = orDefault(string(props, "restUrl"), rest);
        String wsPublic = orDefault(string(props, "wsPublicUrl"), ws + "/v5/public/" + category.wire());
        String wsPriv = orDefault(string(props, "wsPrivateUrl"), wsPrivate);
        refuseMixedVenues(account, environment.isEmpty() ? "mainnet" : environment, props, rest, wsPublic, wsPriv);
        InsecureUrls.check(account, Map.of("restUrl", restUrl, "wsPublicUrl", wsPublic, "wsPrivateUrl", wsPriv),
                "true".equalsIgnoreCase(string(props, "allowInsecureUrl")));
        String recv = string(props, "recvWindow");
        long recvWindow;
        try {
            recvWindow = recv.isEmpty() ? BybitSettings.DEFAULT_RECV_WINDOW : Long.parseLong(recv);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Bybit account " + account
                    + ": recvWindow must be a number of ms, was '" + recv + "'");
        }
        String timeout = string(props, "requestTimeoutMillis");
        BybitSettings.Tuning tuning = BybitSettings.Tuning.defaults();
        if (!timeout.isEmpty()) {
            long millis;
            try {
                millis = Long.parseLong(timeout);
            } catch (NumberFormatException e) {
                millis = -1;
            }
            if (millis < 100 || millis > 120_000) {
                throw new IllegalArgumentException("Bybit account " + account
                        + ": requestTimeoutMillis must be 100..120000 ms, was '" + timeout + "'");
            }
            tuning = tuning.withRequestTimeout(Duration.ofMillis(millis));
        }
        return BybitSettings.builder(account)
                .tuning(tuning)
                .apiKey(string(props, "apiKey"))
                .apiSecret(secret(account, props, env))
                .category(category)
                .restUrl(restUrl)
                .wsPublicUrl(wsPublic)
                .wsPrivateUrl(wsPriv)
                .recvWindow(recvWindow)
                .build();
    }

    /**
     * A {@code restUrl} of its own with stream URLs left to the environment's defaults would send
     * orders to one venue while prices and fills come from another (a local test server and
     * mainnet's streams, or testnet orders priced by mainnet): refused, naming the keys.
     */
    private static void refuseMixedVenues(String account, String environment, Map<String, ?> props,
                                          String environmentRest, String wsPublic, String wsPrivate) {
        String restUrl = trimSlash(string(props, "restUrl"));
        if (restUrl.isEmpty() || restUrl.equals(environmentRest)) {
            return;
        }
        StringBuilder defaulted = new StringBuilder();
        if (string(props, "wsPublicUrl").isEmpty()) {
            defaulted.append("wsPublicUrl (").append(wsPublic).append(')');
        }
        if (string(props, "wsPrivateUrl").isEmpty()) {
            defaulted.append(defaulted.length() > 0 ? " and " : "")
                    .append("wsPrivateUrl (").append(wsPrivate).append(')');
        }
        if (defaulted.length() == 0) {
            return;
        }
        String hint = switch (restUrl) {
            case BybitSettings.MAINNET_REST -> "; for mainnet set environment=mainnet and remove restUrl";
            case BybitSettings.TESTNET_REST -> "; for testnet set environment=testnet and remove restUrl";
            case BybitSettings.DEMO_REST -> "; for demo trading set environment=demo and remove restUrl";
            default -> "";
        };
        boolean both = string(props, "wsPublicUrl").isEmpty() && string(props, "wsPrivateUrl").isEmpty();
        throw new IllegalArgumentException("Bybit account " + account + ": restUrl is set to " + restUrl
                + " but " + defaulted + (both ? " fall" : " falls") + " back to the " + environment + " defaults (environment="
                + environment + "): orders would go to one venue and prices come from another. Set "
                + "restUrl, wsPublicUrl and wsPrivateUrl together" + hint);
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static Secret secret(String account, Map<String, ?> props, Function<String, String> env) {
        String direct = string(props, "apiSecret");
        if (!direct.isEmpty()) {
            return Secret.of(direct);
        }
        String envName = string(props, "apiSecretEnv");
        if (!envName.isEmpty()) {
            String v = env.apply(envName);
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException("Bybit account " + account
                        + ": environment variable " + envName + " (apiSecretEnv) is not set");
            }
            return Secret.of(v);
        }
        String file = string(props, "apiSecretFile");
        if (!file.isEmpty()) {
            try {
                return Secret.of(Files.readString(Path.of(file), StandardCharsets.UTF_8));
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException("Bybit account " + account
                        + ": cannot read the secret file " + file + " (apiSecretFile): "
                        + e.getClass().getSimpleName());
            }
        }
        throw new IllegalArgumentException("Bybit account " + account
                + ": one of apiSecret, apiSecretEnv or apiSecretFile is required");
    }

    private static String nameAfterTilde(String pid) {
        int tilde = pid.lastIndexOf('~');
        return tilde < 0 ? "" : pid.substring(tilde + 1).trim();
    }

    private static String orDefault(String v, String dflt) {
        return v.isEmpty() ? dflt : v;
    }

    private static String string(Map<String, ?> props, String key) {
        Object v = props.get(key);
        if (v == null) {
            return "";
        }
        if (v instanceof String[] a) {
            return a.length == 0 ? "" : a[0].trim();
        }
        if (v instanceof char[] c) { // metatype PASSWORD values may come as char[]
            return new String(c).trim();
        }
        return v.toString().trim();
    }
}
