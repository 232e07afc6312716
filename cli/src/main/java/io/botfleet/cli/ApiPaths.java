package io.botfleet.cli;

import java.nio.charset.StandardCharsets;

/** The API's routes, with what the user typed percent-encoded into their path segments. */
final class ApiPaths {

    static final String BOTS = "/api/v1/bots";
    static final String STRATEGIES = "/api/v1/strategies";
    static final String BUNDLES = "/api/v1/bundles";
    static final String CANDLES = "/api/v1/candles";
    static final String BACKTESTS = "/api/v1/backtests";
    static final String CLUSTER_NODES = "/api/v1/cluster/nodes";

    private ApiPaths() {
    }

    static String bot(String id) {
        return BOTS + "/" + segment(id);
    }

    static String dataset(DatasetKey key) {
        return CANDLES + "/" + segment(key.exchange()) + "/" + segment(key.symbol()) + "/" + segment(key.interval());
    }

    static String backtest(String id) {
        return BACKTESTS + "/" + segment(id);
    }

    /**
     * One path segment: everything but RFC 3986's unreserved characters percent-encoded, so an
     * argument such as {@code a/b} or {@code ..} stays one segment the server refuses by name.
     */
    static String segment(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '~' || (c == '.' && !value.chars().allMatch(ch -> ch == '.'));
            if (unreserved) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
