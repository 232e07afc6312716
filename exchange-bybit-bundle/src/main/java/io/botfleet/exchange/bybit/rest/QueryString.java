package io.botfleet.exchange.bybit.rest;

import java.nio.charset.StandardCharsets;

/**
 * Builds a query string in the order parameters are added. The string built here is both what
 * is sent and what is signed, so the two can never differ.
 */
public final class QueryString {

    private final StringBuilder sb = new StringBuilder();

    public static QueryString create() {
        return new QueryString();
    }

    /** An independent copy, to which more parameters (a cursor) can be added. */
    public QueryString copy() {
        QueryString q = new QueryString();
        q.sb.append(sb);
        return q;
    }

    /** Adds {@code name=value} with the value percent-encoded; null values are skipped. */
    public QueryString add(String name, Object value) {
        if (value == null) {
            return this;
        }
        return raw(name, encode(value.toString()));
    }

    /**
     * Adds a value that is already encoded, such as Bybit's {@code nextPageCursor}, which Bybit
     * hands out percent-encoded and expects back unchanged.
     */
    public QueryString raw(String name, String encodedValue) {
        if (encodedValue == null || encodedValue.isEmpty()) {
            return this;
        }
        if (sb.length() > 0) {
            sb.append('&');
        }
        sb.append(name).append('=').append(encodedValue);
        return this;
    }

    @Override
    public String toString() {
        return sb.toString();
    }

    /** RFC 3986 unreserved characters pass through; everything else is %XX of its UTF-8. */
    static String encode(String s) {
        StringBuilder out = null;
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean plain = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')
                    || (b >= '0' && b <= '9') || b == '-' || b == '_' || b == '.' || b == '~';
            if (plain && out == null) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(s.length() + 8);
                out.append(new String(bytes, 0, i, StandardCharsets.UTF_8));
            }
            if (plain) {
                out.append((char) b);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out == null ? s : out.toString();
    }
}
