package io.botfleet.exchange.bybit.sign;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Bybit V5 signatures: HMAC-SHA256 keyed with the secret's UTF-8 bytes, lowercase hex.
 *
 * <ul>
 *   <li>REST: {@code timestamp + apiKey + recvWindow + payload}, where the payload is the query
 *       string exactly as sent (no {@code ?}) for GET and the exact body bytes for POST; without a
 *       recv-window header that segment is empty.</li>
 *   <li>WebSocket auth: {@code "GET/realtime" + expires}.</li>
 * </ul>
 * Thread-safe: one {@link Mac} per thread (Mac instances are not thread-safe and creating one
 * costs more than the signature itself).
 */
public final class BybitSigner {

    private static final String ALGORITHM = "HmacSHA256";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final String apiKey;
    private final ThreadLocal<Mac> mac;

    public BybitSigner(String apiKey, Secret secret) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("the API key is empty");
        }
        this.apiKey = apiKey.strip();
        SecretKeySpec key = new SecretKeySpec(secret.keyBytes(), ALGORITHM);
        newMac(key); // fail fast here, not on the first order
        this.mac = ThreadLocal.withInitial(() -> newMac(key));
    }

    public String apiKey() {
        return apiKey;
    }

    /**
     * Signs a REST request.
     *
     * @param timestamp  the {@code X-BAPI-TIMESTAMP} value
     * @param recvWindow the {@code X-BAPI-RECV-WINDOW} value, or null when that header is not sent
     * @param payload    the query string (GET) or the body (POST), exactly as sent
     */
    public String signRest(long timestamp, String recvWindow, String payload) {
        StringBuilder s = new StringBuilder(32 + payload.length());
        s.append(timestamp).append(apiKey);
        if (recvWindow != null) {
            s.append(recvWindow);
        }
        s.append(payload);
        return hmacHex(s.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Signs the private WebSocket {@code auth} operation for the given expiry (epoch ms). */
    public String signWebSocket(long expires) {
        return hmacHex(("GET/realtime" + expires).getBytes(StandardCharsets.UTF_8));
    }

    /** HMAC-SHA256 of {@code data}, lowercase hex. */
    public String hmacHex(byte[] data) {
        byte[] digest = mac.get().doFinal(data);
        char[] out = new char[digest.length * 2];
        for (int i = 0; i < digest.length; i++) {
            out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[digest[i] & 0xf];
        }
        return new String(out);
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac m = Mac.getInstance(ALGORITHM);
            m.init(key);
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "BybitSigner[apiKey=" + redactKey(apiKey) + "]";
    }

    /** The first 4 characters of an API key, enough for an operator to tell two keys apart. */
    public static String redactKey(String apiKey) {
        if (apiKey == null || apiKey.length() <= 4) {
            return "****";
        }
        return apiKey.substring(0, 4) + "****";
    }
}
