package io.botfleet.exchange.bybit.sign;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An API secret. It can only be turned into an HMAC key; it has no getter and its
 * {@link #toString()} is redacted, so logging a settings object or an exception that carries one
 * never prints it.
 */
public final class Secret {

    private final byte[] utf8;

    private Secret(byte[] utf8) {
        this.utf8 = utf8;
    }

    public static Secret of(String value) {
        Objects.requireNonNull(value, "secret");
        if (value.isBlank()) {
            throw new IllegalArgumentException("the API secret is empty");
        }
        return new Secret(value.strip().getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of the key bytes, for {@link BybitSigner} only. */
    byte[] keyBytes() {
        return utf8.clone();
    }

    /** Overwrites the bytes held here; the signer keeps its own key. */
    public void destroy() {
        Arrays.fill(utf8, (byte) 0);
    }

    @Override
    public String toString() {
        return "****";
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
