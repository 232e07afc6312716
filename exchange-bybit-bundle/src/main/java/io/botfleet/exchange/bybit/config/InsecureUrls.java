package io.botfleet.exchange.bybit.config;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * Refuses exchange URLs without TLS ({@code http://}, {@code ws://}) to any host but this
 * machine: API keys, signatures and orders would cross the network in clear. A local fake or a
 * TLS-terminating proxy on localhost stays possible; anything else needs an explicit
 * {@code allowInsecureUrl=true}, which nobody sets by accident.
 */
final class InsecureUrls {

    private InsecureUrls() {
    }

    /**
     * @param urls the account's URLs by configuration key
     * @throws IllegalArgumentException naming the key and its URL
     */
    static void check(String account, Map<String, String> urls, boolean allowInsecure) {
        if (allowInsecure) {
            return;
        }
        for (Map.Entry<String, String> url : urls.entrySet()) {
            URI uri;
            try {
                uri = URI.create(url.getValue());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Bybit account " + account + ": " + url.getKey()
                        + " is not a URL: '" + url.getValue() + "'");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("ws")) && !isLocal(uri.getHost())) {
                throw new IllegalArgumentException("Bybit account " + account + ": " + url.getKey() + " "
                        + url.getValue() + " is not encrypted (" + scheme + "://) and leaves this machine;"
                        + " use " + (scheme.equals("http") ? "https" : "wss")
                        + "://, or set allowInsecureUrl=true if you really mean it");
            }
        }
    }

    static boolean isLocal(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1")
                || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
}
